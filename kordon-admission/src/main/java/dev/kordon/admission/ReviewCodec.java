package dev.kordon.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads AdmissionReview requests and writes AdmissionReview responses ({@code
 * admission.k8s.io/v1}). The body is hostile until proven otherwise: nesting and string lengths are
 * capped, duplicate keys are refused (two readers could disagree on which one counts), and every
 * problem is a {@link BadReview} naming the field.
 */
public final class ReviewCodec {

  public static final String API_VERSION = "admission.k8s.io/v1";

  /** Deeper than any real Kubernetes object, far below what would exhaust a stack. */
  static final int MAX_NESTING = 200;

  private final JsonMapper mapper;

  public ReviewCodec() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(AdmissionServer.MAX_BODY_BYTES)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper = JsonMapper.builder(factory).build();
  }

  /**
   * Parses a request body.
   *
   * @throws BadReview when the body is not JSON, not an AdmissionReview v1, or lacks a field
   */
  public AdmissionRequest parse(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException e) {
      throw new BadReview("body is not valid JSON: " + firstLine(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new BadReview("body is not a JSON object");
    }
    String kind = root.path("kind").asString("");
    if (!kind.equals("AdmissionReview")) {
      throw new BadReview("expected kind AdmissionReview, got '" + clip(kind) + "'");
    }
    String apiVersion = root.path("apiVersion").asString("");
    if (!apiVersion.equals(API_VERSION)) {
      throw new BadReview(
          "unsupported apiVersion '" + clip(apiVersion) + "' (expected " + API_VERSION + ")");
    }
    JsonNode req = root.path("request");
    if (!req.isObject()) {
      throw new BadReview("AdmissionReview has no request");
    }
    String uid = text(req, "uid");
    if (uid.isEmpty()) {
      throw new BadReview("request.uid is missing");
    }
    Operation op;
    try {
      op = Operation.valueOf(text(req, "operation"));
    } catch (IllegalArgumentException e) {
      throw new BadReview(
          "request.operation '"
              + clip(text(req, "operation"))
              + "' is not CREATE, UPDATE, DELETE or CONNECT");
    }
    JsonNode object = req.path("object");
    if ((op == Operation.CREATE || op == Operation.UPDATE) && !object.isObject()) {
      throw new BadReview("request.object is missing for " + op);
    }
    JsonNode userInfo = req.path("userInfo");
    List<String> groups = new ArrayList<>();
    for (JsonNode g : userInfo.path("groups")) {
      groups.add(g.asString(""));
    }
    JsonNode gvk = req.path("kind");
    return new AdmissionRequest(
        uid,
        text(gvk, "group"),
        text(gvk, "version"),
        text(gvk, "kind"),
        text(req.path("resource"), "resource"),
        text(req, "subResource"),
        text(req, "namespace"),
        text(req, "name"),
        op,
        text(userInfo, "username"),
        groups,
        req.path("dryRun").asBoolean(false),
        object.isObject() ? object : MissingNode.getInstance(),
        req.path("oldObject").isObject() ? req.path("oldObject") : MissingNode.getInstance());
  }

  /**
   * The AdmissionReview response for a decision, as UTF-8 JSON: written straight to the generator,
   * field for field as {@link #responseTree} builds it (the same bytes, without a tree per
   * response).
   */
  public byte[] response(String uid, Decision d) {
    // through the mapper (its recycled buffers), as a value that writes itself: no tree
    return mapper.writeValueAsBytes(new Response(uid, d));
  }

  /** The response, written field for field in the tree's order. */
  private static final class Response extends JacksonSerializable.Base {
    private final String uid;
    private final Decision d;

    Response(String uid, Decision d) {
      this.uid = uid;
      this.d = d;
    }

    @Override
    public void serialize(JsonGenerator g, SerializationContext ctxt) {
      g.writeStartObject();
      g.writeStringProperty("apiVersion", API_VERSION);
      g.writeStringProperty("kind", "AdmissionReview");
      g.writeName("response");
      g.writeStartObject();
      g.writeStringProperty("uid", uid);
      g.writeBooleanProperty("allowed", d.allowed());
      if (!d.allowed()) {
        g.writeName("status");
        g.writeStartObject();
        g.writeNumberProperty("code", d.code());
        g.writeStringProperty("reason", reason(d));
        g.writeStringProperty("message", String.join("\n", d.denials()));
        g.writeEndObject();
      }
      if (!d.warnings().isEmpty()) {
        g.writeName("warnings");
        g.writeStartArray();
        for (String w : d.warnings()) {
          g.writeString(w);
        }
        g.writeEndArray();
      }
      if (!d.auditAnnotations().isEmpty()) {
        g.writeName("auditAnnotations");
        g.writeStartObject();
        for (Map.Entry<String, String> e : new TreeMap<>(d.auditAnnotations()).entrySet()) {
          g.writeStringProperty(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }

    @Override
    public void serializeWithType(
        JsonGenerator g, SerializationContext ctxt, TypeSerializer typeSer) {
      serialize(g, ctxt);
    }
  }

  private static String reason(Decision d) {
    return d.code() == 403 ? "Forbidden" : "InternalError";
  }

  /** The response as a tree: what {@link #response} writes, for tests that compare the two. */
  byte[] responseTree(String uid, Decision d) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode response = f.objectNode();
    response.put("uid", uid);
    response.put("allowed", d.allowed());
    if (!d.allowed()) {
      ObjectNode status = response.putObject("status");
      status.put("code", d.code());
      status.put("reason", reason(d));
      status.put("message", String.join("\n", d.denials()));
    }
    if (!d.warnings().isEmpty()) {
      ArrayNode warnings = response.putArray("warnings");
      d.warnings().forEach(warnings::add);
    }
    if (!d.auditAnnotations().isEmpty()) {
      ObjectNode audit = response.putObject("auditAnnotations");
      for (Map.Entry<String, String> e : new TreeMap<>(d.auditAnnotations()).entrySet()) {
        audit.put(e.getKey(), e.getValue());
      }
    }
    ObjectNode root = f.objectNode();
    root.put("apiVersion", API_VERSION);
    root.put("kind", "AdmissionReview");
    root.set("response", response);
    return mapper.writeValueAsBytes(root);
  }

  private static String text(JsonNode node, String field) {
    JsonNode n = node.path(field);
    return n.isString() ? n.stringValue() : "";
  }

  private static String clip(String s) {
    String printable = Text.printable(s);
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return clip(nl < 0 ? s : s.substring(0, nl));
  }
}
