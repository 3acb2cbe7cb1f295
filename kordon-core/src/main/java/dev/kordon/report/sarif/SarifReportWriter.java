package dev.kordon.report.sarif;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.Finding;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.model.SourceLocation;
import dev.kordon.report.Format;
import dev.kordon.report.JsonOutput;
import dev.kordon.report.Report;
import dev.kordon.report.ReportWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SARIF 2.1.0, shaped for GitHub code scanning: one run, one rule per control that ran, one result
 * per finding, excepted findings as suppressed results, and unreadable inputs as tool execution
 * notifications. A run carries at most {@link ResultCap#GITHUB_MAX_RESULTS} results, the most
 * severe; a warning notification and {@code run.properties.resultsLeftOut} say how many were left
 * out.
 */
public final class SarifReportWriter implements ReportWriter {

  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  static final String INFORMATION_URI = "https://github.com/kordon-dev/kordon";

  /** The key under which a finding's fingerprint travels in {@code partialFingerprints}. */
  static final String FINGERPRINT_KEY = "kordonFingerprint/v1";

  /** Base id of relative artifact URIs; GitHub resolves it to the repository root. */
  static final String SRCROOT = "%SRCROOT%";

  private static final Pattern SEMVER =
      Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

  @Override
  public Format format() {
    return Format.SARIF;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    JsonOutput.write(toSarif(report), out);
  }

  static ObjectNode toSarif(Report report) {
    ObjectNode root = JsonOutput.object();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();

    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", report.tool().name());
    driver.put("version", report.tool().version());
    if (SEMVER.matcher(report.tool().version()).matches()) {
      driver.put("semanticVersion", report.tool().version());
    }
    driver.put("informationUri", INFORMATION_URI);
    ArrayNode rules = driver.putArray("rules");
    for (ControlInfo c : report.controls()) {
      if (!ruleIndex.containsKey(c.id())) {
        ruleIndex.put(c.id(), rules.size());
        rules.add(rule(c));
      }
    }
    // A finding of a control the report does not describe still needs a rule to point at.
    for (Finding f : report.findings()) {
      if (!ruleIndex.containsKey(f.controlId())) {
        ruleIndex.put(f.controlId(), rules.size());
        rules.add(rule(f));
      }
    }

    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", report.errors().isEmpty());
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    for (ScanError e : report.errors()) {
      notifications.add(notification(e, "error"));
    }
    for (ScanError e : report.notes()) {
      notifications.add(notification(e, "note"));
    }
    ResultCap cap = ResultCap.of(report.findings(), ResultCap.GITHUB_MAX_RESULTS);
    if (cap.leftOut() > 0) {
      notifications.add(leftOut(cap, report.findings().size()));
    }

    run.put("columnKind", "unicodeCodePoints");
    // built one by one while writing: a big scan's results never sit in memory as one tree
    run.set(
        "results",
        JsonOutput.streamedArray(cap.kept(), f -> result(f, ruleIndex.get(f.controlId()))));
    ObjectNode props = run.putObject("properties");
    props.put("schemaVersion", Report.SCHEMA_VERSION);
    props.put("objects", report.summary().objects());
    props.put("findings", report.summary().findings());
    props.put("excepted", report.summary().excepted());
    report.summary().shown().ifPresent(s -> props.put("shown", s.describe(report.summary())));
    if (cap.leftOut() > 0) {
      props.put("resultsLeftOut", cap.leftOut());
    }
    return root;
  }

  private static ObjectNode leftOut(ResultCap cap, int all) {
    ObjectNode n = JsonOutput.object();
    n.put("level", "warning");
    n.putObject("message")
        .put(
            "text",
            cap.leftOut()
                + " of "
                + all
                + " findings left out: GitHub code scanning accepts at most "
                + ResultCap.GITHUB_MAX_RESULTS
                + " results per run, so this run keeps the most severe."
                + " Use --format json for every finding.");
    n.putObject("descriptor").put("id", "kordon/results-left-out");
    return n;
  }

  private static ObjectNode rule(ControlInfo c) {
    ObjectNode r = JsonOutput.object();
    r.put("id", c.id());
    r.put("name", ruleName(c.title()));
    r.putObject("shortDescription").put("text", c.title());
    r.putObject("fullDescription").put("text", c.description());
    ObjectNode help = r.putObject("help");
    help.put("text", c.remediation());
    help.put("markdown", helpMarkdown(c));
    r.putObject("defaultConfiguration").put("level", level(c.severity()));
    ObjectNode props = r.putObject("properties");
    ArrayNode tags = props.putArray("tags");
    tags.add("security");
    tags.add("kubernetes");
    c.allRefs().forEach(tags::add);
    props.put("security-severity", securitySeverity(c.severity()));
    props.put("severity", c.severity().word());
    if (!c.altIds().isEmpty()) {
      ArrayNode deprecated = r.putArray("deprecatedIds");
      c.altIds().forEach(deprecated::add);
    }
    return r;
  }

  /** A rule made from what a finding knows of its control. */
  private static ObjectNode rule(Finding f) {
    ObjectNode r = JsonOutput.object();
    r.put("id", f.controlId());
    r.put("name", ruleName(f.title()));
    r.putObject("shortDescription").put("text", f.title());
    ObjectNode help = r.putObject("help");
    help.put("text", f.remediation());
    help.put("markdown", f.remediation());
    r.putObject("defaultConfiguration").put("level", level(f.severity()));
    ObjectNode props = r.putObject("properties");
    ArrayNode tags = props.putArray("tags");
    tags.add("security");
    tags.add("kubernetes");
    f.refs().forEach(tags::add);
    props.put("security-severity", securitySeverity(f.severity()));
    props.put("severity", f.severity().word());
    return r;
  }

  private static String helpMarkdown(ControlInfo c) {
    StringBuilder md = new StringBuilder();
    md.append("**").append(c.title()).append("** (").append(c.id()).append(")\n\n");
    md.append(c.description()).append("\n\n");
    md.append("**How to fix:** ").append(c.remediation()).append('\n');
    if (!c.allRefs().isEmpty()) {
      md.append("\n**References:** ");
      List<String> refs = new ArrayList<>();
      for (String ref : c.allRefs()) {
        refs.add("`" + ref + "`");
      }
      md.append(String.join(", ", refs)).append('\n');
    }
    md.append("\nRun `kordon controls explain ").append(c.id()).append("` for details.");
    return md.toString();
  }

  /** A rule name in UpperCamelCase, as SARIF viewers expect: "Privileged container" → ... */
  static String ruleName(String title) {
    StringBuilder sb = new StringBuilder();
    boolean upper = true;
    for (int i = 0; i < title.length(); i++) {
      char ch = title.charAt(i);
      if (Character.isLetterOrDigit(ch)) {
        sb.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      } else {
        upper = true;
      }
    }
    return sb.toString();
  }

  static String level(Severity s) {
    switch (s) {
      case CRITICAL:
      case HIGH:
        return "error";
      case MEDIUM:
        return "warning";
      case LOW:
      default:
        return "note";
    }
  }

  /**
   * GitHub's score band for the severity (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low above 0.0),
   * as the string GitHub documents, e.g. {@code "9.5"}.
   */
  static String securitySeverity(Severity s) {
    double score;
    switch (s) {
      case CRITICAL:
        score = 9.5;
        break;
      case HIGH:
        score = 8.0;
        break;
      case MEDIUM:
        score = 5.5;
        break;
      case LOW:
      default:
        score = 3.0;
        break;
    }
    return String.format(Locale.ROOT, "%.1f", score);
  }

  private static ObjectNode result(Finding f, int ruleIndex) {
    ObjectNode r = JsonOutput.object();
    r.put("ruleId", f.controlId());
    r.put("ruleIndex", ruleIndex);
    r.put("level", level(f.severity()));
    r.putObject("message").put("text", f.message());
    ObjectNode location = r.putArray("locations").addObject();
    if (f.location().isPresent()) {
      location.set("physicalLocation", physical(f.location().get()));
    }
    ObjectNode logical = location.putArray("logicalLocations").addObject();
    logical.put("name", f.resource().name());
    logical.put("fullyQualifiedName", f.resource().display());
    logical.put("kind", "resource");
    r.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
    if (!f.failed()) {
      ObjectNode suppression = r.putArray("suppressions").addObject();
      suppression.put("kind", "external");
      suppression.put("status", "accepted");
      suppression.put("justification", f.note());
    }
    ObjectNode props = r.putObject("properties");
    props.put("severity", f.severity().word());
    props.put("status", f.status().word());
    props.set("resource", resource(f.resource()));
    props.put("path", f.path().toString());
    props.put("remediation", f.remediation());
    ArrayNode frameworks = props.putArray("frameworks");
    f.frameworks().forEach(frameworks::add);
    if (f.failed() && !f.note().isEmpty()) {
      props.put("note", f.note());
    }
    return r;
  }

  private static ObjectNode physical(SourceLocation at) {
    ObjectNode p = JsonOutput.object();
    p.set("artifactLocation", artifact(at.file()));
    ObjectNode region = p.putObject("region");
    region.put("startLine", at.line());
    region.put("startColumn", at.column());
    return p;
  }

  /**
   * A file as an artifact location: a URI for a real file, only a description for a pseudo-file
   * such as {@code <stdin>} or {@code <snapshot>}, which no URI could name.
   */
  private static ObjectNode artifact(String file) {
    ObjectNode a = JsonOutput.object();
    if (file.startsWith("<")) {
      a.putObject("description").put("text", file);
      return a;
    }
    ArtifactUri uri = ArtifactUri.of(file);
    a.put("uri", uri.uri());
    if (uri.relative()) {
      a.put("uriBaseId", SRCROOT);
    }
    return a;
  }

  private static ObjectNode resource(ObjectRef ref) {
    ObjectNode r = JsonOutput.object();
    r.put("apiVersion", ref.apiVersion());
    r.put("kind", ref.kind());
    r.put("namespace", ref.namespace());
    r.put("name", ref.name());
    return r;
  }

  private static ObjectNode notification(ScanError e, String level) {
    ObjectNode n = JsonOutput.object();
    n.put("level", level);
    n.putObject("message").put("text", e.message());
    if (!e.file().isEmpty()) {
      ObjectNode physical = n.putArray("locations").addObject().putObject("physicalLocation");
      physical.set("artifactLocation", artifact(e.file()));
      if (e.line() > 0) {
        physical.putObject("region").put("startLine", e.line());
      }
    }
    return n;
  }
}
