package dev.kordon.pss;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.kordon.testing.KordonClasses;
import org.junit.jupiter.api.Test;

/** The PSS analyzer depends only on model, snapshot and source: never on controls or reports. */
class PssArchitectureTest {

  @Test
  void pssDependsOnlyOnModelSnapshotAndSource() {
    JavaClasses classes = KordonClasses.production();
    noClasses()
        .that()
        .resideInAPackage("dev.kordon.pss..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kordon.control..",
            "dev.kordon.engine..",
            "dev.kordon.report..",
            "dev.kordon.framework..",
            "dev.kordon.rbac..",
            "dev.kordon.netpol..")
        .check(classes);
  }
}
