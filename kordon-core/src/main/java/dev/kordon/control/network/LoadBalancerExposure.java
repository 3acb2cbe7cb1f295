package dev.kordon.control.network;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Who can reach a LoadBalancer Service: anyone, a list of source ranges, or only an internal
 * network (a cloud provider's internal load balancer annotation).
 *
 * @param open reachable from any address
 * @param pointer the field that decides it ({@code /spec/type}, a {@code 0.0.0.0/0} range, or the
 *     internal annotation)
 * @param detail words for the message, never containing anything but ranges and annotation names
 */
record LoadBalancerExposure(boolean open, JsonPointer pointer, String detail) {

  static final JsonPointer TYPE = JsonPointer.of("spec", "type");
  static final String AWS_INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal";
  static final String LEGACY_RANGES = "service.beta.kubernetes.io/load-balancer-source-ranges";

  /** Annotations that make a cloud load balancer internal, with the value that does it. */
  private static final Map<String, String> INTERNAL =
      Map.of(
          "service.beta.kubernetes.io/aws-load-balancer-internal", "true",
          "service.beta.kubernetes.io/aws-load-balancer-scheme", "internal",
          "networking.gke.io/load-balancer-type", "internal",
          "cloud.google.com/load-balancer-type", "internal",
          "service.beta.kubernetes.io/azure-load-balancer-internal", "true",
          "service.beta.kubernetes.io/oci-load-balancer-internal", "true",
          "service.beta.kubernetes.io/openstack-internal-load-balancer", "true",
          "service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", "private");

  /** The exposure of a LoadBalancer Service; empty for other Services. */
  static Optional<LoadBalancerExposure> of(KubeObject service) {
    if (!service.text(TYPE).orElse("").equals("LoadBalancer")) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> e : INTERNAL.entrySet()) {
      String value = service.annotations().getOrDefault(e.getKey(), "").strip();
      if (value.equalsIgnoreCase(e.getValue())
          || (e.getKey().equals(AWS_INTERNAL) && awsInternal(value))) {
        return Optional.of(
            new LoadBalancerExposure(
                false,
                JsonPointer.of("metadata", "annotations", e.getKey()),
                "is internal (annotation " + e.getKey() + ")"));
      }
    }
    List<String> ranges = new ArrayList<>();
    JsonPointer base = JsonPointer.of("spec", "loadBalancerSourceRanges");
    JsonNode list = service.at(base);
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      String range = list.get(i).asString("").strip();
      if (anywhere(range)) {
        return Optional.of(
            new LoadBalancerExposure(
                true,
                base.append(i),
                "accepts any source (loadBalancerSourceRanges " + range + ")"));
      }
      if (!range.isEmpty()) {
        ranges.add(range);
      }
    }
    if (ranges.isEmpty() && service.annotations().containsKey(LEGACY_RANGES)) {
      JsonPointer legacy = JsonPointer.of("metadata", "annotations", LEGACY_RANGES);
      for (String part : service.annotations().get(LEGACY_RANGES).split(",")) {
        String range = part.strip();
        if (anywhere(range)) {
          return Optional.of(
              new LoadBalancerExposure(
                  true, legacy, "accepts any source (" + LEGACY_RANGES + " " + range + ")"));
        }
        if (!range.isEmpty()) {
          ranges.add(range);
        }
      }
    }
    if (ranges.isEmpty()) {
      return Optional.of(
          new LoadBalancerExposure(true, TYPE, "accepts any source (no loadBalancerSourceRanges)"));
    }
    return Optional.of(
        new LoadBalancerExposure(false, TYPE, "accepts " + String.join(", ", ranges)));
  }

  /**
   * The in-tree AWS provider treats any value but an empty one and {@code false} as internal; old
   * manifests still write {@code 0.0.0.0/0} there.
   */
  private static boolean awsInternal(String value) {
    return !value.isEmpty() && !value.equalsIgnoreCase("false");
  }

  private static boolean anywhere(String range) {
    return range.endsWith("/0");
  }
}
