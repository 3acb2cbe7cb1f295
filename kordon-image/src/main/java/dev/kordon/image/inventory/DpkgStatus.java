package dev.kordon.image.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Debian's package database: {@code var/lib/dpkg/status} and the per-package files of {@code
 * var/lib/dpkg/status.d/} (distroless). Only entries whose {@code Status:} is {@code install ok
 * installed} are installed; a status.d file has no Status field and is installed by being there.
 */
public final class DpkgStatus {
  private DpkgStatus() {}

  private static final Set<String> FIELDS =
      Set.of("Package", "Version", "Architecture", "Source", "Status");

  /** Whether a path inside an image is a dpkg database (not status-old, not *.md5sums). */
  public static boolean isDatabase(String path) {
    if (path.equals("var/lib/dpkg/status")) {
      return true;
    }
    if (path.startsWith("var/lib/dpkg/status.d/")) {
      String name = path.substring("var/lib/dpkg/status.d/".length());
      return !name.isEmpty() && !name.contains("/") && !name.endsWith(".md5sums");
    }
    return false;
  }

  public static List<OsPackage> read(InputStream in) throws IOException {
    List<OsPackage> out = new ArrayList<>();
    Stanzas.read(
        in,
        ':',
        FIELDS,
        f -> {
          String name = f.get("Package");
          String version = f.get("Version");
          String status = f.get("Status");
          if (name == null || version == null) {
            return;
          }
          if (status != null && !status.replaceAll("\\s+", " ").equals("install ok installed")) {
            return;
          }
          String source = name;
          String sourceVersion = version;
          String declared = f.get("Source");
          if (declared != null && !declared.isBlank()) {
            // "Source: name (version)" when the source version differs from the binary's
            int paren = declared.indexOf('(');
            if (paren > 0 && declared.endsWith(")")) {
              source = declared.substring(0, paren).strip();
              sourceVersion = declared.substring(paren + 1, declared.length() - 1).strip();
            } else {
              source = declared.strip();
            }
          }
          out.add(
              new OsPackage(
                  name, version, f.getOrDefault("Architecture", ""), source, sourceVersion));
        });
    return out;
  }
}
