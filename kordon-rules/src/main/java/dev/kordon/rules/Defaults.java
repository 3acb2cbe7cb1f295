package dev.kordon.rules;

import dev.kordon.source.YamlTrees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defaults the API server sets on an object of a built-in kind before admission, from {@code
 * k8s/defaults.yaml} (each entry names the Kubernetes defaulting function it follows): set only
 * where a field is absent, wherever its type occurs in the object, parents before children, as the
 * generated defaulters walk an object. Objects of kinds the schema does not know are left as they
 * are. The input tree is never changed: a defaulted copy is returned. Immutable and thread-safe.
 */
final class Defaults {

  /** One step of a defaulting function. */
  private record Step(
      String field,
      JsonNode value,
      String copy,
      String compute,
      boolean remove,
      Map<String, List<String>> when,
      List<String> whenAbsent,
      List<String> whenPresent) {

    boolean holds(ObjectNode o) {
      for (Map.Entry<String, List<String>> w : when.entrySet()) {
        JsonNode v = o.get(w.getKey());
        if (v == null || !v.isValueNode() || !w.getValue().contains(v.asString())) {
          return false;
        }
      }
      return whenAbsent.stream().allMatch(f -> absent(o.get(f)))
          && whenPresent.stream().noneMatch(f -> absent(o.get(f)));
    }
  }

  /** The steps of one type, maybe restricted to some kinds or places. */
  private record Entry(
      String type, Set<String> kinds, Pattern path, String source, List<Step> steps) {
    boolean applies(String kind, String pointer) {
      return (kinds.isEmpty() || kinds.contains(kind))
          && (path == null || path.matcher(pointer).matches());
    }
  }

  private static final Defaults BUNDLED =
      new Defaults(KubeSchema.bundled(), YamlTrees.resource(Defaults.class, "k8s/defaults.yaml"));

  private final KubeSchema schema;
  private final Map<String, List<Entry>> byType = new HashMap<>();

  Defaults(KubeSchema schema, JsonNode table) {
    this.schema = schema;
    table
        .properties()
        .forEach(
            e -> {
              JsonNode n = e.getValue();
              String type = n.path("type").asString(e.getKey());
              if (!schema.hasType(type)) {
                throw new IllegalStateException("defaults.yaml: no type " + type + " in schema");
              }
              String pattern = n.path("path").asString("");
              Entry entry =
                  new Entry(
                      type,
                      Set.copyOf(strings(n.path("kinds"))),
                      pattern.isEmpty() ? null : Pattern.compile(pattern),
                      n.path("source").asString(),
                      steps(type, n.path("set")));
              byType.computeIfAbsent(type, t -> new ArrayList<>()).add(entry);
            });
  }

  static Defaults bundled() {
    return BUNDLED;
  }

