package dev.kordon.report.json;

import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Evidence;
import dev.kordon.model.Finding;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.model.SourceLocation;
import dev.kordon.report.ControlSummary;
import dev.kordon.report.Format;
import dev.kordon.report.JsonOutput;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.ReportWriter;
import dev.kordon.report.RootFields;
import dev.kordon.report.View;
import dev.kordon.report.WriterOptions;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON report: the fields DESIGN.md names, never renamed; more may be added. A scan report also
 * carries the control view ({@code controls}); with the control view alone ({@code view: controls})
 * the findings are left out.
 */
public final class JsonReportWriter implements ReportWriter {

  private final WriterOptions options;

  public JsonReportWriter() {
    this(WriterOptions.PLAIN);
  }

  public JsonReportWriter(WriterOptions options) {
    this.options = options;
  }

  @Override
  public Format format() {
    return Format.JSON;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    JsonOutput.write(toJson(report, report.isScan() && options.controlsOnly()), out);
  }

  public static ObjectNode toJson(Report report) {
    return toJson(report, false);
  }

  private static ObjectNode toJson(Report report, boolean controlsOnly) {
    ObjectNode root = JsonOutput.object();
    root.put("schemaVersion", Report.SCHEMA_VERSION);
    if (controlsOnly) {
      root.put("view", View.CONTROLS.word());
    }
    ObjectNode tool = root.putObject("tool");
    tool.put("name", report.tool().name());
    tool.put("version", report.tool().version());
    if (!report.isScan()) {
      root.put("command", report.command());
    }

    ObjectNode summary = root.putObject("summary");
    summary.put("objects", report.summary().objects());
    summary.put("findings", report.summary().findings());
    summary.put("excepted", report.summary().excepted());
    ObjectNode bySeverity = summary.putObject("bySeverity");
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity s = Severity.values()[i];
      bySeverity.put(s.word(), report.summary().count(s));
    }
    if (report.summary().shown().isPresent()) {
      // counts above cover every finding; these say how many of them the list below holds
      var shown = report.summary().shown().get();
      ObjectNode n = summary.putObject("shown");
      n.put("findings", shown.findings());
      n.put("excepted", shown.excepted());
      ArrayNode severities = root.putObject("filters").putArray("severity");
      shown.severities().forEach(sev -> severities.add(sev.word()));
    }

    if (!controlsOnly) {
      root.set("findings", JsonOutput.writtenArray(report.findings(), new FindingFields()::write));
    }

    ArrayNode frameworks = root.putArray("frameworks");
    for (FrameworkScore fs : report.frameworks()) {
      ObjectNode n = frameworks.addObject();
      n.put("id", fs.id());
      n.put("name", fs.name());
      if (!fs.version().isEmpty()) {
        n.put("version", fs.version());
      }
      OptionalDouble score = fs.score();
      if (score.isPresent()) {
        n.put("score", score.getAsDouble());
      } else {
        n.putNull("score"); // nothing judged: not applicable, not passed
      }
      n.put("passed", fs.passed());
      n.put("failed", fs.failed());
      n.put("notEvaluated", fs.notEvaluated());
      ArrayNode controls = n.putArray("controls");
      for (FrameworkScore.ControlScore cs : fs.controls()) {
        ObjectNode c = controls.addObject();
        c.put("controlId", cs.controlId());
        c.put("evaluated", cs.evaluated());
        c.put("failed", cs.failedResources());
      }
    }

    if (report.isScan()) {
      root.set("controls", controls(report.controlSummaries()));
    }

    root.set("errors", problems(report.errors()));
    root.set("notes", problems(report.notes()));

