package dev.kordon.node;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.model.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kubelet's effective configuration as one {@code KubeletConfiguration}: its config file (the
 * {@code --config} flag) with the command-line flags laid over it, as the kubelet does; without a
 * config file, the flags' own defaults (anonymous auth on, AlwaysAllow, read-only port 10255) in
 * place of the safer defaults of the file format. The same controls then judge it as they judge a
 * configz answer or a config file scanned alone.
 */
public final class KubeletEffectiveConfig {
  private KubeletEffectiveConfig() {}

  /** How a flag maps onto a config field. */
  private enum Type {
    BOOL,
    INT,
    STRING,
    LIST,
    MAP
  }

  private record Mapping(JsonPointer field, Type type) {}

  private static final Map<String, Mapping> FLAGS = flags();

  private static Map<String, Mapping> flags() {
    Map<String, Mapping> m = new LinkedHashMap<>();
    m.put(
        "anonymous-auth",
        new Mapping(JsonPointer.of("authentication", "anonymous", "enabled"), Type.BOOL));
    m.put("authorization-mode", new Mapping(JsonPointer.of("authorization", "mode"), Type.STRING));
    m.put(
        "client-ca-file",
        new Mapping(JsonPointer.of("authentication", "x509", "clientCAFile"), Type.STRING));
    m.put("read-only-port", new Mapping(JsonPointer.of("readOnlyPort"), Type.INT));
    m.put(
        "streaming-connection-idle-timeout",
        new Mapping(JsonPointer.of("streamingConnectionIdleTimeout"), Type.STRING));
    m.put(
        "protect-kernel-defaults", new Mapping(JsonPointer.of("protectKernelDefaults"), Type.BOOL));
    m.put(
        "make-iptables-util-chains",
        new Mapping(JsonPointer.of("makeIPTablesUtilChains"), Type.BOOL));
    m.put("event-qps", new Mapping(JsonPointer.of("eventRecordQPS"), Type.INT));
    m.put("tls-cert-file", new Mapping(JsonPointer.of("tlsCertFile"), Type.STRING));
    m.put("tls-private-key-file", new Mapping(JsonPointer.of("tlsPrivateKeyFile"), Type.STRING));
    m.put("rotate-certificates", new Mapping(JsonPointer.of("rotateCertificates"), Type.BOOL));
    m.put("tls-cipher-suites", new Mapping(JsonPointer.of("tlsCipherSuites"), Type.LIST));
    m.put("pod-max-pids", new Mapping(JsonPointer.of("podPidsLimit"), Type.INT));
    m.put("seccomp-default", new Mapping(JsonPointer.of("seccompDefault"), Type.BOOL));
    m.put("feature-gates", new Mapping(JsonPointer.of("featureGates"), Type.MAP));
    return m;
  }

  /** Flag defaults that differ from the config file's and that the CIS items judge. */
  private static final List<Map.Entry<String, String>> FLAG_DEFAULTS =
      List.of(
          Map.entry("anonymous-auth", "true"),
          Map.entry("authorization-mode", "AlwaysAllow"),
          Map.entry("read-only-port", "10255"));

  public static final String API_VERSION = "kubelet.config.k8s.io/v1beta1";

  /**
   * The effective configuration.
   *
   * @param file the config file as read (Origin.File), when there is one
   * @param words the kubelet's command line, each word with its location
   * @param execStart where the command line starts, for defaults
   */
  public static KubeObject build(
      Optional<KubeObject> file,
      List<SystemdUnit.Word> words,
      Optional<SourceLocation> execStart,
      String description) {
    ObjectNode root =
        file.map(f -> (ObjectNode) f.raw().deepCopy())
            .orElseGet(
                () -> {
                  ObjectNode n = JsonNodeFactory.instance.objectNode();
                  n.put("apiVersion", API_VERSION);
                  n.put("kind", "KubeletConfiguration");
                  return n;
                });
    // the kubelet defaults a zero duration in its file ("0s", as kubeadm writes it) to 4h
    JsonNode idle = root.path("streamingConnectionIdleTimeout");
    if (file.isPresent() && idle.isValueNode() && idle.asString("").matches("0+(\\.0*)?[a-z]*")) {
      root.put("streamingConnectionIdleTimeout", "4h0m0s");
    }
    Map<JsonPointer, SourceLocation> overrides = new LinkedHashMap<>();
    Flags flags = Flags.parse(words.stream().map(SystemdUnit.Word::text).toList());
    if (file.isEmpty()) {
      for (Map.Entry<String, String> d : FLAG_DEFAULTS) {
        if (!flags.isSet(d.getKey())) {
          Mapping m = FLAGS.get(d.getKey());
          set(root, m, d.getValue(), List.of(d.getValue()));
          execStart.ifPresent(at -> overrides.put(m.field(), at));
        }
      }
    }
    for (Map.Entry<String, Mapping> e : FLAGS.entrySet()) {
      List<Flags.Occurrence> every = flags.every(e.getKey());
      if (every.isEmpty()) {
        continue;
      }
      Flags.Occurrence last = every.get(every.size() - 1);
      List<String> items =
          e.getValue().type() == Type.LIST || e.getValue().type() == Type.MAP
              ? flags.items(e.getKey()).stream().map(Flags.Item::value).toList()
              : List.of(last.value());
      if (set(root, e.getValue(), last.value(), items)) {
        overrides.put(e.getValue().field(), words.get(last.valueArg()).at());
      }
    }
    Origin origin =
        new Origin.Assembled(
            description,
            file.map(KubeObject::origin)
                .filter(o -> o instanceof Origin.File)
                .map(o -> (Origin.File) o),
            overrides,
            execStart.or(() -> file.flatMap(f -> f.locate(JsonPointer.ROOT))));
    return KubeObject.of(root, origin);
  }

  /** Writes a flag's value at its field with the field's type; false when it does not parse. */
  private static boolean set(ObjectNode root, Mapping m, String value, List<String> items) {
    ObjectNode parent = root;
    List<String> segs = m.field().segments();
    for (int i = 0; i < segs.size() - 1; i++) {
      JsonNode child = parent.path(segs.get(i));
      parent = child.isObject() ? (ObjectNode) child : parent.putObject(segs.get(i));
    }
    String leaf = segs.get(segs.size() - 1);
    switch (m.type()) {
      case BOOL -> {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          return false;
        }
        parent.put(leaf, Boolean.parseBoolean(value.toLowerCase()));
      }
      case INT -> {
        try {
          parent.put(leaf, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
          return false;
        }
      }
      case STRING -> parent.put(leaf, value);
      case LIST -> {
        ArrayNode a = parent.putArray(leaf);
        items.forEach(a::add);
      }
      case MAP -> {
        JsonNode existing = parent.path(leaf);
        ObjectNode map = existing.isObject() ? (ObjectNode) existing : parent.putObject(leaf);
        for (String item : items) {
          int eq = item.indexOf('=');
          if (eq > 0) {
            String v = item.substring(eq + 1).strip();
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
              map.put(item.substring(0, eq).strip(), Boolean.parseBoolean(v.toLowerCase()));
            }
          }
        }
      }
    }
    return true;
  }
}
