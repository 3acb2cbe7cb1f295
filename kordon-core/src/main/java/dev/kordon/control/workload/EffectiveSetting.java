package dev.kordon.control.workload;

import dev.kordon.model.JsonPointer;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One security-context field of a container as the kubelet applies it: the container's own value
 * when it sets one, otherwise the pod's {@code spec.securityContext} value, otherwise unset. The
 * pointer is the field that decided, or the container itself when neither level sets it.
 */
record EffectiveSetting(JsonPointer pointer, JsonNode value, Level level) {

  /** Which level of the pod spec the value came from. */
  enum Level {
    CONTAINER,
    POD,
    UNSET
  }

  static EffectiveSetting of(PodSpecView pod, ContainerView container, String... path) {
    JsonPointer own = container.field("securityContext").append(path);
    JsonNode ownValue = pod.object().at(own);
    if (present(ownValue)) {
      return new EffectiveSetting(own, ownValue, Level.CONTAINER);
    }
    JsonPointer inherited = pod.field("securityContext").append(path);
    JsonNode podValue = pod.object().at(inherited);
    if (present(podValue)) {
      return new EffectiveSetting(inherited, podValue, Level.POD);
    }
    return new EffectiveSetting(container.pointer(), MissingNode.getInstance(), Level.UNSET);
  }

  /** A field is set when it exists and is not {@code null} (YAML {@code ~} or an empty value). */
  static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }

  boolean isSet() {
    return level != Level.UNSET;
  }
}
