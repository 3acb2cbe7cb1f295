package dev.kordon.audit;

import static dev.kordon.audit.Events.analyze;
import static dev.kordon.audit.Events.event;
import static dev.kordon.audit.Events.sa;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each detection on events in the shapes the API server writes, and benign traffic beside it. */
class DetectionsTest {

  private static final String PRIVILEGED_POD =
      "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\",\"namespace\":\"kube-system\"},"
          + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"alpine\",\"securityContext\":{\"privileged\":true}}]}}";

  private static final String HOST_DEPLOYMENT =
      "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"template\":"
          + "{\"spec\":{\"hostPID\":true,\"volumes\":[{\"name\":\"root\",\"hostPath\":{\"path\":\"/\"}}],"
          + "\"containers\":[{\"name\":\"c\",\"image\":\"alpine\"}]}}}}";

  private static final String PLAIN_POD =
      "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"ok\"},"
          + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"alpine\"}]}}";

  private static List<String> ids(List<Finding> fs) {
    return fs.stream().map(Finding::controlId).toList();
  }

  @Test
  void execOverWebSocketIsLoggedAsGetAndReportedOncePerSessionWithItsAuditId() {
    var started =
        event().verb("get").sub("exec").name("web-1").code(101).stage("ResponseStarted").id("s1");
    var complete = event().verb("get").sub("exec").name("web-1").code(101).id("s1");
    List<Finding> fs = analyze(started.json(), complete.json());
    assertThat(ids(fs)).containsExactly("KOR-0400");
    Finding f = fs.get(0);
    assertThat(f.evidence().auditIds()).containsExactly("s1");
    assertThat(f.evidence().events()).isEqualTo(1);
    assertThat(f.evidence().user()).isEqualTo("alice@example.com");
    assertThat(f.evidence().groups()).contains("devs");
    assertThat(f.evidence().sourceIPs()).containsExactly("10.0.0.7");
    assertThat(f.evidence().userAgent()).startsWith("kubectl/");
    assertThat(f.evidence().object().name()).isEqualTo("web-1");
    assertThat(f.refs()).contains("mitre:T1609");
    assertThat(f.location().get().line()).isEqualTo(1);
  }

  @Test
  void spdyExecAttachAndPortForwardAreReportedButRefusedOnesAreNot() {
    List<Finding> fs =
        analyze(
            event().verb("create").sub("exec").name("a").code(101).json(),
            event().verb("create").sub("attach").name("a").code(101).json(),
            event().verb("get").sub("portforward").name("a").code(101).json(),
            event().verb("create").sub("exec").name("b").code(403).json(),
            event().verb("get").sub("log").name("a").json());
    assertThat(ids(fs)).containsExactly("KOR-0400", "KOR-0400", "KOR-0400");
  }

  @Test
  void privilegedPodWrittenIntoKubeSystemByAPersonIsRiskyWhoeverWatchesThatNamespace() {
    List<Finding> fs =
        analyze(
            event()
                .level("RequestResponse")
                .verb("create")
                .ns("kube-system")
                .code(201)
                .request(PRIVILEGED_POD)
                .json());
    assertThat(ids(fs)).containsExactly("KOR-0401");
    assertThat(fs.get(0).message()).contains("KOR-0001").contains("privileged");
    assertThat(fs.get(0).path().toString()).startsWith("/requestObject/spec/containers/0");
  }

  @Test
  void hostNamespaceAndHostPathTemplateIsJudgedByTheSameControlsAsScan() {
    List<Finding> fs =
        analyze(
            event()
                .level("Request")
                .verb("create")
                .on("apps", "deployments")
                .code(201)
                .request(HOST_DEPLOYMENT)
                .json());
    assertThat(ids(fs)).containsExactly("KOR-0401");
    assertThat(fs.get(0).message()).contains("hostPID").contains("host path");
  }

  @Test
  void jsonPatchThatTurnsOnHostNetworkIsReadOperationByOperation() {
    String patch = "[{\"op\":\"add\",\"path\":\"/spec/template/spec/hostNetwork\",\"value\":true}]";
    List<Finding> fs =
        analyze(
            event()
                .level("Request")
                .verb("patch")
                .on("apps", "daemonsets")
                .name("agent")
                .request(patch)
                .json());
    assertThat(ids(fs)).containsExactly("KOR-0401");
    assertThat(fs.get(0).path().toString()).isEqualTo("/requestObject/0/value");
  }

