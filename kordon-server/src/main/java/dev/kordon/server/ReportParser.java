package dev.kordon.server;

import dev.kordon.report.SafeText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an uploaded JSON report and checks it against the shape of docs/json.md: the required
 * fields with their types, severity and status words, bounded counts and lengths, and a summary
 * that agrees with the findings listed. A filtered report ({@code --severity}, {@code --view
 * controls}) is refused: history needs every finding.
 */
public final class ReportParser {
  /** Most findings one report may carry. */
  public static final int MAX_FINDINGS = 500_000;

  private final JsonMapper mapper =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxStringLength(1_000_000)
                          .build())
                  .build())
          .build();

  public UploadedReport parse(byte[] body) throws InvalidReport {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidReport("not JSON: " + SafeText.line(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidReport("not a Kordon report: the top level must be an object");
    }
    JsonNode tool = object(root, "tool");
    if (!"kordon".equals(text(tool, "name", "tool.name", 32))) {
      throw new InvalidReport("not a Kordon report: tool.name must be \"kordon\"");
    }
    ReportSchema.check(root);
    String version = text(tool, "version", "tool.version", 64);
    String command = root.has("command") ? text(root, "command", "command", 64) : "scan";
    if (root.has("filters") || root.path("view").isString()) {
      throw new InvalidReport(
          "a filtered report (--severity or --view controls) cannot be kept: upload the full"
              + " report");
    }
    JsonNode summary = object(root, "summary");
    int objects = count(summary, "objects", "summary.objects");
    int failing = count(summary, "findings", "summary.findings");
    JsonNode bySeverity = object(summary, "bySeverity");
    Map<String, Integer> declared = new HashMap<>();
    for (String s : Severities.WORDS) {
      declared.put(s, count(bySeverity, s, "summary.bySeverity." + s));
    }

    JsonNode findings = array(root, "findings");
    if (findings.size() > MAX_FINDINGS) {
      throw new InvalidReport(
          "too many findings: " + findings.size() + " (at most " + MAX_FINDINGS + ")");
    }
    Map<String, UploadedReport.Item> items = new LinkedHashMap<>();
    Map<String, Integer> counted = new HashMap<>();
    int i = 0;
    for (JsonNode f : findings.values()) {
      UploadedReport.Item item = item(f, "findings[" + i + "]");
      if (item.failing()) {
        counted.merge(item.severity(), 1, Integer::sum);
      }
      // a fingerprint names one finding; a repeat (the same field reported twice) is kept once
      items.putIfAbsent(item.fingerprint(), item);
      i++;
    }
    int listedFailing = counted.values().stream().mapToInt(Integer::intValue).sum();
    if (listedFailing != failing) {
      throw new InvalidReport(
          "summary.findings says "
              + failing
              + " but the report lists "
              + listedFailing
              + " failing findings");
    }
    for (String s : Severities.WORDS) {
      if (declared.get(s).intValue() != counted.getOrDefault(s, 0).intValue()) {
        throw new InvalidReport(
            "summary.bySeverity."
                + s
                + " says "
                + declared.get(s)
                + " but the report lists "
                + counted.getOrDefault(s, 0));
      }
    }
    return new UploadedReport(
        version,
        command,
        objects,
        new ArrayList<>(items.values()),
        frameworks(root),
        controls(root),
        root.has("errors") ? array(root, "errors").size() : 0,
        SummariesParser.parse(root));
  }

  private UploadedReport.Item item(JsonNode f, String where) throws InvalidReport {
    if (!f.isObject()) {
      throw new InvalidReport(where + " must be an object");
    }
    String severity = text(f, "severity", where + ".severity", 16);
    if (!Severities.known(severity)) {
      throw new InvalidReport(where + ".severity: not a severity: " + severity);
    }
    String status = f.has("status") ? text(f, "status", where + ".status", 16) : "fail";
    if (!status.equals("fail") && !status.equals("excepted")) {
      throw new InvalidReport(where + ".status: expected fail or excepted, got " + status);
    }
    JsonNode resource = object(f, "resource");
    JsonNode location = f.path("location");
    String file = null;
    Integer line = null;
    Integer column = null;
    if (location.isObject()) {
      file = optionalText(location, "file", 1000);
      line = location.path("line").isIntegralNumber() ? location.path("line").intValue() : null;
      column =
          location.path("column").isIntegralNumber() ? location.path("column").intValue() : null;
    } else if (!location.isMissingNode() && !location.isNull()) {
      throw new InvalidReport(where + ".location must be an object or null");
    }
    List<String> refs = new ArrayList<>();
    if (f.path("refs").isArray()) {
      for (JsonNode r : f.path("refs").values()) {
        if (r.isString()) {
          refs.add(SafeText.line(r.stringValue()));
        }
      }
    }
    return new UploadedReport.Item(
        text(f, "fingerprint", where + ".fingerprint", 128),
        text(f, "controlId", where + ".controlId", 64),
        text(f, "title", where + ".title", 300),
        severity,
        status,
        optionalText(resource, "apiVersion", 253),
        optionalText(resource, "kind", 253),
        optionalText(resource, "namespace", 253),
        optionalText(resource, "name", 253),
        optionalText(f, "path", 1000),
        file,
        line,
        column,
        clip(SafeText.line(f.path("message").asString("")), 4000),
        clip(SafeText.line(f.path("remediation").asString("")), 4000),
        clip(String.join(" ", refs), 2000),
        optionalText(f, "note", 2000));
  }

  private List<Views.Score> frameworks(JsonNode root) throws InvalidReport {
    List<Views.Score> out = new ArrayList<>();
    if (!root.has("frameworks")) {
      return out;
    }
    int i = 0;
    for (JsonNode f : array(root, "frameworks").values()) {
      String where = "frameworks[" + i++ + "]";
      JsonNode score = f.path("score");
      OptionalDouble value = OptionalDouble.empty();
      if (score.isNumber()) {
        double d = score.doubleValue();
        if (!(d >= 0 && d <= 100)) {
          throw new InvalidReport(where + ".score must be 0 to 100, got " + d);
        }
        value = OptionalDouble.of(d);
      } else if (!score.isNull() && !score.isMissingNode()) {
        throw new InvalidReport(where + ".score must be a number or null");
      }
      out.add(
          new Views.Score(
              text(f, "id", where + ".id", 64),
              f.path("name").isString() ? clip(f.path("name").stringValue(), 300) : "",
              value,
              count(f, "passed", where + ".passed"),
              count(f, "failed", where + ".failed")));
    }
    return out;
  }

  /**
   * The control view: the report's own {@code controls} when present, else the per-control counts
   * of its frameworks (the largest where several frameworks judge one control).
   */
  private List<Views.ControlRow> controls(JsonNode root) throws InvalidReport {
    Map<String, Views.ControlRow> byId = new LinkedHashMap<>();
    if (root.path("controls").isArray()) {
      for (JsonNode c : root.path("controls").values()) {
        String id = text(c, "controlId", "controls[].controlId", 64);
        byId.put(
            id,
            new Views.ControlRow(
                id,
                optionalOr(c, "title", 300, id),
                optionalOr(c, "severity", 8, ""),
                count(c, "resources", "controls[].resources"),
                count(c, "failedResources", "controls[].failedResources")));
      }
      return new ArrayList<>(byId.values());
    }
    Map<String, String[]> titles = new HashMap<>();
    for (JsonNode f : root.path("findings").values()) {
      titles.putIfAbsent(
          f.path("controlId").asString(""),
          new String[] {f.path("title").asString(""), f.path("severity").asString("")});
    }
    for (JsonNode fw : root.path("frameworks").values()) {
      for (JsonNode c : fw.path("controls").values()) {
        String id = text(c, "controlId", "frameworks[].controls[].controlId", 64);
        int evaluated = count(c, "evaluated", "frameworks[].controls[].evaluated");
        int failed = count(c, "failed", "frameworks[].controls[].failed");
        String[] meta = titles.getOrDefault(id, new String[] {id, ""});
        Views.ControlRow mine =
            new Views.ControlRow(
                id, clip(meta[0].isEmpty() ? id : meta[0], 300), meta[1], evaluated, failed);
        byId.merge(id, mine, (a, b) -> a.resources() >= b.resources() ? a : b);
      }
    }
    return new ArrayList<>(byId.values());
  }

  private static JsonNode object(JsonNode parent, String field) throws InvalidReport {
    JsonNode n = parent.path(field);
    if (!n.isObject()) {
      throw new InvalidReport("missing or not an object: " + field);
    }
    return n;
  }

  private static JsonNode array(JsonNode parent, String field) throws InvalidReport {
    JsonNode n = parent.path(field);
    if (!n.isArray()) {
      throw new InvalidReport("missing or not an array: " + field);
    }
    return n;
  }

  static String text(JsonNode parent, String field, String where, int max) throws InvalidReport {
    JsonNode n = parent.path(field);
    if (!n.isString() || n.stringValue().isBlank()) {
      throw new InvalidReport("missing or not a string: " + where);
    }
    if (n.stringValue().length() > max) {
      throw new InvalidReport(where + " is longer than " + max + " characters");
    }
    return SafeText.line(n.stringValue());
  }

  private static String optionalText(JsonNode parent, String field, int max) {
    JsonNode n = parent.path(field);
    return n.isString() ? clip(SafeText.line(n.stringValue()), max) : null;
  }

  private static String optionalOr(JsonNode parent, String field, int max, String fallback) {
    String s = optionalText(parent, field, max);
    return s == null ? fallback : s;
  }

  static int count(JsonNode parent, String field, String where) throws InvalidReport {
    JsonNode n = parent.path(field);
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
      throw new InvalidReport("missing or not a count: " + where);
    }
    return n.intValue();
  }

  /** Cuts text that a column cannot hold, keeping surrogate pairs whole. */
  static String clip(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }
}
