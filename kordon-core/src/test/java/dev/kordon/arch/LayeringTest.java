package dev.kordon.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.kordon.testing.KordonClasses;
import org.junit.jupiter.api.Test;

/** Keeps the arrows of DESIGN.md pointing one way. */
class LayeringTest {

  private static final JavaClasses CORE = KordonClasses.production();

  @Test
  void modelDependsOnNothingElseInKordon() {
    noClasses()
        .that()
        .resideInAPackage("dev.kordon.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kordon.source..",
            "dev.kordon.snapshot..",
            "dev.kordon.control..",
            "dev.kordon.engine..",
            "dev.kordon.report..",
            "dev.kordon.framework..",
            "dev.kordon.pss..",
            "dev.kordon.rbac..",
            "dev.kordon.netpol..")
        .check(CORE);
  }

  @Test
  void sourcesNeverJudge() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.kordon.source..", "dev.kordon.snapshot..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kordon.control..",
            "dev.kordon.engine..",
            "dev.kordon.report..",
            "dev.kordon.framework..",
            "dev.kordon.pss..",
            "dev.kordon.rbac..",
            "dev.kordon.netpol..")
        .check(CORE);
  }

  @Test
  void analyzersNeverSeeControlsFindingsOrReports() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.kordon.pss..", "dev.kordon.rbac..", "dev.kordon.netpol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kordon.control..",
            "dev.kordon.engine..",
            "dev.kordon.report..",
            "dev.kordon.results..",
            "dev.kordon.framework..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.kordon.model.Finding")
        .allowEmptyShould(true)
        .check(CORE);
  }

  @Test
  void controlsNeverReachTheEngineOrReports() {
    noClasses()
        .that()
        .resideInAPackage("dev.kordon.control..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.kordon.engine..", "dev.kordon.report..")
        .check(CORE);
  }

  @Test
  void writersNeverCallTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.kordon.report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.kordon.engine..", "dev.kordon.source..")
        .check(CORE);
  }

  @Test
  void controlsDoNoInputOrOutput() {
    noClasses()
        .that()
        .resideInAPackage("dev.kordon.control..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio.file..", "java.net..")
        .check(CORE);
  }
}
