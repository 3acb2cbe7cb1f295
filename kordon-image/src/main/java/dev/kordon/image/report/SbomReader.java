package dev.kordon.image.report;

import com.github.packageurl.PackageURL;
import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.inventory.OsRelease;
import dev.kordon.image.inventory.Package;
import dev.kordon.image.inventory.Purls;
import dev.kordon.image.layer.ImageReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;

/**
 * A CycloneDX JSON SBOM read as an inventory ({@code image scan sbom:FILE}): every component with a
 * purl of a type Kordon matches (deb, apk, maven, npm, pypi), nested components included.
 */
public final class SbomReader {
  private SbomReader() {}

  static final long MAX_SBOM = 256L << 20;

  public static ImageInventory read(Path file) throws IOException {
    String image = "sbom:" + file;
    if (!Files.isRegularFile(file)) {
      throw new ImageReadException(image, "", "no such file");
    }
    if (Files.size(file) > MAX_SBOM) {
      throw new ImageReadException(image, "", "larger than " + MAX_SBOM + " bytes");
    }
    Bom bom;
    try {
      bom = new JsonParser().parse(Files.readAllBytes(file));
    } catch (ParseException | RuntimeException e) {
      throw new ImageReadException(image, "", "not a CycloneDX JSON SBOM: " + e.getMessage(), e);
    }
    List<Package> packages = new ArrayList<>();
    OsRelease[] os = {OsRelease.UNKNOWN};
    String name = image;
    String digest = "";
    if (bom.getMetadata() != null && bom.getMetadata().getComponent() != null) {
      Component c = bom.getMetadata().getComponent();
      name = c.getName() == null ? image : c.getName();
      digest = c.getVersion() != null && c.getVersion().startsWith("sha256:") ? c.getVersion() : "";
    }
    walk(bom.getComponents(), packages, os, 0);
    return new ImageInventory(name, digest, os[0], List.of(), packages);
  }

  private static void walk(
      List<Component> components, List<Package> out, OsRelease[] os, int depth) {
    if (components == null || depth > 32) {
      return;
    }
    for (Component c : components) {
      if (c.getPurl() != null) {
        PackageURL purl = Purls.parse(c.getPurl());
        if (purl != null) {
          Package p = fromPurl(purl, c, os);
          if (p != null) {
            out.add(p);
          }
        }
      }
      walk(c.getComponents(), out, os, depth + 1);
    }
  }

  private static Package fromPurl(PackageURL purl, Component c, OsRelease[] os) {
    Map<String, String> q = purl.getQualifiers() == null ? Map.of() : purl.getQualifiers();
    String version = purl.getVersion();
    if (version == null || version.isEmpty()) {
      return null;
    }
    String layer = property(c, "kordon:layer");
    String canonical = purl.canonicalize();
    switch (purl.getType()) {
      case "deb", "apk" -> {
        String distro = q.getOrDefault("distro", "");
        String id = purl.getNamespace() == null ? "" : purl.getNamespace();
        String ver = distro.startsWith(id + "-") ? distro.substring(id.length() + 1) : distro;
        OsRelease release = new OsRelease(id, ver, "");
        if (!os[0].known() && !ver.isEmpty()) {
          os[0] = release;
        }
        String ecosystem =
            release.osvEcosystem().orElse(purl.getType().equals("apk") ? "Alpine" : "Debian");
        String source = q.getOrDefault("upstream", purl.getName());
        String sourceVersion = version;
        int at = source.indexOf('@');
        if (at > 0) {
          sourceVersion = source.substring(at + 1);
          source = source.substring(0, at);
        }
        if (!property(c, "kordon:source").isEmpty()) {
          source = property(c, "kordon:source");
        }
        if (!property(c, "kordon:sourceVersion").isEmpty()) {
          sourceVersion = property(c, "kordon:sourceVersion");
        }
        return new Package(
            purl.getName(), version, ecosystem, canonical, layer, source, sourceVersion, "");
      }
      case "maven" -> {
        return new Package(
            purl.getNamespace() + ":" + purl.getName(),
            version,
            "Maven",
            canonical,
            layer,
            "",
            "",
            "");
      }
      case "npm" -> {
        String n =
            purl.getNamespace() == null
                ? purl.getName()
                : purl.getNamespace() + "/" + purl.getName();
        return new Package(n, version, "npm", canonical, layer, "", "", "");
      }
      case "pypi" -> {
        // the purl holds the normalised name; the component keeps the project's own spelling
        String n = c.getName() != null && !c.getName().isBlank() ? c.getName() : purl.getName();
        return new Package(n, version, "PyPI", canonical, layer, "", "", "");
      }
      default -> {
        return null;
      }
    }
  }

  private static String property(Component c, String name) {
    if (c.getProperties() == null) {
      return "";
    }
    return c.getProperties().stream()
        .filter(p -> name.equals(p.getName()))
        .map(p -> p.getValue() == null ? "" : p.getValue())
        .findFirst()
        .orElse("");
  }
}
