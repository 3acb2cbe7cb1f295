package dev.kordon.control.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import dev.kordon.control.PodControl;
import dev.kordon.control.image.ImageControls;
import dev.kordon.control.secrets.SecretControls;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;

/**
 * Pod specs generated from a fixed seed, wrapped in every workload kind: each pod control of this
 * range reports the same ids on the same fields (relative to the pod spec) whatever the wrapper,
 * except where a control deliberately treats batch kinds differently (probes).
 */
class WorkloadWrappingTest {

  private static final long SEED = 50_099L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> BATCH_AWARE = Set.of("KOR-0054", "KOR-0055");

  private static final List<String> IMAGES =
      List.of(
          "nginx",
          "nginx:latest",
          "nginx:1.27",
          "ghcr.io/acme/app:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
          "registry.evil.example/x:1",
          "k8s.gcr.io/pause:3.2");

  static Stream<Arguments> specs() {
    Random random = new Random(SEED);
    return IntStream.range(0, 60).mapToObj(i -> Arguments.of(SEED, i, podSpec(random)));
  }

  private static Map<String, Object> podSpec(Random r) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (r.nextBoolean()) {
      spec.put("serviceAccountName", r.nextBoolean() ? "default" : "app");
    }
    if (r.nextInt(3) == 0) {
      spec.put("automountServiceAccountToken", r.nextBoolean());
    }
    if (r.nextInt(4) == 0) {
      spec.put("restartPolicy", r.nextBoolean() ? "Never" : "Always");
    }
    if (r.nextInt(4) == 0) {
      spec.put("runtimeClassName", r.nextBoolean() ? "gvisor" : "runc");
    }
    spec.put("containers", containers(r, 1 + r.nextInt(3), "c"));
    if (r.nextBoolean()) {
      spec.put("initContainers", containers(r, 1, "init"));
    }
    return spec;
  }

  private static List<Object> containers(Random r, int n, String prefix) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", prefix + i);
      c.put("image", IMAGES.get(r.nextInt(IMAGES.size())));
      if (r.nextBoolean()) {
        c.put("imagePullPolicy", List.of("Always", "IfNotPresent", "Never").get(r.nextInt(3)));
      }
      Map<String, Object> resources = new LinkedHashMap<>();
      for (String section : List.of("requests", "limits")) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (r.nextBoolean()) {
          values.put("cpu", "100m");
        }
        if (r.nextBoolean()) {
          values.put("memory", "64Mi");
        }
        if (!values.isEmpty()) {
          resources.put(section, values);
        }
      }
      if (!resources.isEmpty()) {
        c.put("resources", resources);
      }
      if (r.nextBoolean()) {
        c.put("livenessProbe", Map.of("tcpSocket", Map.of("port", 8080)));
      }
      if (r.nextBoolean()) {
        c.put("readinessProbe", Map.of("tcpSocket", Map.of("port", 8080)));
      }
      if (r.nextInt(3) == 0) {
        c.put("ports", List.of(Map.of("containerPort", r.nextBoolean() ? 22 : 8080)));
      }
      List<Object> env = new ArrayList<>();
      if (r.nextBoolean()) {
        env.add(Map.of("name", "DB_PASSWORD", "value", "Zr7#pQ2m!Vx9Lw4k"));
      }
      if (r.nextBoolean()) {
        env.add(Map.of("name", "LOG_LEVEL", "value", "debug"));
      }
      if (r.nextBoolean()) {
        env.add(
            Map.of(
                "name",
                "TOKEN",
                "valueFrom",
                Map.of("secretKeyRef", Map.of("name", "s", "key", "token"))));
      }
      if (!env.isEmpty()) {
        c.put("env", env);
      }
      out.add(c);
    }
    return out;
  }

  private static Map<String, Object> wrap(String kind, Map<String, Object> spec) {
    Map<String, Object> template =
        Map.of("metadata", Map.of("labels", Map.of("app", "x")), "spec", spec);
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("kind", kind);
    object.put("metadata", Map.of("name", "w", "namespace", "shop"));
    switch (kind) {
      case "Pod":
        object.put("apiVersion", "v1");
        object.put("spec", spec);
        break;
      case "CronJob":
        object.put("apiVersion", "batch/v1");
        object.put(
            "spec",
            Map.of(
                "schedule",
                "* * * * *",
                "jobTemplate",
                Map.of("spec", Map.of("template", template))));
        break;
      case "Job":
        object.put("apiVersion", "batch/v1");
        object.put("spec", Map.of("template", template));
        break;
      default:
        object.put("apiVersion", "apps/v1");
        object.put(
            "spec",
            Map.of("selector", Map.of("matchLabels", Map.of("app", "x")), "template", template));
    }
    return object;
  }

  private static Set<String> findings(String kind, Map<String, Object> spec, boolean skipBatch) {
    String text = JSON.writeValueAsString(wrap(kind, spec));
    ReadResult read = new ManifestReader().read(kind + ".json", text);
    assertThat(read.objects()).hasSize(1);
    KubeObject object = read.objects().get(0);
    PodSpecView pod = PodSpecView.of(object).orElseThrow();
    Snapshot snapshot = Snapshot.of(read.objects());
    Set<String> out = new TreeSet<>();
    for (Control c : controls()) {
      if (!(c instanceof PodControl) || (skipBatch && BATCH_AWARE.contains(c.info().id()))) {
        continue;
      }
      for (Finding f : ((PodControl) c).check(pod, snapshot)) {
        assertThat(f.path().startsWith(pod.specPointer()))
            .as("%s points inside the pod spec: %s", f.controlId(), f.path())
            .isTrue();
        String relative = f.path().toString().substring(pod.specPointer().toString().length());
        out.add(f.controlId() + " " + relative + " " + f.message());
      }
    }
    return out;
  }

  private static List<Control> controls() {
    List<Control> all = new ArrayList<>(ResourceControls.all(ControlSettings.DEFAULT));
    all.addAll(ImageControls.all(ControlSettings.DEFAULT));
    all.addAll(SecretControls.all(ControlSettings.DEFAULT));
    return all;
  }

  @ParameterizedTest(name = "seed {0} #{1}")
  @MethodSource("specs")
  void sameFindingsInEveryWrapper(long seed, int index, Map<String, Object> spec) {
    Set<String> bare = findings("Pod", spec, false);
    assertThat(bare).as("the generator produces specs with findings").isNotEmpty();
    for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet")) {
      assertThat(findings(kind, spec, false)).as(kind).isEqualTo(bare);
    }
    Set<String> bareWithoutProbes = findings("Pod", spec, true);
    for (String kind : List.of("Job", "CronJob")) {
      assertThat(findings(kind, spec, true)).as(kind).isEqualTo(bareWithoutProbes);
    }
  }
}
