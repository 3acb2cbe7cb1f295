package dev.kordon.audit;

import java.util.Map;

/** The kind of the resources detections name, from the plural an audit event's objectRef gives. */
final class Kinds {
  private Kinds() {}

  private static final Map<String, String> KINDS =
      Map.ofEntries(
          Map.entry("pods", "Pod"),
          Map.entry("deployments", "Deployment"),
          Map.entry("daemonsets", "DaemonSet"),
          Map.entry("statefulsets", "StatefulSet"),
          Map.entry("replicasets", "ReplicaSet"),
          Map.entry("replicationcontrollers", "ReplicationController"),
          Map.entry("jobs", "Job"),
          Map.entry("cronjobs", "CronJob"),
          Map.entry("secrets", "Secret"),
          Map.entry("configmaps", "ConfigMap"),
          Map.entry("serviceaccounts", "ServiceAccount"),
          Map.entry("events", "Event"),
          Map.entry("namespaces", "Namespace"),
          Map.entry("nodes", "Node"),
          Map.entry("roles", "Role"),
          Map.entry("rolebindings", "RoleBinding"),
          Map.entry("clusterroles", "ClusterRole"),
          Map.entry("clusterrolebindings", "ClusterRoleBinding"),
          Map.entry("validatingwebhookconfigurations", "ValidatingWebhookConfiguration"),
          Map.entry("mutatingwebhookconfigurations", "MutatingWebhookConfiguration"),
          Map.entry("validatingadmissionpolicies", "ValidatingAdmissionPolicy"),
          Map.entry("validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding"),
          Map.entry("mutatingadmissionpolicies", "MutatingAdmissionPolicy"),
          Map.entry("mutatingadmissionpolicybindings", "MutatingAdmissionPolicyBinding"));

  /** The kind, or the plural itself when unknown. */
  static String of(String resource) {
    return KINDS.getOrDefault(resource, resource);
  }
}
