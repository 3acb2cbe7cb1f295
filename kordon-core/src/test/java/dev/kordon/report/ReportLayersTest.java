package dev.kordon.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writers only format: they read the report and the model, never the engine or the inputs. */
class ReportLayersTest {

  // the compiled writers only: scanning the whole class path for the package is slow
  private static final JavaClasses CLASSES =
      new ClassFileImporter().importPath(Path.of("target", "classes", "dev", "kordon", "report"));

  @Test
  void writersNeverReachBackIntoTheScan() {
    noClasses()
        .that()
        .resideInAPackage("dev.kordon.report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kordon.engine..",
            "dev.kordon.source..",
            "dev.kordon.snapshot..",
            "dev.kordon.pss..",
            "dev.kordon.rbac..",
            "dev.kordon.netpol..",
            "dev.kordon.results..")
        .check(CLASSES);
  }

  @Test
  void formatsDoNotDependOnEachOther() {
    List<String> formats = List.of("json", "sarif", "junit", "markdown", "html", "table", "dot");
    for (String format : formats) {
      String[] others =
          formats.stream()
              .filter(f -> !f.equals(format))
              .map(f -> "dev.kordon.report." + f + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("dev.kordon.report." + format + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .because("each writer is self-contained")
          .check(CLASSES);
    }
  }
}
