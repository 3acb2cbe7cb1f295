package dev.kordon.cluster.bench;

import dev.kordon.cluster.ResourceKind;

/**
 * JSON items as an API server returns them, managed fields and status included, so that the
 * benchmark pays for what a real list costs. Deterministic: item i is always the same.
 */
final class Generated {

  private static final String MANAGED =
      "\"managedFields\":[{\"manager\":\"kube-controller-manager\",\"operation\":\"Update\","
          + "\"apiVersion\":\"v1\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:metadata\":"
          + "{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:containers\":{}}}}]";

  String item(ResourceKind k, int i) {
    String ns = "ns-" + (i % 100);
    switch (k.kind()) {
      case "Pod":
        return "{\"metadata\":{\"name\":\"pod-%d\",\"namespace\":\"%s\",\"uid\":\"u-%d\",\"resourceVersion\":\"%d\",\"labels\":{\"app\":\"app-%d\",\"pod-template-hash\":\"abc\"},%s},\"spec\":{%s\"serviceAccountName\":\"default\",\"containers\":[{\"name\":\"app\",\"image\":\"registry.example.com/app:%d\",\"ports\":[{\"containerPort\":8080}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}},\"securityContext\":{\"privileged\":%s,\"runAsNonRoot\":true}}]},\"status\":{\"phase\":\"Running\",\"podIP\":\"10.%d.%d.%d\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],\"containerStatuses\":[{\"name\":\"app\",\"ready\":true,\"restartCount\":0,\"image\":\"registry.example.com/app:%d\",\"imageID\":\"sha256:0123456789abcdef\"}]}}"
            .formatted(
                i,
                ns,
                i,
                i,
                i % 500,
                MANAGED,
                i % 10 == 0 ? "\"hostNetwork\":true," : "",
                i % 50,
                i % 97 == 0,
                (i >> 16) & 255,
                (i >> 8) & 255,
                i & 255,
                i % 50);
      case "Deployment":
        return "{\"metadata\":{\"name\":\"dep-%d\",\"namespace\":\"%s\",\"labels\":{\"app\":\"app-%d\"},%s},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"app-%d\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"app-%d\"}},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"registry.example.com/app:%d\"}]}}},\"status\":{\"replicas\":2,\"readyReplicas\":2}}"
            .formatted(i, ns, i, MANAGED, i, i, i);
      case "ReplicaSet":
        return "{\"metadata\":{\"name\":\"dep-%d-abc\",\"namespace\":\"%s\",\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"dep-%d\",\"uid\":\"d-%d\",\"controller\":true}]},\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"registry.example.com/app:%d\"}]}}}}"
            .formatted(i, ns, i, i, i);
      case "Service":
        return "{\"metadata\":{\"name\":\"svc-%d\",\"namespace\":\"%s\"},\"spec\":{\"type\":\"%s\",\"selector\":{\"app\":\"app-%d\"},\"ports\":[{\"port\":80,\"targetPort\":8080}]}}"
            .formatted(i, ns, i % 20 == 0 ? "NodePort" : "ClusterIP", i);
      case "ConfigMap":
        return "{\"metadata\":{\"name\":\"cm-%d\",\"namespace\":\"%s\"},\"data\":{\"app.properties\":\"level=info\\nport=8080\\n\"}}"
            .formatted(i, ns);
      case "Secret":
        // a metadata-only listing: no data, no type
        return "{\"metadata\":{\"name\":\"secret-%d\",\"namespace\":\"%s\"}}".formatted(i, ns);
      case "Namespace":
        return "{\"metadata\":{\"name\":\"ns-%d\",\"labels\":{%s}}}"
            .formatted(i, i % 2 == 0 ? "\"pod-security.kubernetes.io/enforce\":\"baseline\"" : "");
      case "ServiceAccount":
        return "{\"metadata\":{\"name\":\"%s\",\"namespace\":\"ns-%d\"}}"
            .formatted(i < 100 ? "default" : "sa-" + i, i % 100);
      case "Role":
        return "{\"metadata\":{\"name\":\"role-%d\",\"namespace\":\"%s\"},\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"%s\"],\"verbs\":[\"get\",\"list\"]}]}"
            .formatted(i, ns, i % 25 == 0 ? "*" : "configmaps");
      case "RoleBinding":
        return "{\"metadata\":{\"name\":\"rb-%d\",\"namespace\":\"%s\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Role\",\"name\":\"role-%d\"},\"subjects\":[{\"kind\":\"ServiceAccount\",\"name\":\"sa-%d\",\"namespace\":\"%s\"}]}"
            .formatted(i, ns, i, i, ns);
      case "ClusterRole":
        return "{\"metadata\":{\"name\":\"cr-%d\"},\"rules\":[{\"apiGroups\":[\"apps\"],\"resources\":[\"deployments\"],\"verbs\":[\"get\",\"list\",\"watch\"]}]}"
            .formatted(i);
      case "ClusterRoleBinding":
        return "{\"metadata\":{\"name\":\"crb-%d\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"%s\"},\"subjects\":[{\"kind\":\"Group\",\"name\":\"team-%d\"}]}"
            .formatted(i, i % 100 == 0 ? "cluster-admin" : "cr-" + i, i);
      case "NetworkPolicy":
        return "{\"metadata\":{\"name\":\"default-deny\",\"namespace\":\"ns-%d\"},\"spec\":{\"podSelector\":{},\"policyTypes\":[\"Ingress\"]}}"
            .formatted(i);
      case "Node":
        return "{\"metadata\":{\"name\":\"node-%d\"},\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"10.1.0.%d\"}],\"nodeInfo\":{\"kubeletVersion\":\"v1.%d.3\"}}}"
            .formatted(i, i, i % 10 == 0 ? 29 : 33);
      default:
        throw new IllegalArgumentException("no generator for " + k.kind());
    }
  }
}
