package dev.kordon.netpol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.kordon.testing.KordonClasses;
import org.junit.jupiter.api.Test;

/**
 * The analyzer sees model, snapshot and source only: never controls, findings' users or reports.
 */
class NetpolArchitectureTest {

  @Test
  void netpolDependsOnlyOnModelSnapshotAndSource() {
    JavaClasses classes = KordonClasses.production();
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
