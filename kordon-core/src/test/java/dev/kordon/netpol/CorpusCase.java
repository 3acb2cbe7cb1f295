package dev.kordon.netpol;

import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.report.JsonOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One case of the NetworkPolicy conformance corpus ({@code shared/corpora/netpol/cases}), turned
 * into Kubernetes objects (Namespaces, Pods with {@code status.podIP}, the policies) and the
 * expectations: probes and truth-table cells, all as {@link Probe}s.
 */
record CorpusCase(String id, List<KubeObject> objects, List<Probe> probes) {

  /** One expectation: {@code port} is a number or the name of a destination container port. */
  record Probe(
      String from, String to, String port, String protocol, boolean allowed, String where) {}

  private static final Set<String> TOP_LEVEL =
      Set.of("id", "title", "source", "features", "cluster", "policies", "expect");

  static CorpusCase read(Path file) {
    JsonNode root = yaml12(file);
    String id = root.path("id").asString("");
    String expectedId = file.getFileName().toString().replaceFirst("\\.yaml$", "");
    if (!id.equals(expectedId)) {
      throw new IllegalArgumentException(file + ": id '" + id + "' differs from the file name");
    }
    for (String key : root.propertyNames()) {
      if (!TOP_LEVEL.contains(key)) {
        throw new IllegalArgumentException(file + ": unknown top-level key " + key);
      }
    }
    Origin origin = new Origin.Request("corpus case " + id);
    List<KubeObject> objects = new ArrayList<>();
    JsonNode cluster = root.path("cluster");
    if (cluster.has("model")) {
      xyz(cluster, objects, origin);
    } else {
      for (JsonNode ns : cluster.path("namespaces")) {
        objects.add(
            KubeObject.of(namespace(ns.path("name").asString(), ns.path("labels")), origin));
      }
      for (JsonNode p : cluster.path("pods")) {
        objects.add(
            KubeObject.of(
                pod(
                    p.path("namespace").asString(),
                    p.path("name").asString(),
                    p.path("labels"),
                    p.path("ip").asString(),
                    p.path("ports")),
                origin));
      }
    }
    for (JsonNode policy : root.path("policies")) {
      objects.add(KubeObject.of(policy, origin));
    }
    List<Probe> probes = new ArrayList<>();
    JsonNode expect = root.path("expect");
    for (JsonNode p : expect.path("probes")) {
      probes.add(
          new Probe(
              p.path("from").asString(),
              p.path("to").asString(),
              p.path("port").asString(),
              p.path("protocol").asString(),
              p.path("allowed").asBoolean(),
              "probe"));
    }
    for (JsonNode m : expect.path("matrices")) {
      String port = m.path("port").asString();
      String protocol = m.path("protocol").asString();
      String[] lines = m.path("table").asString().strip().split("\n");
      String[] columns = lines[0].trim().split("\\s+");
      for (int row = 1; row < lines.length; row++) {
        String[] cells = lines[row].trim().split("\\s+");
        if (cells.length != columns.length) {
          throw new IllegalArgumentException(file + ": ragged table row " + lines[row]);
        }
        for (int c = 1; c < cells.length; c++) {
          if (cells[c].equals("-")) {
            continue;
          }
          if (!cells[c].equals(".") && !cells[c].equals("X")) {
            throw new IllegalArgumentException(file + ": unknown mark " + cells[c]);
          }
          probes.add(
              new Probe(
                  cells[0],
                  columns[c],
                  port,
                  protocol,
                  cells[c].equals("."),
                  "matrix " + port + "/" + protocol));
        }
      }
    }
    return new CorpusCase(id, objects, probes);
  }

  /**
   * The case as YAML 1.2 (core schema): the corpus writes label values such as {@code y} bare,
   * which are strings there, as in the upstream Go tests, but booleans under YAML 1.1.
   */
  private static JsonNode yaml12(Path file) {
    try {
      Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
      return JsonOutput.mapper().valueToTree(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void xyz(JsonNode cluster, List<KubeObject> objects, Origin origin) {
    String[] namespaces = {"x", "y", "z"};
    String[] pods = {"a", "b", "c"};
    for (int n = 0; n < 3; n++) {
      String ns = namespaces[n];
      JsonNode labels = cluster.path("namespaceLabels").path(ns);
      if (!labels.isObject()) {
        ObjectNode l = JsonOutput.object();
        l.put(PolicyModel.NAME_LABEL, ns);
        l.put("ns", ns);
        labels = l;
      }
      objects.add(KubeObject.of(namespace(ns, labels), origin));
      for (int p = 0; p < 3; p++) {
        JsonNode podLabels = cluster.path("podLabels").path(ns + "/" + pods[p]);
        if (!podLabels.isObject()) {
          podLabels = JsonOutput.object().put("pod", pods[p]);
        }
        ArrayNode ports = JsonOutput.NODES.arrayNode();
        for (int port : new int[] {80, 81}) {
          for (String proto : new String[] {"TCP", "UDP", "SCTP"}) {
            ports
                .addObject()
                .put("name", "serve-" + port + "-" + proto.toLowerCase(Locale.ROOT))
                .put("port", port)
                .put("protocol", proto);
          }
        }
        String ip = "10.0." + (n + 1) + "." + (p + 1);
        objects.add(KubeObject.of(pod(ns, pods[p], podLabels, ip, ports), origin));
      }
    }
  }

  private static JsonNode namespace(String name, JsonNode labels) {
    ObjectNode ns = JsonOutput.object().put("apiVersion", "v1").put("kind", "Namespace");
    ObjectNode meta = ns.putObject("metadata").put("name", name);
    if (labels.isObject()) {
      meta.set("labels", labels);
    }
    return ns;
  }

  private static JsonNode pod(String ns, String name, JsonNode labels, String ip, JsonNode ports) {
    ObjectNode pod = JsonOutput.object().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata").put("name", name).put("namespace", ns);
    if (labels.isObject()) {
      meta.set("labels", labels);
    }
    ObjectNode container = pod.putObject("spec").putArray("containers").addObject();
    container.put("name", "cont");
    ArrayNode declared = container.putArray("ports");
    for (JsonNode p : ports) {
      ObjectNode d = declared.addObject();
      if (p.has("name")) {
        d.put("name", p.path("name").asString());
      }
      d.put("containerPort", p.path("port").asInt());
      d.put("protocol", p.path("protocol").asString("TCP"));
    }
    pod.putObject("status").put("podIP", ip).put("phase", "Running");
    return pod;
  }

  /** The numbered port a probe asks for: a number, or the destination's named container port. */
  static int resolvePort(Probe probe, Endpoint to, Protocol protocol) {
    if (probe.port().chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(probe.port());
    }
    if (!(to instanceof PodGroup)) {
      throw new IllegalArgumentException("named port towards an address: " + probe);
    }
    return ((PodGroup) to)
        .namedPort(probe.port(), protocol)
        .orElseThrow(() -> new IllegalArgumentException("no container port " + probe.port()))
        .port();
  }

  static Map<String, Integer> podIndex(Matrix matrix) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < matrix.pods().size(); i++) {
      out.put(matrix.pods().get(i).id(), i);
    }
    return out;
  }
}
