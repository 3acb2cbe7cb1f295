package dev.kordon.image.inventory;

import dev.kordon.image.layer.Fact;
import dev.kordon.image.layer.FileTree;
import dev.kordon.image.version.Ecosystem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the merged file tree of an image into its package inventory. */
public final class Inventories {
  private Inventories() {}

  public static ImageInventory of(String image, String digest, List<String> layers, FileTree tree) {
    OsRelease os = osRelease(tree);
    Ecosystem osFamily =
        switch (os.id()) {
          case "alpine" -> Ecosystem.ALPINE;
          case "ubuntu" -> Ecosystem.UBUNTU;
          default -> Ecosystem.DEBIAN;
        };
    String osEcosystem = os.osvEcosystem().orElse(osFamily.osvName());
    List<Package> packages = new ArrayList<>();
    Map<String, Package> lang = new LinkedHashMap<>();
    for (Map.Entry<String, Fact> e : tree.facts().entrySet()) {
      String path = e.getKey();
      if (e.getValue() instanceof Fact.OsDatabase db) {
        Ecosystem family = db.kind() == Fact.Kind.APK ? Ecosystem.ALPINE : osFamily;
        if (db.kind() == Fact.Kind.APK && osFamily != Ecosystem.ALPINE) {
          family = Ecosystem.ALPINE;
        }
        String ecosystem = family == osFamily ? osEcosystem : family.osvName();
        for (OsPackage p : db.packages()) {
          String layer = db.introducedIn().getOrDefault(p.name() + "@" + p.version(), db.layer());
          packages.add(
              new Package(
                  p.name(),
                  p.version(),
                  ecosystem,
                  Purls.os(family, os, p),
                  layer,
                  p.source(),
                  p.sourceVersion(),
                  path));
        }
      } else if (e.getValue() instanceof Fact.Lang l) {
        for (LangPackage p : l.packages()) {
          String key =
              p.ecosystem() + " " + p.ecosystem().normalizeName(p.name()) + " " + p.version();
          lang.putIfAbsent(
              key,
              new Package(
                  p.name(),
                  p.version(),
                  p.ecosystem().osvName(),
                  Purls.lang(p),
                  l.layer(),
                  "",
                  "",
                  p.path()));
        }
      }
    }
    packages.sort(Comparator.comparing(Package::ecosystem).thenComparing(Package::name));
    List<Package> langs = new ArrayList<>(lang.values());
    langs.sort(Comparator.comparing(Package::ecosystem).thenComparing(Package::name));
    packages.addAll(langs);
    return new ImageInventory(image, digest, os, layers, packages);
  }

  /** {@code etc/os-release}, else {@code usr/lib/os-release}, symlinks resolved in the image. */
  static OsRelease osRelease(FileTree tree) {
    for (String candidate : List.of("etc/os-release", "usr/lib/os-release")) {
      String resolved = tree.resolve(candidate);
      if (tree.get(resolved).orElse(null) instanceof Fact.Text t) {
        return OsRelease.parse(t.text());
      }
    }
    return OsRelease.UNKNOWN;
  }
}
