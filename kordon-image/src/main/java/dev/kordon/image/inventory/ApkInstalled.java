package dev.kordon.image.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Alpine's package database {@code lib/apk/db/installed}: {@code P:} name, {@code V:} version,
 * {@code A:} architecture, {@code o:} origin (the source package advisories name).
 */
public final class ApkInstalled {
  private ApkInstalled() {}

  public static final String PATH = "lib/apk/db/installed";

  private static final Set<String> FIELDS = Set.of("P", "V", "A", "o");

  public static List<OsPackage> read(InputStream in) throws IOException {
    List<OsPackage> out = new ArrayList<>();
    Stanzas.read(
        in,
        ':',
        FIELDS,
        f -> {
          String name = f.get("P");
          String version = f.get("V");
          if (name == null || version == null) {
            return;
          }
          String origin = f.getOrDefault("o", name);
          out.add(new OsPackage(name, version, f.getOrDefault("A", ""), origin, version));
        });
    return out;
  }
}
