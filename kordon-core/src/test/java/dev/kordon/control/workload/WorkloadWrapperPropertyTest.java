package dev.kordon.control.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.testing.FixtureCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wrapping one pod spec in any workload kind must not change what the workload controls find: the
 * same ids, the same messages, at the wrapper's pod-spec (or pod-template metadata) pointer plus
 * the same suffix. Pod specs come from the fail fixtures of this package's controls and from
 * one-field edits of a minimal hardened pod, generated from a fixed seed shown in the test name.
 */
class WorkloadWrapperPropertyTest {

  private static final long SEED = 20261129L;
  private static final int GENERATED = 160;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<PodControl> CONTROLS = podControls();

  /**
   * Edits whose finding depends on the pod sharing the node's user namespace, and the edit that
   * gives it its own ({@code hostUsers: false}): at most one of them per generated pod.
   */
  private static final String USERNS = "user namespace";

  /** A pod spec and its pod metadata, with the ids that some edit promised to trigger. */
  record PodCase(String name, ObjectNode metadata, ObjectNode spec, Set<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * One-field edit of a pod: its name, the control it must trigger and what it changes. Edits of
   * the same field (removing the seccomp profile, setting it Unconfined) would undo each other, so
   * a generated pod takes at most one edit per field.
   */
  private record Edit(
      String name, String field, String expectedId, BiConsumer<ObjectNode, ObjectNode> change) {
    Edit(String name, String expectedId, BiConsumer<ObjectNode, ObjectNode> change) {
      this(name, name, expectedId, change);
    }
  }

  @Test
  void theMinimalPodPassesEveryWorkloadControl() {
    ObjectNode spec = minimalSpec();
    assertThat(run(wrap("Pod", NODES.objectNode(), spec))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyWrapperFiresTheSameIdsAtTheSameSuffix(PodCase c) {
    Set<String> reference = null;
    for (String kind : PodSpecView.WORKLOAD_KINDS) {
      Set<String> found = run(wrap(kind, c.metadata(), c.spec()));
      if (reference == null) {
        reference = found;
        assertThat(found).as("a failing pod spec fires something").isNotEmpty();
        Set<String> ids = new TreeSet<>();
        found.forEach(f -> ids.add(f.substring(0, f.indexOf(' '))));
        assertThat(ids).as("ids fired by " + c.name()).containsAll(c.expected());
      } else {
        assertThat(found).as("findings of the pod spec wrapped in a " + kind).isEqualTo(reference);
      }
    }
  }

  static Stream<Arguments> cases() throws IOException {
    List<PodCase> out = new ArrayList<>(fixturePods());
    Random random = new Random(SEED);
    for (int i = 0; i < GENERATED; i++) {
      out.add(generated(i, random));
    }
    return out.stream().map(Arguments::of);
  }

  /**
   * Runs every pod control and describes each finding as {@code id level suffix message}, where the
   * level says whether the path lies under the pod spec or the pod template's metadata, and the
   * suffix is the rest of the path. Fails when a path lies under neither.
   */
  private static Set<String> run(KubeObject object) {
    PodSpecView pod = PodSpecView.of(object).orElseThrow();
    Snapshot snapshot = Snapshot.of(List.of(object));
    Set<String> out = new TreeSet<>();
    for (PodControl c : CONTROLS) {
      for (Finding f : c.check(pod, snapshot)) {
        out.add(f.controlId() + " " + relative(pod, f.path()) + " " + f.message());
      }
    }
    return out;
  }

  private static String relative(PodSpecView pod, JsonPointer path) {
    for (JsonPointer base : List.of(pod.specPointer(), pod.metadataPointer())) {
      if (path.startsWith(base)) {
        JsonPointer suffix =
            new JsonPointer(
                path.segments().subList(base.segments().size(), path.segments().size()));
        return (base.equals(pod.specPointer()) ? "spec" : "metadata") + suffix;
      }
    }
    throw new AssertionError(
        path + " is outside the pod spec " + pod.specPointer() + " of a " + pod.object().kind());
  }

  /** The same pod spec and pod metadata in a workload of the given kind. */
  static KubeObject wrap(String kind, ObjectNode podMetadata, ObjectNode spec) {
    ObjectNode root = NODES.objectNode();
    ObjectNode meta = NODES.objectNode().put("name", "w").put("namespace", "props");
    ObjectNode template = NODES.objectNode();
    template.set("metadata", podMetadata.deepCopy());
    template.set("spec", spec.deepCopy());
    switch (kind) {
      case "Pod" -> {
        root.put("apiVersion", "v1");
        ObjectNode podMeta = podMetadata.deepCopy();
        podMeta.put("name", "w").put("namespace", "props");
        root.set("metadata", podMeta);
        root.set("spec", spec.deepCopy());
      }
      case "PodTemplate" -> {
        root.put("apiVersion", "v1");
        root.set("metadata", meta);
        root.set("template", template);
      }
      case "CronJob" -> {
        root.put("apiVersion", "batch/v1");
        root.set("metadata", meta);
        ObjectNode jobSpec = NODES.objectNode();
        jobSpec.set("template", template);
        ObjectNode cronSpec = NODES.objectNode().put("schedule", "0 * * * *");
        cronSpec.putObject("jobTemplate").set("spec", jobSpec);
        root.set("spec", cronSpec);
      }
      default -> {
        root.put(
            "apiVersion",
            kind.equals("Job")
                ? "batch/v1"
                : kind.equals("ReplicationController") ? "v1" : "apps/v1");
        root.set("metadata", meta);
        ObjectNode workloadSpec = NODES.objectNode();
        workloadSpec.putObject("selector").putObject("matchLabels").put("app", "w");
        workloadSpec.set("template", template);
        root.set("spec", workloadSpec);
      }
    }
    root.put("kind", kind);
    return KubeObject.of(root, new Origin.Request("wrapped " + kind));
  }

  /** The pod specs of every fail fixture of this package's controls (KOR-0001..KOR-0049). */
  private static List<PodCase> fixturePods() throws IOException {
    List<PodCase> out = new ArrayList<>();
    Path root = FixtureCatalog.root(WorkloadWrapperPropertyTest.class);
    for (Path file : FixtureCatalog.fixtures(root)) {
      String id = file.getParent().getFileName().toString();
      if (!file.getFileName().toString().startsWith("fail-") || !isWorkloadId(id)) {
        continue;
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      for (KubeObject o : new ManifestReader().read(file.toString(), text).objects()) {
        PodSpecView pod = PodSpecView.of(o).orElseThrow();
        JsonNode meta = o.at(pod.metadataPointer());
        ObjectNode podMeta = NODES.objectNode();
        for (String keep : List.of("labels", "annotations")) {
          if (meta.path(keep).isObject()) {
            podMeta.set(keep, meta.path(keep).deepCopy());
          }
        }
        out.add(
            new PodCase(
                id + "/" + file.getFileName(),
                podMeta,
                (ObjectNode) pod.spec().deepCopy(),
                Set.of(id)));
      }
    }
    assertThat(out).as("fail fixtures of the workload controls").hasSizeGreaterThan(20);
    return out;
  }

  private static boolean isWorkloadId(String id) {
    int n = Integer.parseInt(id.substring("KOR-".length()));
    return n >= 1 && n <= 49;
  }

  /** The minimal pod plus one to three edits, each promising the id of the control it breaks. */
  private static PodCase generated(int index, Random random) {
    ObjectNode spec = minimalSpec();
    ObjectNode meta = NODES.objectNode();
    meta.putObject("labels").put("app", "w");
    List<Edit> edits = edits(random);
    int count = 1 + random.nextInt(3);
    List<String> names = new ArrayList<>();
    Set<String> expected = new TreeSet<>();
    Set<String> edited = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      Edit edit = edits.get(random.nextInt(edits.size()));
      if (!edited.add(edit.field())) {
        continue;
      }
      edit.change().accept(spec, meta);
      names.add(edit.name());
      expected.add(edit.expectedId());
    }
    return new PodCase(
        "generated #" + index + " (seed " + SEED + "): " + String.join(", ", names),
        meta,
        spec,
        expected);
  }

  /** A pod that passes every control of this package. */
  static ObjectNode minimalSpec() {
    ObjectNode spec = NODES.objectNode();
    ObjectNode app = spec.putArray("containers").addObject();
    app.put("name", "app").put("image", "registry.example/app:1");
    ObjectNode sc = app.putObject("securityContext");
    sc.put("allowPrivilegeEscalation", false)
        .put("runAsNonRoot", true)
        .put("readOnlyRootFilesystem", true);
    sc.putObject("capabilities").putArray("drop").add("ALL");
    sc.putObject("seccompProfile").put("type", "RuntimeDefault");
    return spec;
  }

  private static ObjectNode app(ObjectNode spec) {
    return (ObjectNode) spec.path("containers").get(0);
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode existing = parent.path(field);
    return existing.isObject() ? (ObjectNode) existing : parent.putObject(field);
  }

  private static ArrayNode array(ObjectNode parent, String field) {
    JsonNode existing = parent.path(field);
    return existing.isArray() ? (ArrayNode) existing : parent.putArray(field);
  }

  private static ObjectNode appSecurity(ObjectNode spec) {
    return object(app(spec), "securityContext");
  }

  /** Every kind of edit, with its random choices already made. */
  private static List<Edit> edits(Random r) {
    String critical = pick(r, "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "DAC_READ_SEARCH", "ALL");
    String dangerous = pick(r, "NET_ADMIN", "NET_RAW", "SYS_PTRACE", "BPF", "PERFMON", "SYS_TIME");
    String other = pick(r, "IPC_LOCK", "SYS_NICE", "SYS_RESOURCE", "LINUX_IMMUTABLE", "LEASE");
    String fallback = pick(r, "CHOWN", "SETUID", "DAC_OVERRIDE", "KILL", "MKNOD");
    String sensitive =
        HostPathNormalisationTest.spell(
            r, pick(r, "/etc", "/var/run/docker.sock", "/proc", "/var/lib/kubelet", "/", "/dev"));
    String sysctl = pick(r, "kernel.msgmax", "net.core.somaxconn", "vm.swappiness", "kernel.sem");
    int port = 1 + r.nextInt(65535);
    return List.of(
        new Edit("privileged", "KOR-0001", (s, m) -> appSecurity(s).put("privileged", true)),
        new Edit(
            "allowPrivilegeEscalation: true",
            "KOR-0002",
            (s, m) -> appSecurity(s).put("allowPrivilegeEscalation", true)),
        new Edit(
            "container runAsNonRoot: false",
            USERNS,
            "KOR-0003",
            (s, m) -> appSecurity(s).put("runAsNonRoot", false)),
        new Edit(
            "pod runAsUser: 0",
            USERNS,
            "KOR-0004",
            (s, m) -> object(s, "securityContext").put("runAsUser", 0)),
        new Edit(
            "container runAsUser: 0",
            USERNS,
            "KOR-0004",
            (s, m) -> appSecurity(s).put("runAsUser", 0)),
        new Edit(
            "pod fsGroup: 0",
            USERNS,
            "KOR-0005",
            (s, m) -> object(s, "securityContext").put("fsGroup", 0)),
        new Edit("hostPID", "KOR-0006", (s, m) -> s.put("hostPID", true)),
        new Edit("hostIPC", "KOR-0007", (s, m) -> s.put("hostIPC", true)),
        new Edit("hostNetwork", "KOR-0008", (s, m) -> s.put("hostNetwork", true)),
        new Edit("hostPath /srv/data", "KOR-0009", (s, m) -> hostPath(s, "/srv/data")),
        new Edit("hostPath " + sensitive, "KOR-0010", (s, m) -> hostPath(s, sensitive)),
        new Edit("writable hostPath mount", "KOR-0011", WorkloadWrapperPropertyTest::writableMount),
        new Edit(
            "hostPort " + port,
            "KOR-0012",
            (s, m) ->
                array(app(s), "ports")
                    .addObject()
                    .put("containerPort", port)
                    .put("hostPort", port)),
        new Edit("add " + critical, "KOR-0013", (s, m) -> addCapability(s, spellCap(r, critical))),
        new Edit(
            "add " + dangerous, "KOR-0014", (s, m) -> addCapability(s, spellCap(r, dangerous))),
        new Edit("add " + other, "KOR-0015", (s, m) -> addCapability(s, spellCap(r, other))),
        new Edit(
            "no drop ALL",
            "KOR-0016",
            (s, m) -> object(appSecurity(s), "capabilities").remove("drop")),
        new Edit(
            "writable root fs",
            "KOR-0017",
            (s, m) -> appSecurity(s).put("readOnlyRootFilesystem", false)),
        new Edit(
            "no seccomp profile",
            "seccompProfile",
            "KOR-0018",
            (s, m) -> appSecurity(s).remove("seccompProfile")),
        new Edit(
            "seccomp Unconfined",
            "seccompProfile",
            "KOR-0019",
            (s, m) -> object(appSecurity(s), "seccompProfile").put("type", "Unconfined")),
        new Edit(
            "seccomp annotation unconfined",
            "KOR-0019",
            (s, m) ->
                object(m, "annotations")
                    .put("container.seccomp.security.alpha.kubernetes.io/app", "unconfined")),
        new Edit(
            "AppArmor annotation unconfined",
            "KOR-0020",
            (s, m) ->
                object(m, "annotations")
                    .put("container.apparmor.security.beta.kubernetes.io/app", "unconfined")),
        new Edit(
            "AppArmor field Unconfined",
            "KOR-0020",
            (s, m) ->
                object(object(s, "securityContext"), "appArmorProfile").put("type", "Unconfined")),
        new Edit(
            "SELinux spc_t",
            "KOR-0021",
            (s, m) -> object(appSecurity(s), "seLinuxOptions").put("type", "spc_t")),
        new Edit(
            "procMount Unmasked",
            USERNS,
            "KOR-0022",
            (s, m) -> appSecurity(s).put("procMount", "Unmasked")),
        new Edit(
            "sysctl " + sysctl,
            "KOR-0023",
            (s, m) ->
                array(object(s, "securityContext"), "sysctls")
                    .addObject()
                    .put("name", sysctl)
                    .put("value", "1")),
        new Edit(
            "shareProcessNamespace", "KOR-0024", (s, m) -> s.put("shareProcessNamespace", true)),
        new Edit(
            "Windows hostProcess",
            "KOR-0025",
            (s, m) -> object(appSecurity(s), "windowsOptions").put("hostProcess", true)),
        new Edit(
            "probe host",
            "KOR-0026",
            (s, m) ->
                object(object(app(s), "livenessProbe"), "httpGet")
                    .put("host", "169.254.169.254")
                    .put("port", 80)),
        new Edit(
            "nfs volume",
            "KOR-0027",
            (s, m) -> {
              ObjectNode v = array(s, "volumes").addObject().put("name", "nfs-" + port);
              v.putObject("nfs").put("server", "nfs.example").put("path", "/export");
            }),
        new Edit(
            "bare ephemeral container",
            "KOR-0018",
            (s, m) ->
                array(s, "ephemeralContainers")
                    .addObject()
                    .put("name", "debug")
                    .put("image", "busybox:1.36")),
        new Edit(
            "procMount Unmasked in a user namespace",
            USERNS,
            "KOR-0028",
            (s, m) -> {
              s.put("hostUsers", false);
              appSecurity(s).put("procMount", "Unmasked");
            }),
        new Edit("add back " + fallback, "KOR-0029", (s, m) -> addCapability(s, fallback)),
        new Edit(
            "privileged init container",
            "KOR-0001",
            (s, m) -> {
              ObjectNode init = array(s, "initContainers").addObject();
              init.put("name", "init").put("image", "busybox:1.36");
              init.putObject("securityContext").put("privileged", true);
            }));
  }

  private static void hostPath(ObjectNode spec, String path) {
    ObjectNode v =
        array(spec, "volumes").addObject().put("name", "host" + spec.path("volumes").size());
    v.putObject("hostPath").put("path", path);
  }

  private static void writableMount(ObjectNode spec, ObjectNode meta) {
    hostPath(spec, "/srv/logs");
    String name = "host" + spec.path("volumes").size();
    array(app(spec), "volumeMounts").addObject().put("name", name).put("mountPath", "/logs");
  }

  private static void addCapability(ObjectNode spec, String cap) {
    array(object(appSecurity(spec), "capabilities"), "add").add(cap);
  }

  private static String pick(Random r, String... values) {
    return values[r.nextInt(values.length)];
  }

  /** A capability name as a user may write it: any case, with or without {@code CAP_}. */
  private static String spellCap(Random r, String cap) {
    String name = r.nextBoolean() ? "CAP_" + cap : cap;
    return r.nextBoolean() ? name.toLowerCase(Locale.ROOT) : name;
  }

  private static List<PodControl> podControls() {
    List<PodControl> out = new ArrayList<>();
    for (Control c : WorkloadControls.all(ControlSettings.DEFAULT)) {
      if (c instanceof PodControl pc) {
        out.add(pc);
      }
    }
    return out;
  }
}
