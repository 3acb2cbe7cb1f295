package dev.kordon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The API server's defaults, as expressions see them, for each kind covered. */
class DefaultsTest {

  private static final KubeCel CEL = new KubeCel();

  static KubeObject object(String yaml) {
    var r = new ManifestReader().read("test.yaml", yaml);
    assertThat(r.problems()).isEmpty();
    return r.objects().get(0);
  }

  /** Evaluates an expression on the object as admission sees it. */
  static Object eval(KubeObject o, String expression) throws EvaluationError {
    Map<String, Object> activation =
        CreateRequest.of(o, Snapshot.of(List.of(o))).activation(Requester.DEFAULT);
    return CEL.compile("test", expression, KubeCel.Result.ANY).expression().eval(activation);
  }

  static final String POD_SPEC =
      """
          containers:
            - name: app
              image: registry.example.com/app
              ports: [{containerPort: 8080}]
              readinessProbe: {httpGet: {port: 8080}}
              env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
              resources: {limits: {memory: 256Mi, cpu: "1"}, requests: {cpu: 500m}}
          initContainers: [{name: init, image: "busybox:1.36"}]
          volumes:
            - {name: s, secret: {secretName: s}}
            - {name: c, configMap: {name: c}}
            - {name: h, hostPath: {path: /var/log}}
      """;

  /** Defaults every pod template and pod spec gets, read through {@code p} (the pod spec). */
  static String podSpecDefaults(String p) {
    return String.join(
        " && ",
        List.of(
            p + ".restartPolicy == 'Always'",
            p + ".dnsPolicy == 'ClusterFirst'",
            p + ".terminationGracePeriodSeconds == 30",
            p + ".schedulerName == 'default-scheduler'",
            p + ".securityContext == {}",
            p + ".containers[0].imagePullPolicy == 'Always'",
            p + ".initContainers[0].imagePullPolicy == 'IfNotPresent'",
            p + ".containers[0].terminationMessagePath == '/dev/termination-log'",
            p + ".containers[0].terminationMessagePolicy == 'File'",
            p + ".initContainers[0].resources == {}",
            p + ".containers[0].ports[0].protocol == 'TCP'",
            p + ".containers[0].readinessProbe.periodSeconds == 10",
            p + ".containers[0].readinessProbe.timeoutSeconds == 1",
            p + ".containers[0].readinessProbe.successThreshold == 1",
            p + ".containers[0].readinessProbe.failureThreshold == 3",
            p + ".containers[0].readinessProbe.httpGet.path == '/'",
            p + ".containers[0].readinessProbe.httpGet.scheme == 'HTTP'",
            p + ".containers[0].env[0].valueFrom.fieldRef.apiVersion == 'v1'",
            p + ".volumes[0].secret.defaultMode == 420",
            p + ".volumes[1].configMap.defaultMode == 420",
            p + ".volumes[2].hostPath.type == ''"));
  }

  static String workload(String apiVersion, String kind, String spec) {
    return "apiVersion: %s\nkind: %s\nmetadata: {name: w, namespace: shop}\nspec:\n%s"
        .formatted(apiVersion, kind, spec);
  }

