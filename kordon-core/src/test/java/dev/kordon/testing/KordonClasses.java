package dev.kordon.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Kordon's production classes as ArchUnit sees them, imported once per test JVM: importing every
 * class file is the cost of an architecture test, and each rule checks the same classes.
 */
public final class KordonClasses {
  private KordonClasses() {}

  private static JavaClasses production;

  /** Every class of {@code dev.kordon} on the class path, tests left out. */
  public static synchronized JavaClasses production() {
    if (production == null) {
      production =
          new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPackages("dev.kordon");
    }
    return production;
  }
}