  private List<Step> steps(String type, JsonNode list) {
    List<Step> out = new ArrayList<>();
    for (JsonNode s : list) {
      Map<String, List<String>> when = new HashMap<>();
      s.path("when").properties().forEach(w -> when.put(w.getKey(), strings(w.getValue())));
      boolean remove = s.has("remove");
      String field = remove ? s.path("remove").asString() : s.path("field").asString();
      if (!schema.fields(type).containsKey(field)) {
        throw new IllegalStateException("defaults.yaml: " + type + " has no field " + field);
      }
      out.add(
          new Step(
              field,
              s.get("value"),
              s.path("copy").asString(null),
              s.path("compute").asString(null),
              remove,
              Map.copyOf(when),
              strings(s.path("whenAbsent")),
              strings(s.path("whenPresent"))));
    }
    return List.copyOf(out);
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asString()));
    return List.copyOf(out);
  }

  /** One default: where it goes, its value (empty when computed), the source of its function. */
  record Applied(
      String type, String field, Optional<JsonNode> value, boolean conditional, String source) {}

  /** Every step that sets a constant value, for the docs and the tests. */
  List<Applied> constants() {
    List<Applied> out = new ArrayList<>();
    byType.values().stream()
        .flatMap(List::stream)
        .forEach(
            e ->
                e.steps().stream()
                    .filter(s -> !s.remove())
                    .forEach(
                        s ->
                            out.add(
                                new Applied(
                                    e.type(),
                                    s.field(),
                                    Optional.ofNullable(s.value()),
                                    !s.when().isEmpty()
                                        || !s.whenAbsent().isEmpty()
                                        || !s.whenPresent().isEmpty(),
                                    e.source()))));
    return out;
  }

  /**
   * The object as the API server would present it to admission after defaulting: a copy of {@code
   * raw} with the defaults of its kind applied, or {@code raw} itself for a kind the schema does
   * not know.
   */
  JsonNode apply(String apiVersion, String kind, JsonNode raw) {
    Optional<KubeSchema.Kind> k = schema.kind(apiVersion, kind);
    if (k.isEmpty() || raw == null || !raw.isObject()) {
      return raw;
    }
    JsonNode copy = raw.deepCopy();
    walk(copy, k.get().type(), "", kind);
    return copy;
  }

  private void walk(JsonNode node, String type, String pointer, String kind) {
    if (type.startsWith("[]")) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), type.substring(2), pointer + "/" + i, kind);
        }
      }
      return;
    }
    if (type.startsWith("{}")) {
      if (node.isObject()) {
        String of = type.substring(2);
        node.properties()
            .forEach(e -> walk(e.getValue(), of, pointer + "/" + escape(e.getKey()), kind));
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    ObjectNode o = (ObjectNode) node;
    for (Entry e : byType.getOrDefault(type, List.of())) {
      if (e.applies(kind, pointer)) {
        e.steps().forEach(s -> apply(o, s));
      }
    }
    schema
        .fields(type)
        .forEach(
            (field, fieldType) -> {
              JsonNode child = o.get(field);
              if (child != null && (child.isObject() || child.isArray())) {
                walk(child, fieldType, pointer + "/" + escape(field), kind);
              }
            });
  }

  private static void apply(ObjectNode o, Step s) {
    if (!s.holds(o)) {
      return;
    }
    if (s.remove()) {
      o.remove(s.field());
      return;
    }
    if (s.compute() != null) {
      compute(o, s.field(), s.compute());
      return;
    }
    if (s.copy() != null) {
      JsonNode from = o.get(s.copy());
      JsonNode to = o.get(s.field());
      if (!absent(from) && (absent(to) || (to.isNumber() && to.asLong() == 0))) {
        o.set(s.field(), from.deepCopy());
      }
      return;
    }
    if (absent(o.get(s.field()))) {
      o.set(s.field(), s.value().deepCopy());
    }
  }

  private static void compute(ObjectNode o, String field, String name) {
    switch (name) {
      case "imagePullPolicy":
        if (absent(o.get(field))) {
          o.put(field, ImageTag.isLatest(o.path("image").asString("")) ? "Always" : "IfNotPresent");
        }
        return;
      case "requestsFromLimits":
        JsonNode limits = o.get("limits");
        if (limits != null && limits.isObject() && !limits.isEmpty()) {
          JsonNode requests = o.get(field);
          ObjectNode r =
              requests != null && requests.isObject() ? (ObjectNode) requests : o.putObject(field);
          limits
              .properties()
              .forEach(
                  e -> {
                    // the API server refuses a limit that is no quantity before it defaults
                    if (absent(r.get(e.getKey()))
                        && (e.getValue().isNumber()
                            || Quantity.isValid(e.getValue().asString("")))) {
                      r.set(e.getKey(), e.getValue().deepCopy());
                    }
                  });
        }
        return;
      case "policyTypes":
        JsonNode types = o.get(field);
        if (absent(types) || (types.isArray() && types.isEmpty())) {
          ArrayNode t = JsonNodeFactory.instance.arrayNode().add("Ingress");
          JsonNode egress = o.get("egress");
          if (egress != null && egress.isArray() && !egress.isEmpty()) {
            t.add("Egress");
          }
          o.set(field, t);
        }
        return;
      default:
        throw new IllegalStateException("defaults.yaml: unknown computation " + name);
    }
  }

  /** Absent as Go sees a field after decoding: missing, null, or an empty string. */
  private static boolean absent(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || (n.isString() && n.asString().isEmpty());
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
