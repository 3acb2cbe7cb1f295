package dev.kordon.image.layer;

import dev.kordon.image.inventory.ApkInstalled;
import dev.kordon.image.inventory.DpkgStatus;
import dev.kordon.image.inventory.JarScanner;
import dev.kordon.image.inventory.LanguageFiles;

/** Which files of an image the inventory reads; every other file is skipped unread. */
enum WantedFiles {
  OS_RELEASE,
  DPKG,
  APK,
  JAR,
  NPM_MANIFEST,
  NPM_LOCK,
  PYTHON,
  NONE;

  static WantedFiles of(String path) {
    if (path.equals("etc/os-release") || path.endsWith("/os-release")) {
      return OS_RELEASE;
    }
    if (DpkgStatus.isDatabase(path)) {
      return DPKG;
    }
    if (path.equals(ApkInstalled.PATH)) {
      return APK;
    }
    if (JarScanner.isArchive(path)) {
      return JAR;
    }
    if (LanguageFiles.isNpmManifest(path)) {
      return NPM_MANIFEST;
    }
    if (LanguageFiles.isNpmLock(path)) {
      return NPM_LOCK;
    }
    if (LanguageFiles.isPythonMetadata(path)) {
      return PYTHON;
    }
    return NONE;
  }
}
