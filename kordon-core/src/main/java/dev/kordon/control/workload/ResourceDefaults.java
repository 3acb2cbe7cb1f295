package dev.kordon.control.workload;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import tools.jackson.databind.JsonNode;

/**
 * Whether a container ends up with a CPU or memory request or limit once the API server has
 * defaulted it, so that the resource controls report only what is really unset:
 *
 * <ul>
 *   <li>the container sets it;
 *   <li>for a request: the container sets the limit, and an unset request defaults to the limit;
 *   <li>the pod spec sets it in pod-level {@code spec.resources} (or, for a request, the pod-level
 *       limit);
 *   <li>a LimitRange of the pod's namespace in the snapshot defaults it: a {@code Container} item
 *       with {@code default} (itself defaulted from {@code max}) for limits, and {@code
 *       defaultRequest} (defaulted from {@code default}, then {@code max}) for requests.
 * </ul>
 */
final class ResourceDefaults {

  /** {@code requests} or {@code limits}. */
  enum Section {
    REQUESTS("requests"),
    LIMITS("limits");

    final String field;

    Section(String field) {
      this.field = field;
    }
  }

  private ResourceDefaults() {}

  static boolean covered(
      PodSpecView pod, ContainerView c, Snapshot snapshot, Section section, String resource) {
    JsonNode resources = c.node().path("resources");
    if (set(resources, section.field, resource)) {
      return true;
    }
    if (section == Section.REQUESTS && set(resources, "limits", resource)) {
      return true;
    }
    JsonNode podLevel = pod.spec().path("resources");
    if (set(podLevel, section.field, resource)
        || (section == Section.REQUESTS && set(podLevel, "limits", resource))) {
      return true;
    }
    for (KubeObject range : snapshot.ofKind("LimitRange")) {
      if (range.namespace().equals(pod.namespace()) && defaults(range, section, resource)) {
        return true;
      }
    }
    return false;
  }

  private static boolean defaults(KubeObject range, Section section, String resource) {
    for (JsonNode item : range.raw().path("spec").path("limits")) {
      if (!item.path("type").asString("").equals("Container")) {
        continue;
      }
      if (set(item, "default", resource) || set(item, "max", resource)) {
        return true;
      }
      if (section == Section.REQUESTS && set(item, "defaultRequest", resource)) {
        return true;
      }
    }
    return false;
  }

  private static boolean set(JsonNode holder, String field, String resource) {
    JsonNode v = holder.path(field).path(resource);
    return v.isValueNode() && !v.isNull() && !v.asString("").isBlank();
  }
}
