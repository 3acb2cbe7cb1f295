package dev.kordon.image.layer;

import dev.kordon.image.inventory.LangPackage;
import dev.kordon.image.inventory.OsPackage;
import java.util.List;
import java.util.Map;

/** What the inventory kept of one path of the image's file system. */
public sealed interface Fact {

  /** The digest of the layer that wrote the path last. */
  String layer();

  /** A symbolic link, resolved only inside the image. */
  record Link(String target, String layer) implements Fact {}

  /** A small text file (os-release). */
  record Text(String text, String layer) implements Fact {}

  /**
   * An OS package database.
   *
   * @param introducedIn per {@code name@version}, the layer where the package first appeared
   *     unchanged in this database path
   */
  record OsDatabase(
      Kind kind, List<OsPackage> packages, Map<String, String> introducedIn, String layer)
      implements Fact {
    public OsDatabase {
      packages = List.copyOf(packages);
      introducedIn = Map.copyOf(introducedIn);
    }
  }

  /** Language packages recorded by one file. */
  record Lang(List<LangPackage> packages, String layer) implements Fact {
    public Lang {
      packages = List.copyOf(packages);
    }
  }

  enum Kind {
    DPKG,
    APK
  }
}
