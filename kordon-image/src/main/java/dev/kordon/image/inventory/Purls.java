package dev.kordon.image.inventory;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;
import dev.kordon.image.version.Ecosystem;

/** Package URLs (purl spec) through packageurl-java; never written by hand. */
public final class Purls {
  private Purls() {}

  public static String os(Ecosystem e, OsRelease os, OsPackage p) {
    PackageURLBuilder b =
        PackageURLBuilder.aPackageURL()
            .withType(e.purlType())
            .withNamespace(
                os.id().isEmpty() ? e.osvName().toLowerCase(java.util.Locale.ROOT) : os.id())
            .withName(p.name())
            .withVersion(p.version());
    if (!p.arch().isEmpty()) {
      b.withQualifier("arch", p.arch());
    }
    if (!os.versionId().isEmpty()) {
      b.withQualifier("distro", os.id() + "-" + os.versionId());
    }
    if (!p.source().equals(p.name())) {
      b.withQualifier("upstream", p.source());
    }
    return build(b);
  }

  public static String lang(LangPackage p) {
    PackageURLBuilder b = PackageURLBuilder.aPackageURL().withType(p.ecosystem().purlType());
    String name = p.name();
    switch (p.ecosystem()) {
      case MAVEN -> {
        int colon = name.indexOf(':');
        b.withNamespace(name.substring(0, colon)).withName(name.substring(colon + 1));
      }
      case NPM -> {
        int slash = name.indexOf('/');
        if (name.startsWith("@") && slash > 0) {
          b.withNamespace(name.substring(0, slash)).withName(name.substring(slash + 1));
        } else {
          b.withName(name);
        }
      }
      case PYPI -> b.withName(Ecosystem.PYPI.normalizeName(name));
      default -> b.withName(name);
    }
    return build(b.withVersion(p.version()));
  }

  private static String build(PackageURLBuilder b) {
    try {
      return b.build().canonicalize();
    } catch (MalformedPackageURLException e) {
      return "";
    }
  }

  /** The parts of a purl that name a package, or null when it is not one Kordon matches. */
  public static PackageURL parse(String purl) {
    try {
      return new PackageURL(purl);
    } catch (MalformedPackageURLException e) {
      return null;
    }
  }
}