  static String template(String indent) {
    return (indent
            + "selector: {matchLabels: {app: w}}\n"
            + indent
            + "template:\n"
            + indent
            + "  spec:\n"
            + POD_SPEC.indent(indent.length()))
        .stripTrailing();
  }

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of(
            workload("apps/v1", "Deployment", template("  ")),
            "object.spec.replicas == 1 && object.spec.revisionHistoryLimit == 10"
                + " && object.spec.progressDeadlineSeconds == 600"
                + " && object.spec.strategy == {'type': 'RollingUpdate', 'rollingUpdate':"
                + " {'maxUnavailable': '25%', 'maxSurge': '25%'}}"
                + " && object.spec.template.metadata == {}"
                + " && !has(object.spec.template.spec.enableServiceLinks)"
                + " && !has(object.spec.template.spec.containers[0].resources.requests.memory) && "
                + podSpecDefaults("object.spec.template.spec")),
        Arguments.of(
            workload("apps/v1", "StatefulSet", template("  ") + "\n  serviceName: w"),
            "object.spec.replicas == 1 && object.spec.revisionHistoryLimit == 10"
                + " && object.spec.podManagementPolicy == 'OrderedReady'"
                + " && object.spec.updateStrategy == {'type': 'RollingUpdate', 'rollingUpdate':"
                + " {'partition': 0}}"
                + " && object.spec.persistentVolumeClaimRetentionPolicy == {'whenDeleted':"
                + " 'Retain', 'whenScaled': 'Retain'} && "
                + podSpecDefaults("object.spec.template.spec")),
        Arguments.of(
            workload("apps/v1", "DaemonSet", template("  ")),
            "!has(object.spec.replicas) && object.spec.revisionHistoryLimit == 10"
                + " && object.spec.updateStrategy == {'type': 'RollingUpdate', 'rollingUpdate':"
                + " {'maxUnavailable': 1, 'maxSurge': 0}} && "
                + podSpecDefaults("object.spec.template.spec")),
        Arguments.of(
            workload("apps/v1", "ReplicaSet", template("  ")),
            "object.spec.replicas == 1 && !has(object.spec.revisionHistoryLimit) && "
                + podSpecDefaults("object.spec.template.spec")),
        Arguments.of(
            workload(
                "v1",
                "ReplicationController",
                template("  ").replace("{matchLabels: {app: w}}", "{app: w}")),
            "object.spec.replicas == 1 && " + podSpecDefaults("object.spec.template.spec")),
        Arguments.of(
            workload(
                "batch/v1", "Job", "  template:\n    spec:\n" + POD_SPEC.indent(2).stripTrailing()),
            "object.spec.completions == 1 && object.spec.parallelism == 1"
                + " && object.spec.backoffLimit == 6 && object.spec.completionMode == 'NonIndexed'"
                + " && object.spec.suspend == false"
                + " && object.spec.podReplacementPolicy == 'TerminatingOrFailed'"
                + " && object.spec.template.spec.restartPolicy == 'Always'"),
        Arguments.of(
            workload(
                "batch/v1",
                "CronJob",
                "  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
                    + POD_SPEC.indent(6).stripTrailing()),
            "object.spec.concurrencyPolicy == 'Allow' && object.spec.suspend == false"
                + " && object.spec.successfulJobsHistoryLimit == 3"
                + " && object.spec.failedJobsHistoryLimit == 1"
                + " && !has(object.spec.jobTemplate.spec.backoffLimit) && "
                + podSpecDefaults("object.spec.jobTemplate.spec.template.spec")),
        Arguments.of(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                + POD_SPEC.indent(-2).stripTrailing(),
            "object.spec.enableServiceLinks == true"
                + " && object.spec.containers[0].resources.requests == {'memory': '256Mi', 'cpu':"
                + " '500m'} && "
                + podSpecDefaults("object.spec")),
        Arguments.of(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}, {port: 443, targetPort: https}]",
            "object.spec.type == 'ClusterIP' && object.spec.sessionAffinity == 'None'"
                + " && object.spec.internalTrafficPolicy == 'Cluster'"
                + " && !has(object.spec.externalTrafficPolicy)"
                + " && object.spec.ports.all(p, p.protocol == 'TCP')"
                + " && object.spec.ports[0].targetPort == 80 && object.spec.ports[1].targetPort == 'https'"),
        Arguments.of(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: LoadBalancer\n  sessionAffinity: ClientIP\n  ports: [{port: 80}]",
            "object.spec.externalTrafficPolicy == 'Cluster'"
                + " && object.spec.allocateLoadBalancerNodePorts == true"
                + " && object.spec.sessionAffinityConfig.clientIP.timeoutSeconds == 10800"),
        Arguments.of(
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n}\nspec:\n  podSelector: {}\n  egress: [{ports: [{port: 53}]}]",
            "object.spec.policyTypes == ['Ingress', 'Egress'] && object.spec.egress[0].ports[0].protocol == 'TCP'"),
        Arguments.of(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {}",
            "object.type == 'Opaque'"),
        Arguments.of(
            "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec: {accessModes: [ReadWriteOnce]}",
            "object.spec.volumeMode == 'Filesystem'"),
        Arguments.of(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\n"
                + "roleRef: {kind: Role, name: r}\n"
                + "subjects: [{kind: User, name: alice}, {kind: ServiceAccount, name: sa, namespace: x}]",
            "object.roleRef.apiGroup == 'rbac.authorization.k8s.io'"
                + " && object.subjects[0].apiGroup == 'rbac.authorization.k8s.io'"
                + " && !has(object.subjects[1].apiGroup)"));
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("kinds")
  void defaultsAreVisibleToExpressions(String yaml, String expression) throws Exception {
    KubeObject o = object(yaml);
    assertThat(eval(o, expression)).as(o.kind() + ": " + expression).isEqualTo(true);
  }

  @Test
  void aFieldThatIsSetIsNeverChangedAndTheInputTreeStaysAsItWas() throws Exception {
    KubeObject o =
        object(
            workload(
                "apps/v1",
                "Deployment",
                "  replicas: 0\n  strategy: {type: Recreate}\n  template:\n    spec:\n"
                    + "      restartPolicy: Never\n"
                    + "      containers: [{name: a, image: 'app:latest', imagePullPolicy: Never}]"));
    String before = o.raw().toString();
    assertThat(
            eval(
                o,
                "object.spec.replicas == 0 && object.spec.strategy == {'type': 'Recreate'}"
                    + " && object.spec.template.spec.restartPolicy == 'Never'"
                    + " && object.spec.template.spec.containers[0].imagePullPolicy == 'Never'"))
        .isEqualTo(true);
    assertThat(o.raw().toString()).isEqualTo(before);
  }

  @Test
  void anEmptyStringIsAbsentAsGoSeesIt() throws Exception {
    KubeObject o =
        object(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: ''\n  containers: [{name: a, image: a}]");
    assertThat(eval(o, "object.spec.restartPolicy")).isEqualTo("Always");
  }

  @Test
  void aCustomResourceIsLeftAsItIs() throws Exception {
    KubeObject o =
        object("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {}");
    assertThat(eval(o, "object.spec == {} && !has(object.spec.replicas)")).isEqualTo(true);
  }

  @Test
  void theImagePullPolicyFollowsTheTag() {
    assertThat(ImageTag.isLatest("nginx")).isTrue();
    assertThat(ImageTag.isLatest("nginx:latest")).isTrue();
    assertThat(ImageTag.isLatest("localhost:5000/team/app")).isTrue();
    assertThat(ImageTag.isLatest("localhost:5000/team/app:1.2")).isFalse();
    assertThat(ImageTag.isLatest("nginx:1.27")).isFalse();
    assertThat(ImageTag.isLatest("nginx@sha256:" + "a".repeat(64))).isFalse();
    assertThat(ImageTag.isLatest("nginx:latest@sha256:" + "a".repeat(64))).isTrue();
    assertThat(ImageTag.isLatest("Nginx")).isFalse(); // does not parse: no tag
    assertThat(ImageTag.isLatest("")).isFalse();
  }

  private static final Pattern DOCUMENTED =
      Pattern.compile(
          "(?i)\\bdefault(?:s| value| policy)?(?: to| is| of|,)\\s+[\"`\\\\]*([\\w./%-]*)");

  /**
   * Every default of defaults.yaml whose field's OpenAPI description states a default agrees with
   * it; the figure printed says how many the schema documents.
   */
  @Test
  void theDefaultsAgreeWithWhatTheSchemaDocuments() {
    KubeSchema schema = KubeSchema.bundled();
    List<String> verified = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    Map<String, List<Defaults.Applied>> byField = new java.util.TreeMap<>();
    for (Defaults.Applied a : Defaults.bundled().constants()) {
      byField.computeIfAbsent(a.type() + "." + a.field(), k -> new ArrayList<>()).add(a);
    }
    byField.forEach(
        (key, applied) -> {
          // a computed default has no value; one only under a condition is not what the
          // description states unconditionally
          applied = applied.stream().filter(a -> a.value().isPresent()).toList();
          if (applied.stream().allMatch(Defaults.Applied::conditional)) {
            return;
          }
          Defaults.Applied first = applied.get(0);
          Optional<String> doc = schema.documentedDefault(first.type(), first.field());
          if (doc.isEmpty()) {
            return;
          }
          Matcher m = DOCUMENTED.matcher(doc.get());
          if (!m.find()) {
            return;
          }
          String documented = normalize(m.group(1));
          boolean agrees =
              applied.stream()
                  .map(Defaults.Applied::value)
                  .flatMap(Optional::stream)
                  .map(JsonNode::asString)
                  .anyMatch(documented::equals);
          (agrees ? verified : mismatched).add(key + " documented " + documented);
        });
    assertThat(mismatched).isEmpty();
    assertThat(verified).hasSizeGreaterThanOrEqualTo(43);
  }

  private static String normalize(String documented) {
    String d = documented.replaceAll("[.`\"\\\\]+$", "");
    if (d.matches("0[0-7]+")) {
      return String.valueOf(Integer.parseInt(d, 8)); // file modes: 0644 is 420
    }
    if (d.matches("[0-9]+s")) {
      return d.substring(0, d.length() - 1); // 600s
    }
    return d;
  }
}
