package dev.kordon.cluster;

import java.util.List;

/**
 * One kind the controls read, as the API serves it.
 *
 * @param group API group, empty for the core group
 * @param resource the plural resource name in URLs and RBAC rules
 * @param optional not served by every cluster (skipped silently when discovery lacks it)
 * @param metadataOnly listed as PartialObjectMetadata: the server never sends the body (Secrets)
 */
public record ResourceKind(
    String group,
    String version,
    String resource,
    String kind,
    boolean namespaced,
    boolean optional,
    boolean metadataOnly) {

  /** Everything the built-in controls read, in the order objects enter the snapshot. */
  public static final List<ResourceKind> SCANNED =
      List.of(
          core("namespaces", "Namespace", false),
          core("nodes", "Node", false),
          core("pods", "Pod", true),
          core("serviceaccounts", "ServiceAccount", true),
          core("services", "Service", true),
          core("configmaps", "ConfigMap", true),
          new ResourceKind("", "v1", "secrets", "Secret", true, false, true),
          core("replicationcontrollers", "ReplicationController", true),
          core("resourcequotas", "ResourceQuota", true),
          core("limitranges", "LimitRange", true),
          of("apps", "deployments", "Deployment", true),
          of("apps", "statefulsets", "StatefulSet", true),
          of("apps", "daemonsets", "DaemonSet", true),
          of("apps", "replicasets", "ReplicaSet", true),
          of("batch", "jobs", "Job", true),
          of("batch", "cronjobs", "CronJob", true),
          of("networking.k8s.io", "networkpolicies", "NetworkPolicy", true),
          of("networking.k8s.io", "ingresses", "Ingress", true),
          of("rbac.authorization.k8s.io", "roles", "Role", true),
          of("rbac.authorization.k8s.io", "rolebindings", "RoleBinding", true),
          of("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", false),
          of("rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", false),
          of(
              "admissionregistration.k8s.io",
              "validatingwebhookconfigurations",
              "ValidatingWebhookConfiguration",
              false),
          of(
              "admissionregistration.k8s.io",
              "mutatingwebhookconfigurations",
              "MutatingWebhookConfiguration",
              false),
          optional(
              "admissionregistration.k8s.io",
              "validatingadmissionpolicies",
              "ValidatingAdmissionPolicy",
              false),
          optional(
              "admissionregistration.k8s.io",
              "validatingadmissionpolicybindings",
              "ValidatingAdmissionPolicyBinding",
              false),
          optional("policy", "poddisruptionbudgets", "PodDisruptionBudget", true),
          new ResourceKind(
              "gateway.networking.k8s.io", "v1", "gateways", "Gateway", true, true, false));

  private static ResourceKind core(String resource, String kind, boolean namespaced) {
    return new ResourceKind("", "v1", resource, kind, namespaced, false, false);
  }

  private static ResourceKind of(String group, String resource, String kind, boolean namespaced) {
    return new ResourceKind(group, "v1", resource, kind, namespaced, false, false);
  }

  private static ResourceKind optional(
      String group, String resource, String kind, boolean namespaced) {
    return new ResourceKind(group, "v1", resource, kind, namespaced, true, false);
  }

  /** {@code v1} or {@code apps/v1}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The discovery document of this kind's group version. */
  String discoveryPath() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /** The collection URL path, cluster-wide when {@code namespace} is empty. */
  String listPath(String namespace) {
    String base = discoveryPath();
    return namespace.isEmpty() || !namespaced
        ? base + "/" + resource
        : base + "/namespaces/" + namespace + "/" + resource;
  }

  /** The RBAC resource name, {@code pods} or {@code clusterroles.rbac.authorization.k8s.io}. */
  public String rbacResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}
