package dev.kordon.auditpolicy;

import java.util.List;

/**
 * What one audit-log detection of {@code kordon audit} must find in the log: requests like these
 * ({@code probes}), recorded at {@code level} or more, at one of {@code stages}.
 */
public record DetectionNeed(
    String controlId, String what, List<Probe> probes, AuditLevel level, List<String> stages) {

  public DetectionNeed {
    probes = List.copyOf(probes);
    stages = List.copyOf(stages);
  }

  private static final List<String> COMPLETE = List.of("ResponseComplete");

  /**
   * The built-in detections' needs. KOR-0407 (long-lived token Secrets) is left out on purpose: it
   * needs Secret bodies, which KOR-0432 tells people not to record.
   */
  public static List<DetectionNeed> builtIn() {
    String anon = "system:anonymous";
    return List.of(
        new DetectionNeed(
            "KOR-0400",
            "exec, attach and port-forward into pods",
            List.of(
                Probe.resource("create", "", "pods", "exec", "default"),
                Probe.resource("get", "", "pods", "exec", "default"),
                Probe.resource("create", "", "pods", "attach", "default"),
                Probe.resource("create", "", "pods", "portforward", "default")),
            AuditLevel.METADATA,
            List.of("ResponseStarted", "ResponseComplete")),
        new DetectionNeed(
            "KOR-0401",
            "privileged, host-namespace or hostPath pods and workload templates",
            List.of(
                Probe.resource("create", "", "pods", "", "default"),
                Probe.resource("create", "apps", "deployments", "", "default"),
                Probe.resource("create", "apps", "daemonsets", "", "default"),
                Probe.resource("patch", "apps", "deployments", "", "default")),
            AuditLevel.REQUEST,
            COMPLETE),
        new DetectionNeed(
            "KOR-0402",
            "Secret reads",
            List.of(
                Probe.resource("get", "", "secrets", "", "default"),
                Probe.resource("list", "", "secrets", "", "default")),
            AuditLevel.METADATA,
            COMPLETE),
        new DetectionNeed(
            "KOR-0403",
            "bursts of Forbidden responses",
            List.of(
                Probe.resource("list", "", "secrets", "", "default"),
                Probe.resource("get", "", "pods", "", "default")),
            AuditLevel.METADATA,
            COMPLETE),
        new DetectionNeed(
            "KOR-0404",
            "allowed anonymous requests",
            List.of(
                Probe.resource("get", "", "pods", "", "default")
                    .as(anon, List.of("system:unauthenticated")),
                Probe.resource("list", "", "secrets", "", "default")
                    .as(anon, List.of("system:unauthenticated"))),
            AuditLevel.METADATA,
            COMPLETE),
        new DetectionNeed(
            "KOR-0405",
            "RoleBindings and ClusterRoleBindings to cluster-admin or broad groups",
            List.of(
                Probe.resource(
                    "create", "rbac.authorization.k8s.io", "clusterrolebindings", "", ""),
                Probe.resource(
                    "create", "rbac.authorization.k8s.io", "rolebindings", "", "default")),
            AuditLevel.REQUEST,
            COMPLETE),
        new DetectionNeed(
            "KOR-0406",
            "TokenRequests",
            List.of(Probe.resource("create", "", "serviceaccounts", "token", "default")),
            AuditLevel.METADATA,
            COMPLETE),
        new DetectionNeed(
            "KOR-0408",
            "deletion of Events",
            List.of(
                Probe.resource("delete", "", "events", "", "default"),
                Probe.resource("deletecollection", "", "events", "", "default")),
            AuditLevel.METADATA,
            COMPLETE),
        new DetectionNeed(
            "KOR-0409",
            "deletion of admission webhooks and policies",
            List.of(
                Probe.resource(
                    "delete",
                    "admissionregistration.k8s.io",
                    "validatingwebhookconfigurations",
                    "",
                    ""),
                Probe.resource(
                    "delete",
                    "admissionregistration.k8s.io",
                    "validatingadmissionpolicies",
                    "",
                    "")),
            AuditLevel.METADATA,
            COMPLETE),
        new DetectionNeed(
            "KOR-0410",
            "CronJobs created by people",
            List.of(Probe.resource("create", "batch", "cronjobs", "", "default")),
            AuditLevel.METADATA,
            COMPLETE),
        new DetectionNeed(
            "KOR-0411",
            "DaemonSets created by people",
            List.of(Probe.resource("create", "apps", "daemonsets", "", "default")),
            AuditLevel.METADATA,
            COMPLETE));
  }
}
