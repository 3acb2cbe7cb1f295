package dev.kordon.image.report;

import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.inventory.Package;
import dev.kordon.image.vuln.VulnerabilityMatch;
import dev.kordon.report.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.model.vulnerability.Vulnerability;

/**
 * A CycloneDX 1.6 JSON SBOM of scanned images, built with cyclonedx-core-java: the image as a
 * container component, every package as a library with its purl and layer, the image's dependency
 * on each package, and the vulnerabilities matched (when a database was given).
 */
public final class CycloneDxWriter {
  private CycloneDxWriter() {}

  public static String write(List<ImageScan> scans, Instant now) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(now));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("kordon");
    tool.setVersion(Report.Tool.KORDON.version());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    bom.setMetadata(metadata);

    List<Component> top = new ArrayList<>();
    List<Dependency> dependencies = new ArrayList<>();
    List<Vulnerability> vulnerabilities = new ArrayList<>();
    for (int i = 0; i < scans.size(); i++) {
      ImageScan scan = scans.get(i);
      ImageInventory inv = scan.inventory();
      String imageRef = "image-" + (i + 1);
      Component image = new Component();
      image.setType(Component.Type.CONTAINER);
      image.setBomRef(imageRef);
      image.setName(inv.image());
      if (!inv.digest().isEmpty()) {
        image.setVersion(inv.digest());
      }
      if (inv.os().known()) {
        image.setProperties(
            List.of(
                new Property("kordon:os:id", inv.os().id()),
                new Property("kordon:os:versionId", inv.os().versionId())));
      }
      Dependency imageDeps = new Dependency(imageRef);
      Map<String, List<String>> refsByPackage = new LinkedHashMap<>();
      List<Component> packages = new ArrayList<>();
      for (int k = 0; k < inv.packages().size(); k++) {
        Package p = inv.packages().get(k);
        String ref = imageRef + "/pkg-" + (k + 1);
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef(ref);
        c.setName(p.name());
        c.setVersion(p.version());
        if (!p.purl().isEmpty()) {
          c.setPurl(p.purl());
        }
        List<Property> props = new ArrayList<>();
        props.add(new Property("kordon:ecosystem", p.ecosystem()));
        if (!p.layer().isEmpty()) {
          props.add(new Property("kordon:layer", p.layer()));
        }
        if (!p.source().isEmpty() && !p.source().equals(p.name())) {
          props.add(new Property("kordon:source", p.source()));
        }
        if (!p.sourceVersion().isEmpty() && !p.sourceVersion().equals(p.version())) {
          props.add(new Property("kordon:sourceVersion", p.sourceVersion()));
        }
        if (!p.path().isEmpty()) {
          props.add(new Property("kordon:path", p.path()));
        }
        c.setProperties(props);
        packages.add(c);
        imageDeps.addDependency(new Dependency(ref));
        refsByPackage
            .computeIfAbsent(
                p.ecosystem() + " " + (p.source().isEmpty() ? p.name() : p.source()),
                x -> new ArrayList<>())
            .add(ref);
        refsByPackage
            .computeIfAbsent(p.ecosystem() + " name " + p.name(), x -> new ArrayList<>())
            .add(ref);
      }
      dependencies.add(imageDeps);
      if (scans.size() == 1) {
        metadata.setComponent(image);
        top.addAll(packages);
      } else {
        image.setComponents(packages);
        top.add(image);
      }
      for (VulnerabilityMatch m : scan.vulnerabilities()) {
        vulnerabilities.add(vulnerability(m, imageRef, refsByPackage));
      }
    }
    bom.setComponents(top);
    bom.setDependencies(dependencies);
    if (!vulnerabilities.isEmpty()) {
      bom.setVulnerabilities(vulnerabilities);
    }
    try {
      return BomGeneratorFactory.createJson(org.cyclonedx.Version.VERSION_16, bom).toJsonString();
    } catch (GeneratorException e) {
      throw new IllegalStateException("CycloneDX generation failed: " + e.getMessage(), e);
    }
  }

  private static Vulnerability vulnerability(
      VulnerabilityMatch m, String imageRef, Map<String, List<String>> refsByPackage) {
    Vulnerability v = new Vulnerability();
    v.setBomRef(imageRef + "/" + m.id() + "/" + m.pkg());
    v.setId(m.id());
    Vulnerability.Source source = new Vulnerability.Source();
    source.setName("OSV");
    source.setUrl("https://osv.dev/vulnerability/" + m.id());
    v.setSource(source);
    Vulnerability.Rating rating = new Vulnerability.Rating();
    rating.setSeverity(
        switch (m.severity()) {
          case "critical" -> Vulnerability.Rating.Severity.CRITICAL;
          case "high" -> Vulnerability.Rating.Severity.HIGH;
          case "medium" -> Vulnerability.Rating.Severity.MEDIUM;
          case "low" -> Vulnerability.Rating.Severity.LOW;
          default -> Vulnerability.Rating.Severity.UNKNOWN;
        });
    v.setRatings(List.of(rating));
    if (!m.summary().isEmpty()) {
      v.setDescription(m.summary());
    }
    if (!m.fixedVersion().isEmpty()) {
      v.setRecommendation("Upgrade " + m.pkg() + " to " + m.fixedVersion() + " or later.");
    }
    List<Vulnerability.Affect> affects = new ArrayList<>();
    List<String> refs =
        new ArrayList<>(refsByPackage.getOrDefault(m.ecosystem() + " " + m.pkg(), List.of()));
    if (refs.isEmpty()) {
      refs.addAll(refsByPackage.getOrDefault(m.ecosystem() + " name " + m.pkg(), List.of()));
    }
    for (String ref : refs.stream().distinct().toList()) {
      Vulnerability.Affect a = new Vulnerability.Affect();
      a.setRef(ref);
      affects.add(a);
    }
    v.setAffects(affects);
    return v;
  }
}
