package dev.kordon.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a front door: options in, an analyzer's query API, a report out through a writer. It
 * builds no JSON trees and no tables of its own, and never reaches into the rows of an analyzer's
 * answer: turning answers into sections is {@code dev.kordon.results}' job.
 */
class CliArchitectureTest {

  // the compiled CLI only: its dependencies are checked by name
  private static final JavaClasses CLI =
      new ClassFileImporter().importPath(Path.of("target", "classes", "dev", "kordon", "cli"));

  /** What the CLI may use of the analyzers: questions, query objects and top-level answers. */
  private static final Set<String> QUERY_API =
      Set.of(
          "dev.kordon.rbac.RbacGraph",
          "dev.kordon.rbac.Subject",
          "dev.kordon.rbac.WhoCanQuery",
          "dev.kordon.rbac.WhoCanQuery$Answer",
          "dev.kordon.rbac.SubjectAccess",
          "dev.kordon.rbac.RiskCatalog",
          "dev.kordon.rbac.RiskListing",
          "dev.kordon.rbac.PathListing",
          "dev.kordon.rbac.PathNode",
          "dev.kordon.rbac.EscalationPaths",
          "dev.kordon.netpol.Reachability",
          "dev.kordon.netpol.PolicyModel",
          "dev.kordon.netpol.Matrix",
          "dev.kordon.netpol.PortRequest",
          "dev.kordon.netpol.PortProtocol",
          "dev.kordon.netpol.Protocol",
          "dev.kordon.netpol.Endpoint",
          "dev.kordon.netpol.Verdict",
          "dev.kordon.netpol.Coverage",
          "dev.kordon.netpol.CoverageGaps",
          "dev.kordon.netpol.Flow",
          "dev.kordon.netpol.FlowReader",
          "dev.kordon.netpol.FlowReader$Result",
          "dev.kordon.netpol.FlowReport",
          "dev.kordon.netpol.PolicySuggester",
          "dev.kordon.netpol.PolicySuggester$Suggestion",
          "dev.kordon.pss.PssEvaluator",
          "dev.kordon.pss.PssLevel",
          "dev.kordon.pss.PssVersion",
          "dev.kordon.pss.PssPolicy",
          "dev.kordon.pss.PssDefaults",
          "dev.kordon.pss.PssNamespaces",
          "dev.kordon.pss.PssNamespaces$WhatIf",
          "dev.kordon.pss.PssNamespaces$WorkloadVerdict",
          "dev.kordon.pss.NamespacePolicy",
          "dev.kordon.pss.WorkloadReview");

  @Test
  void theCliBuildsNoJsonTrees() {
    noClasses()
        .that()
        .resideInAPackage("dev.kordon.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("tools.jackson.databind.node..", "tools.jackson.core..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.kordon.report.JsonOutput")
        .because("every result leaves through a ReportWriter")
        .check(CLI);
  }

  @Test
  void theCliUsesNoWriterDirectly() {
    noClasses()
        .that()
        .resideInAPackage("dev.kordon.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kordon.report.json..",
            "dev.kordon.report.table..",
            "dev.kordon.report.markdown..",
            "dev.kordon.report.html..",
            "dev.kordon.report.sarif..",
            "dev.kordon.report.junit..",
            "dev.kordon.report.dot..")
        .because("writers are chosen by Format through ReportWriters, never called by hand")
        .check(CLI);
  }

  @Test
  void theCliUsesOnlyTheAnalyzersQueryApi() {
    DescribedPredicate<JavaClass> internals =
        DescribedPredicate.describe(
            "analyzer classes outside the query API",
            c ->
                (c.getPackageName().equals("dev.kordon.rbac")
                        || c.getPackageName().equals("dev.kordon.netpol")
                        || c.getPackageName().equals("dev.kordon.pss"))
                    && !QUERY_API.contains(c.getName()));
    noClasses()
        .that()
        .resideInAPackage("dev.kordon.cli..")
        .should()
        .dependOnClassesThat(internals)
        .because("answers become sections in dev.kordon.results, not in the CLI")
        .check(CLI);
  }
}
