package dev.kordon.rules;

import java.util.Locale;
import java.util.Map;

/**
 * What the API server's discovery would say about a kind: its resource (plural) name and whether it
 * is namespaced. Built-in kinds are listed; any other kind is taken as namespaced with the usual
 * English plural of its lowercased name, which is how CRDs are nearly always named.
 */
final class ResourceKinds {
  private ResourceKinds() {}

  /** One kind as admission sees it. */
  record Resource(String group, String version, String kind, String resource, boolean namespaced) {}

  private static final Map<String, String> CLUSTER_SCOPED_PLURALS =
      Map.ofEntries(
          Map.entry("Namespace", "namespaces"),
          Map.entry("Node", "nodes"),
          Map.entry("PersistentVolume", "persistentvolumes"),
          Map.entry("ClusterRole", "clusterroles"),
          Map.entry("ClusterRoleBinding", "clusterrolebindings"),
          Map.entry("StorageClass", "storageclasses"),
          Map.entry("PriorityClass", "priorityclasses"),
          Map.entry("CustomResourceDefinition", "customresourcedefinitions"),
          Map.entry("ValidatingWebhookConfiguration", "validatingwebhookconfigurations"),
          Map.entry("MutatingWebhookConfiguration", "mutatingwebhookconfigurations"),
          Map.entry("ValidatingAdmissionPolicy", "validatingadmissionpolicies"),
          Map.entry("ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings"),
          Map.entry("APIService", "apiservices"),
          Map.entry("IngressClass", "ingressclasses"),
          Map.entry("RuntimeClass", "runtimeclasses"),
          Map.entry("CSIDriver", "csidrivers"),
          Map.entry("CSINode", "csinodes"),
          Map.entry("VolumeAttachment", "volumeattachments"),
          Map.entry("CertificateSigningRequest", "certificatesigningrequests"));

  private static final Map<String, String> IRREGULAR_PLURALS =
      Map.of("Endpoints", "endpoints", "NetworkPolicy", "networkpolicies", "Ingress", "ingresses");

  static Resource of(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    String cluster = CLUSTER_SCOPED_PLURALS.get(kind);
    if (cluster != null) {
      return new Resource(group, version, kind, cluster, false);
    }
    String plural = IRREGULAR_PLURALS.getOrDefault(kind, plural(kind.toLowerCase(Locale.ROOT)));
    return new Resource(group, version, kind, plural, true);
  }

  static String plural(String lower) {
    if (lower.endsWith("s")
        || lower.endsWith("x")
        || lower.endsWith("ch")
        || lower.endsWith("sh")) {
      return lower + "es";
    }
    if (lower.endsWith("y")
        && lower.length() > 1
        && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }
}