  @Test
  void podsThatControllersCreateAndBodiesTheLevelDidNotRecordAreNotJudged() {
    List<Finding> fs =
        analyze(
            event()
                .level("RequestResponse")
                .verb("create")
                .user(sa("kube-system", "replicaset-controller"))
                .code(201)
                .request(PRIVILEGED_POD)
                .json(),
            event()
                .level("RequestResponse")
                .verb("create")
                .user(Events.KUBELET)
                .ns("kube-system")
                .code(201)
                .request(PRIVILEGED_POD)
                .json(),
            // a Metadata event carries no body: a stray requestObject is not what the level
            // recorded
            event().level("Metadata").verb("create").code(201).request(PRIVILEGED_POD).json(),
            event().level("Request").verb("create").code(201).request(PLAIN_POD).json(),
            event().level("Request").verb("create").code(403).request(PRIVILEGED_POD).json());
    assertThat(fs).isEmpty();
  }

  @Test
  void secretReadsByPeopleAndWorkloadsAreReportedByControllersAndKubeletsAreNot() {
    List<Finding> fs =
        analyze(
            event().verb("get").on("", "secrets").name("db").json(),
            event().verb("list").on("", "secrets").ns("").user(sa("shop", "api")).json(),
            // a watch is logged when it ends
            event()
                .verb("watch")
                .on("", "secrets")
                .ns("prod")
                .user(sa("shop", "api"))
                .at("2024-05-01T11:00:00Z")
                .json(),
            event().verb("get").on("", "secrets").name("tok").user(Events.KUBELET).json(),
            event()
                .verb("list")
                .on("", "secrets")
                .user(sa("kube-system", "namespace-controller"))
                .json(),
            event().verb("get").on("", "secrets").name("db").user(Events.PERSON).code(403).json());
    assertThat(ids(fs)).containsExactly("KOR-0402", "KOR-0402", "KOR-0402");
  }