    for (ReportSection s : report.sections()) {
      if (s.data() instanceof RootFields fields) {
        fields.rootFields().forEach((k, v) -> root.set(k, JsonOutput.NODES.pojoNode(v)));
      }
    }
    ArrayNode sections = root.putArray("sections");
    for (ReportSection s : report.sections()) {
      ObjectNode n = sections.addObject();
      n.put("id", s.id());
      n.put("title", s.title());
      n.put("kind", s.kind());
      // data written at the top level is not repeated here: the section keeps its human view
      boolean own = s.data() != null && !(s.data() instanceof RootFields);
      n.set("data", own ? JsonOutput.NODES.pojoNode(s.data()) : derived(s));
    }
    return root;
  }

  /** The control view, one object per control. */
  private static ArrayNode controls(List<ControlSummary> view) {
    ArrayNode out = JsonOutput.NODES.arrayNode();
    for (ControlSummary c : view) {
      ObjectNode n = out.addObject();
      n.put("controlId", c.controlId());
      n.put("title", c.title());
      n.put("severity", c.severity().word());
      n.put("resources", c.resources());
      n.put("failedResources", c.failedResources());
      n.put("findings", c.findings());
      n.put("compliance", c.compliance());
      n.put("remediation", c.remediation());
    }
    return out;
  }

  /**
   * One report's findings written straight to the generator, field for field as {@link
   * #finding(Finding)} builds each (a report of half a million findings would otherwise build and
   * drop half a million small trees; {@code JsonReportWriterStreamingTest} holds the two to the
   * same bytes). Field names are quoted once for good, the texts a finding shares with the other
   * findings of its control once per report ({@link QuotedTexts}) and looked up once per finding
   * ({@link ControlTexts}); the file and the object's name once per run of findings that share them
   * (findings come sorted by file, an object's findings mostly together); what else differs per
   * finding (path, message, fingerprint) is escaped as it is written.
   */
  static final class FindingFields {
    private static final SerializedString CONTROL_ID = new SerializedString("controlId");
    private static final SerializedString TITLE = new SerializedString("title");
    private static final SerializedString SEVERITY = new SerializedString("severity");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString RESOURCE = new SerializedString("resource");
    private static final SerializedString API_VERSION = new SerializedString("apiVersion");
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString NAMESPACE = new SerializedString("namespace");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString PATH = new SerializedString("path");
    private static final SerializedString LOCATION = new SerializedString("location");
    private static final SerializedString FILE = new SerializedString("file");
    private static final SerializedString LINE = new SerializedString("line");
    private static final SerializedString COLUMN = new SerializedString("column");
    private static final SerializedString MESSAGE = new SerializedString("message");
    private static final SerializedString REMEDIATION = new SerializedString("remediation");
    private static final SerializedString FINGERPRINT = new SerializedString("fingerprint");
    private static final SerializedString FRAMEWORKS = new SerializedString("frameworks");
    private static final SerializedString REFS = new SerializedString("refs");
    private static final SerializedString NOTE = new SerializedString("note");

    private final QuotedTexts texts = new QuotedTexts();
    // per control id (a catalog's few hundred), the texts of its last finding written
    private final Map<String, ControlTexts> controls = new HashMap<>();
    private final LastText file = new LastText();
    private final LastText name = new LastText();

    void write(Finding f, JsonGenerator gen) {
      if (!f.evidence().isEmpty()) {
        // rare (audit-log detections, a few per report): written as the tree itself
        gen.writeTree(finding(f));
        return;
      }
      ControlTexts control = controlTexts(f);
      gen.writeStartObject();
      gen.writeName(CONTROL_ID);
      gen.writeString(control.id());
      gen.writeName(TITLE);
      gen.writeString(control.title());
      gen.writeName(SEVERITY);
      gen.writeString(control.severity());
      gen.writeName(STATUS);
      gen.writeString(control.status());
      gen.writeName(RESOURCE);
      resource(f.resource(), gen);
      gen.writeName(PATH);
      gen.writeString(f.path().toString());
      if (f.location().isPresent()) {
        SourceLocation at = f.location().get();
        gen.writeName(LOCATION);
        gen.writeStartObject();
        gen.writeName(FILE);
        gen.writeString(file.of(at.file()));
        gen.writeName(LINE);
        gen.writeNumber(at.line());
        gen.writeName(COLUMN);
        gen.writeNumber(at.column());
        gen.writeEndObject();
      } else {
        gen.writeName(LOCATION);
        gen.writeNull();
      }
      gen.writeName(MESSAGE);
      gen.writeString(f.message());
      gen.writeName(REMEDIATION);
      gen.writeString(control.remediation());
      gen.writeName(FINGERPRINT);
      gen.writeString(f.fingerprint());
      array(FRAMEWORKS, control.frameworks(), gen);
      array(REFS, control.refs(), gen);
      if (!f.note().isEmpty()) {
        gen.writeName(NOTE);
        gen.writeString(f.note());
      }
      gen.writeEndObject();
    }

    private void resource(ObjectRef ref, JsonGenerator gen) {
      gen.writeStartObject();
      constant(API_VERSION, ref.apiVersion(), gen);
      constant(KIND, ref.kind(), gen);
      gen.writeName(NAMESPACE);
      if (ref.namespace().isEmpty()) {
        gen.writeNull();
      } else {
        gen.writeString(ref.namespace());
      }
      gen.writeName(NAME);
      gen.writeString(name.of(ref.name()));
      gen.writeEndObject();
    }

    private void constant(SerializedString name, String value, JsonGenerator gen) {
      gen.writeName(name);
      gen.writeString(texts.of(value));
    }

    private static void array(
        SerializedString name, SerializableString[] values, JsonGenerator gen) {
      gen.writeName(name);
      gen.writeStartArray();
      for (SerializableString v : values) {
        gen.writeString(v);
      }
      gen.writeEndArray();
    }

    /** The texts of the finding's control part, those of its control's last finding if the same. */
    private ControlTexts controlTexts(Finding f) {
      ControlTexts last = controls.get(f.controlId());
      if (last != null && last.fits(f)) {
        return last;
      }
      ControlTexts made = ControlTexts.of(f, texts);
      controls.put(f.controlId(), made);
      return made;
    }
  }

  /**
   * What a finding shares with the other findings of its control, quoted: one lookup per finding
   * instead of one per text. Valid for a finding whose parts are the very instances it was made
   * from (a control's constants, and the lists of one shape of {@code FindingColumns}).
   */
  private record ControlTexts(
      Finding from,
      SerializableString id,
      SerializableString title,
      SerializableString severity,
      SerializableString status,
      SerializableString remediation,
      SerializableString[] frameworks,
      SerializableString[] refs) {

    static ControlTexts of(Finding f, QuotedTexts texts) {
      return new ControlTexts(
          f,
          texts.of(f.controlId()),
          texts.of(f.title()),
          texts.of(f.severity().word()),
          texts.of(f.status().word()),
          texts.of(f.remediation()),
          quoted(f.frameworks(), texts),
          quoted(f.refs(), texts));
    }

    private static SerializableString[] quoted(List<String> values, QuotedTexts texts) {
      SerializableString[] out = new SerializableString[values.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = texts.of(values.get(i));
      }
      return out;
    }

    boolean fits(Finding f) {
      return f.controlId() == from.controlId()
          && f.title() == from.title()
          && f.severity() == from.severity()
          && f.status() == from.status()
          && f.remediation() == from.remediation()
          && f.frameworks() == from.frameworks()
          && f.refs() == from.refs();
    }
  }

  /**
   * A text that runs of consecutive findings share (their file, their object's name), quoted once
   * per run: told apart by reference, since the findings of one file or object carry its very
   * string.
   */
  private static final class LastText {
    private String text;
    private SerializableString quoted;

    SerializableString of(String value) {
      if (value != text) {
        text = value;
        quoted = new SerializedString(value);
      }
      return quoted;
    }
  }

  public static ObjectNode finding(Finding f) {
    ObjectNode n = JsonOutput.object();
    n.put("controlId", f.controlId());
    n.put("title", f.title());
    n.put("severity", f.severity().word());
    n.put("status", f.status().word());
    n.set("resource", resource(f.resource()));
    n.put("path", f.path().toString());
    if (f.location().isPresent()) {
      ObjectNode loc = n.putObject("location");
      loc.put("file", f.location().get().file());
      loc.put("line", f.location().get().line());
      loc.put("column", f.location().get().column());
    } else {
      n.putNull("location");
    }
    n.put("message", f.message());
    n.put("remediation", f.remediation());
    n.put("fingerprint", f.fingerprint());
    ArrayNode fw = n.putArray("frameworks");
    f.frameworks().forEach(fw::add);
    ArrayNode refs = n.putArray("refs");
    f.refs().forEach(refs::add);
    if (!f.note().isEmpty()) {
      n.put("note", f.note());
    }
    if (!f.evidence().isEmpty()) {
      evidence(n, f.evidence());
    }
    return n;
  }

  /** The recorded events behind a finding read from an audit log. */
  private static void evidence(ObjectNode n, Evidence e) {
    ArrayNode ids = n.putArray("auditIds");
    e.auditIds().forEach(ids::add);
    n.put("events", e.events());
    ObjectNode subject = n.putObject("subject");
    subject.put("user", e.user());
    ArrayNode groups = subject.putArray("groups");
    e.groups().forEach(groups::add);
    if (e.serviceAccount().isEmpty()) {
      subject.putNull("serviceAccount");
    } else {
      subject.put("serviceAccount", e.serviceAccount());
    }
    ArrayNode ips = n.putArray("sourceIPs");
    e.sourceIPs().forEach(ips::add);
    n.put("userAgent", e.userAgent());
    ObjectNode object = n.putObject("object");
    object.put("apiGroup", e.object().apiGroup());
    object.put("resource", e.object().resource());
    object.put("subresource", e.object().subresource());
    object.put("namespace", e.object().namespace());
    object.put("name", e.object().name());
    n.put("firstSeen", e.firstSeen());
    n.put("lastSeen", e.lastSeen());
  }

  public static ObjectNode resource(ObjectRef ref) {
    ObjectNode r = JsonOutput.object();
    r.put("apiVersion", ref.apiVersion());
    r.put("kind", ref.kind());
    if (ref.namespace().isEmpty()) {
      r.putNull("namespace");
    } else {
      r.put("namespace", ref.namespace());
    }
    r.put("name", ref.name());
    return r;
  }

  /** The data of a section that carries no typed records: what its human view shows. */
  private static JsonNode derived(ReportSection section) {
    if (section instanceof ReportSection.Table t) {
      ArrayNode rows = JsonOutput.NODES.arrayNode();
      for (List<String> row : t.rows()) {
        ObjectNode r = rows.addObject();
        for (int i = 0; i < t.columns().size(); i++) {
          r.put(t.columns().get(i), row.get(i));
        }
      }
      return rows;
    }
    if (section instanceof ReportSection.Graph g) {
      ObjectNode graph = JsonOutput.object();
      graph.set("nodes", JsonOutput.mapper().valueToTree(g.nodes()));
      graph.set("edges", JsonOutput.mapper().valueToTree(g.edges()));
      return graph;
    }
    ArrayNode lines = JsonOutput.NODES.arrayNode();
    ((ReportSection.Text) section).lines().forEach(lines::add);
    return lines;
  }

  private static ArrayNode problems(List<ScanError> list) {
    ArrayNode out = JsonOutput.NODES.arrayNode();
    for (ScanError e : list) {
      ObjectNode n = out.addObject();
      n.put("file", e.file());
      n.put("line", e.line());
      n.put("message", e.message());
    }
    return out;
  }
}
