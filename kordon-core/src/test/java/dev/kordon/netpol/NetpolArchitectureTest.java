package dev.kordon.netpol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The analyzer sees model, snapshot and source only: never controls, findings' users or reports.
 */
class NetpolArchitectureTest {

  @Test
  void netpolDependsOnlyOnModelSnapshotAndSource() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kordon");
    noClasses()
        .that()
        .resideInAPackage("dev.kordon.netpol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kordon.control..",
            "dev.kordon.engine..",
            "dev.kordon.report..",
            "dev.kordon.framework..",
            "dev.kordon.cli..")
        .check(classes);
  }
}