  @Test
  void tenForbiddenWithinAMinuteAreABurstNineAreNot() {
    List<String> burst = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      burst.add(
          event()
              .verb("list")
              .on("", "secrets")
              .code(403)
              .at("2024-05-01T10:00:%02dZ".formatted(i * 5))
              .json());
    }
    List<Finding> fs = analyze(burst.toArray(String[]::new));
    assertThat(ids(fs)).containsExactly("KOR-0403");
    assertThat(fs.get(0).evidence().auditIds()).hasSize(10);
    assertThat(fs.get(0).resource().kind()).isEqualTo("User");
    assertThat(analyze(burst.subList(0, 9).toArray(String[]::new))).isEmpty();
  }

  @Test
  void forbiddenSpreadOverTimeIsNoBurstAndTheWindowIsConfigurable() {
    List<String> slow = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      slow.add(event().code(403).at("2024-05-01T10:%02d:00Z".formatted(i * 2)).json());
    }
    assertThat(analyze(slow.toArray(String[]::new))).isEmpty();
    AuditSettings wide = AuditSettings.defaults().withBurst(5, 3600);
    assertThat(ids(analyze(wide, List.of(), slow.toArray(String[]::new))))
        .containsExactly("KOR-0403");
  }

  @Test
  void burstStateIsForgottenWhenTheRequesterFallsQuiet() {
    ForbiddenBurst d = new ForbiddenBurst(Identities.builtIn(), 10, 60);
    FindingBook book = new FindingBook(100, null);
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      String user = "{\"username\":\"u" + i + "\",\"groups\":[]}";
      log.append(
              event()
                  .user(user)
                  .code(403)
                  .at("2024-05-01T10:%02d:%02dZ".formatted(i / 60 % 60, i % 60))
                  .json())
          .append('\n');
    }
    for (AuditEvent e : Events.read(log.toString(), new ArrayList<>())) {
      d.observe(e, book);
    }
    assertThat(d.held()).isLessThanOrEqualTo(121);
  }

  @Test
  void anonymousRequestsAllowedBeyondHealthChecksAreReported() {
    List<Finding> fs =
        analyze(
            event().user(Events.ANONYMOUS).nonResource("/healthz").json(),
            event().user(Events.ANONYMOUS).nonResource("/readyz?verbose").json(),
            event().user(Events.ANONYMOUS).code(403).json(),
            event().user(Events.ANONYMOUS).verb("list").json());
    assertThat(ids(fs)).containsExactly("KOR-0404");
    assertThat(fs.get(0).message()).contains("list pods in default");
  }

  @Test
  void bindingsToClusterAdminOrBroadGroupsAreReportedNarrowOnesAreNot() {
    String admin =
        "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\",\"metadata\":{\"name\":\"backdoor\"},"
            + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"cluster-admin\"},"
            + "\"subjects\":[{\"kind\":\"User\",\"name\":\"mallory\"}]}";
    String everyone =
        "{\"kind\":\"RoleBinding\",\"metadata\":{\"name\":\"view-all\"},\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"view\"},"
            + "\"subjects\":[{\"kind\":\"Group\",\"name\":\"system:authenticated\"}]}";
    String narrow =
        "{\"kind\":\"RoleBinding\",\"metadata\":{\"name\":\"bob-view\"},\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"view\"},"
            + "\"subjects\":[{\"kind\":\"User\",\"name\":\"bob\"}]}";
    String patch =
        "[{\"op\":\"add\",\"path\":\"/subjects/-\",\"value\":{\"kind\":\"Group\",\"name\":\"system:unauthenticated\"}}]";
    String rbac = "rbac.authorization.k8s.io";
    List<Finding> fs =
        analyze(
            event()
                .level("Request")
                .verb("create")
                .on(rbac, "clusterrolebindings")
                .ns("")
                .code(201)
                .request(admin)
                .json(),
            event()
                .level("Request")
                .verb("create")
                .on(rbac, "rolebindings")
                .code(201)
                .request(everyone)
                .json(),
            event()
                .level("Request")
                .verb("patch")
                .on(rbac, "rolebindings")
                .name("edit")
                .request(patch)
                .json(),
            event()
                .level("Request")
                .verb("create")
                .on(rbac, "rolebindings")
                .code(201)
                .request(narrow)
                .json(),
            event()
                .level("Metadata")
                .verb("create")
                .on(rbac, "clusterrolebindings")
                .ns("")
                .code(201)
                .json());
    assertThat(ids(fs)).containsExactly("KOR-0405", "KOR-0405", "KOR-0405");
    assertThat(fs.stream().map(Finding::message).toList())
        .anyMatch(m -> m.contains("grants cluster-admin"))
        .anyMatch(m -> m.contains("system:authenticated"))
        .anyMatch(m -> m.contains("system:unauthenticated"));
  }

  @Test
  void tokenRequestsForAnotherAccountAreReportedKubeletsAndOwnTokensAreNot() {
    List<Finding> fs =
        analyze(
            event()
                .verb("create")
                .on("", "serviceaccounts")
                .sub("token")
                .ns("kube-system")
                .name("admin-sa")
                .user(sa("shop", "api"))
                .code(201)
                .json(),
            event()
                .verb("create")
                .on("", "serviceaccounts")
                .sub("token")
                .ns("shop")
                .name("api")
                .user(Events.PERSON)
                .code(201)
                .json(),
            event()
                .verb("create")
                .on("", "serviceaccounts")
                .sub("token")
                .ns("shop")
                .name("api")
                .user(Events.KUBELET)
                .code(201)
                .json(),
            event()
                .verb("create")
                .on("", "serviceaccounts")
                .sub("token")
                .ns("shop")
                .name("api")
                .user(sa("shop", "api"))
                .code(201)
                .json());
    assertThat(ids(fs)).containsExactly("KOR-0406", "KOR-0406");
  }

  @Test
  void longLivedTokenSecretIsReportedFromItsTypeAloneAndItsDataIsNeverRead() {
    String token =
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"kubernetes.io/service-account-token\",\"metadata\":{\"name\":\"keep\","
            + "\"annotations\":{\"kubernetes.io/service-account.name\":\"deployer\"}},\"data\":{\"token\":\"c2VjcmV0LXZhbHVl\"}}";
    String opaque =
        "{\"kind\":\"Secret\",\"type\":\"Opaque\",\"metadata\":{\"name\":\"o\"},\"data\":{\"k\":\"c2VjcmV0LXZhbHVl\"}}";
    List<Finding> fs =
        analyze(
            event()
                .level("Request")
                .verb("create")
                .on("", "secrets")
                .code(201)
                .request(token)
                .json(),
            event()
                .level("Request")
                .verb("create")
                .on("", "secrets")
                .code(201)
                .request(opaque)
                .json());
    assertThat(ids(fs)).containsExactly("KOR-0407");
    assertThat(fs.get(0).message()).contains("deployer").doesNotContain("c2VjcmV0");
  }

  @Test
  void deletingEventsOrAdmissionDefencesIsReportedTheNamespaceControllerIsNot() {
    String adm = "admissionregistration.k8s.io";
    List<Finding> fs =
        analyze(
            event().verb("deletecollection").on("", "events").json(),
            event().verb("delete").on("events.k8s.io", "events").ns("web").name("e1").json(),
            event()
                .verb("delete")
                .on(adm, "validatingwebhookconfigurations")
                .ns("")
                .name("kyverno")
                .json(),
            event()
                .verb("delete")
                .on(adm, "validatingadmissionpolicies")
                .ns("")
                .name("no-priv")
                .json(),
            event()
                .verb("deletecollection")
                .on("", "events")
                .user(sa("kube-system", "namespace-controller"))
                .json(),
            event().verb("delete").on("", "configmaps").name("x").json());
    assertThat(ids(fs)).containsExactlyInAnyOrder("KOR-0408", "KOR-0408", "KOR-0409", "KOR-0409");
  }

  @Test
  void cronJobsAndDaemonSetsByPeopleOutsideKubeSystemAreReported() {
    List<Finding> fs =
        analyze(
            event().verb("create").on("batch", "cronjobs").name("miner").code(201).json(),
            event().verb("create").on("apps", "daemonsets").name("agent").code(201).json(),
            event()
                .verb("create")
                .on("apps", "daemonsets")
                .ns("kube-system")
                .name("cni")
                .code(201)
                .json(),
            event()
                .verb("create")
                .on("batch", "cronjobs")
                .name("backup")
                .user(sa("argocd", "argocd-application-controller"))
                .code(201)
                .json(),
            event().verb("create").on("batch", "cronjobs").name("x").code(403).json());
    assertThat(ids(fs)).containsExactlyInAnyOrder("KOR-0410", "KOR-0411");
  }

  @Test
  void impersonatedRequestsAreJudgedAsTheImpersonatedUser() {
    String admin = "{\"username\":\"system:admin\",\"groups\":[\"system:masters\"]}";
    List<Finding> fs =
        analyze(
            event()
                .user(admin)
                .impersonating("{\"username\":\"bob\",\"groups\":[\"system:authenticated\"]}")
                .verb("get")
                .on("", "secrets")
                .name("s")
                .json());
    assertThat(fs).hasSize(1);
    assertThat(fs.get(0).evidence().user()).isEqualTo("bob");
  }

  @Test
  void benignTrafficOfAClusterGivesNoFinding() {
    List<String> lines = new ArrayList<>();
    String scheduler =
        "{\"username\":\"system:kube-scheduler\",\"groups\":[\"system:authenticated\"]}";
    String kcm =
        "{\"username\":\"system:kube-controller-manager\",\"groups\":[\"system:authenticated\"]}";
    String coredns = sa("kube-system", "coredns");
    lines.add(event().verb("watch").on("", "pods").ns("").user(scheduler).json());
    lines.add(
        event()
            .verb("create")
            .on("", "pods")
            .sub("binding")
            .name("web-1")
            .user(scheduler)
            .code(201)
            .json());
    lines.add(
        event().verb("list").on("discovery.k8s.io", "endpointslices").ns("").user(coredns).json());
    lines.add(event().verb("watch").on("", "services").ns("").user(coredns).json());
    lines.add(event().verb("get").on("", "secrets").name("web-token").user(Events.KUBELET).json());
    lines.add(
        event()
            .verb("patch")
            .on("", "pods")
            .sub("status")
            .name("web-1")
            .user(Events.KUBELET)
            .json());
    lines.add(
        event()
            .verb("create")
            .on("", "serviceaccounts")
            .sub("token")
            .name("default")
            .user(Events.KUBELET)
            .code(201)
            .json());
    lines.add(
        event()
            .verb("update")
            .on("coordination.k8s.io", "leases")
            .ns("kube-system")
            .name("kube-scheduler")
            .user(scheduler)
            .json());
    lines.add(
        event().verb("get").on("coordination.k8s.io", "leases").ns("kube-system").user(kcm).json());
    lines.add(
        event()
            .level("Request")
            .verb("create")
            .on("", "pods")
            .user(sa("kube-system", "daemon-set-controller"))
            .ns("kube-system")
            .code(201)
            .request(PRIVILEGED_POD)
            .json());
    lines.add(
        event()
            .verb("deletecollection")
            .on("", "events")
            .ns("old")
            .user(sa("kube-system", "namespace-controller"))
            .json());
    lines.add(
        event()
            .verb("list")
            .on("", "secrets")
            .ns("")
            .user(sa("kube-system", "generic-garbage-collector"))
            .json());
    // people reading what is not secret
    lines.add(event().verb("list").on("", "pods").json());
    lines.add(event().verb("get").on("apps", "deployments").name("web").json());
    lines.add(event().verb("get").on("", "pods").sub("log").name("web-1").json());
    lines.add(event().user(Events.ANONYMOUS).nonResource("/livez").json());
    lines.add(event().verb("get").nonResource("/api").json());
    // a few refusals are no burst
    for (int i = 0; i < 3; i++) {
      lines.add(event().verb("get").on("", "nodes").ns("").code(403).json());
    }
    assertThat(analyze(lines.toArray(String[]::new))).isEmpty();
  }

  @Test
  void theWholeIdListIsCappedButEveryEventCounted() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      lines.add(event().verb("get").sub("exec").name("web-1").code(101).json());
    }
    Finding f = analyze(lines.toArray(String[]::new)).get(0);
    assertThat(f.evidence().auditIds()).hasSize(dev.kordon.model.Evidence.MAX_IDS);
    assertThat(f.evidence().events()).isEqualTo(150);
    assertThat(f.message()).contains("150 requests");
  }
}
