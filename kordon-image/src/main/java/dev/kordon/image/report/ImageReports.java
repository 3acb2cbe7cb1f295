package dev.kordon.image.report;

import dev.kordon.control.ControlInfo;
import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.inventory.Package;
import dev.kordon.image.vuln.OsvDatabase;
import dev.kordon.image.vuln.VulnerabilityMatch;
import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.Resource;
import dev.kordon.report.RootFields;
import dev.kordon.report.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the report of {@code kordon image scan}: findings, tables, and the JSON {@code images}.
 */
public final class ImageReports {
  private ImageReports() {}

  /** The command word the JSON report carries. */
  public static final String COMMAND = "image scan";

  /** The image a finding is about, as a report resource. */
  public static ObjectRef ref(ImageInventory inv) {
    return new ObjectRef("kordon.dev/v1", "Image", "", inv.image());
  }

  /** Where the vulnerability data came from and how old it is. */
  public record DbInfo(String path, int records, String dataDate) {
    public static final DbInfo NONE = new DbInfo("", 0, "");

    public static DbInfo of(String path, OsvDatabase db) {
      return new DbInfo(path, db.records(), db.dataDate());
    }
  }

  /** The JSON shape the issue fixes: {@code {"images": [...]}} plus the database's date. */
  public record ImagesData(List<Map<String, Object>> images, DbInfo db) implements RootFields {
    @Override
    public Map<String, Object> rootFields() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("images", images);
      if (!db.path().isEmpty()) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", db.path());
        d.put("records", db.records());
        d.put("dataDate", db.dataDate());
        out.put("vulnDb", d);
      }
      return out;
    }
  }

  public static Report report(List<ImageScan> scans, DbInfo db, List<ScanError> problems) {
    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> images = new ArrayList<>();
    List<List<String>> vulnRows = new ArrayList<>();
    List<List<String>> imageRows = new ArrayList<>();
    for (ImageScan s : scans) {
      findings.addAll(findings(s));
      images.add(json(s));
      ImageInventory inv = s.inventory();
      imageRows.add(
          List.of(
              inv.image(),
              shortDigest(inv.digest()),
              inv.os().known() ? inv.os().id() + " " + inv.os().versionId() : "unknown",
              Integer.toString(inv.packages().size()),
              Integer.toString(s.vulnerabilities().size()),
              s.osEnded().map(d -> "ended " + d).orElse("")));
      for (VulnerabilityMatch m : s.vulnerabilities()) {
        vulnRows.add(
            List.of(
                inv.image(),
                m.id(),
                m.severity(),
                m.pkg(),
                m.version(),
                m.fixedVersion().isEmpty() ? "-" : m.fixedVersion()));
      }
    }
    List<ReportSection> sections = new ArrayList<>();
    findings.sort(
        java.util.Comparator.comparing((Finding f) -> f.resource().name())
            .thenComparing(f -> -f.severity().ordinal())
            .thenComparing(Finding::message));
    List<List<String>> findingRows = new ArrayList<>();
    for (Finding f : findings) {
      findingRows.add(
          List.of(f.resource().name(), f.severity().word(), f.controlId(), f.message()));
    }
    if (!findingRows.isEmpty()) {
      sections.add(
          ReportSection.table(
              "findings",
              "Findings",
              List.of("IMAGE", "SEVERITY", "CONTROL", "MESSAGE"),
              findingRows));
    }
    List<String> footer = new ArrayList<>();
    if (!db.path().isEmpty()) {
      footer.add(
          "vulnerability data: "
              + db.records()
              + " OSV records from "
              + db.path()
              + (db.dataDate().isEmpty() ? "" : ", newest modified " + db.dataDate()));
    } else {
      footer.add("no --vuln-db given: inventory only, no vulnerability matching");
    }
    sections.add(
        new ReportSection.Table(
            "images",
            "Images",
            List.of("IMAGE", "DIGEST", "OS", "PACKAGES", "VULNERABILITIES", "END OF LIFE"),
            imageRows,
            footer,
            new ImagesData(images, db)));
    if (!vulnRows.isEmpty()) {
      sections.add(
          ReportSection.table(
              "vulnerabilities",
              "Vulnerabilities",
              List.of("IMAGE", "ID", "SEVERITY", "PACKAGE", "VERSION", "FIXED IN"),
              vulnRows));
    }
    List<Resource> resources = new ArrayList<>();
    return new Report(
        Report.Tool.KORDON,
        Summary.of(scans.size(), findings),
        findings,
        List.of(),
        problems.stream().filter(ScanError::isError).toList(),
        problems.stream().filter(e -> !e.isError()).toList(),
        ImageControls.all(),
        resources,
        sections,
        COMMAND);
  }

  static String shortDigest(String digest) {
    return digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) : digest;
  }

  /** KOR-0450 per vulnerability (its own severity) and KOR-0451 when the OS is past its end. */
  public static List<Finding> findings(ImageScan s) {
    ImageInventory inv = s.inventory();
    ObjectRef ref = ref(inv);
    List<Finding> out = new ArrayList<>();
    for (VulnerabilityMatch m : s.vulnerabilities()) {
      String fix =
          m.fixedVersion().isEmpty() ? "no fixed version known" : "fixed in " + m.fixedVersion();
      String bins =
          m.binaries().size() > 1
                  || (m.binaries().size() == 1 && !m.binaries().get(0).equals(m.pkg()))
              ? " (installed as " + String.join(", ", m.binaries()) + ")"
              : "";
      out.add(
          finding(
              ImageControls.VULNERABLE_PACKAGE,
              severity(m.severity()),
              ref,
              JsonPointer.of("vulnerabilities", m.id(), m.pkg()),
              m.id()
                  + " in "
                  + m.pkg()
                  + " "
                  + m.version()
                  + bins
                  + ": "
                  + fix
                  + (m.severity().equals("unknown") ? " (severity unknown)" : "")));
    }
    if (s.osEnded().isPresent()) {
      out.add(
          finding(
              ImageControls.END_OF_LIFE_OS,
              ImageControls.END_OF_LIFE_OS.severity(),
              ref,
              JsonPointer.of("os"),
              (inv.os().prettyName().isEmpty()
                      ? inv.os().id() + " " + inv.os().versionId()
                      : inv.os().prettyName())
                  + " reached end of support on "
                  + s.osEnded().get()));
    }
    return out;
  }

  /** A finding about an image, without a file location. */
  public static Finding finding(
      ControlInfo info, Severity severity, ObjectRef ref, JsonPointer path, String message) {
    return new Finding(
        info.id(),
        info.title(),
        severity,
        ref,
        path,
        Optional.empty(),
        message,
        info.remediation(),
        Finding.fingerprint(info.id(), ref, path),
        List.of(),
        FindingStatus.FAIL,
        "",
        info.allRefs());
  }

  /** Unknown severities count as low: present, but never above what the data says. */
  public static Severity severity(String word) {
    return switch (word) {
      case "critical" -> Severity.CRITICAL;
      case "high" -> Severity.HIGH;
      case "medium" -> Severity.MEDIUM;
      default -> Severity.LOW;
    };
  }

  static Map<String, Object> json(ImageScan s) {
    ImageInventory inv = s.inventory();
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("image", inv.image());
    image.put("digest", inv.digest());
    Map<String, Object> os = new LinkedHashMap<>();
    os.put("id", inv.os().id());
    os.put("versionId", inv.os().versionId());
    s.osEnded().ifPresent(d -> os.put("endOfLife", d.toString()));
    image.put("os", os);
    image.put("layers", inv.layers());
    List<Map<String, Object>> packages = new ArrayList<>();
    for (Package p : inv.packages()) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("name", p.name());
      n.put("version", p.version());
      n.put("ecosystem", p.ecosystem());
      n.put("purl", p.purl());
      n.put("layer", p.layer());
      if (!p.source().isEmpty() && !p.source().equals(p.name())) {
        n.put("source", p.source());
      }
      n.put("path", p.path());
      packages.add(n);
    }
    image.put("packages", packages);
    List<Map<String, Object>> vulns = new ArrayList<>();
    for (VulnerabilityMatch m : s.vulnerabilities()) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("id", m.id());
      n.put("aliases", m.aliases());
      n.put("package", m.pkg());
      n.put("version", m.version());
      n.put("ecosystem", m.ecosystem());
      n.put("fixedVersion", m.fixedVersion());
      n.put("severity", m.severity());
      n.put("binaries", m.binaries());
      n.put("layer", m.layer());
      vulns.add(n);
    }
    image.put("vulnerabilities", vulns);
    return image;
  }
}
