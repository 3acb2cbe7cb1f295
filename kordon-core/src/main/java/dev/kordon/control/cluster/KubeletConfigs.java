package dev.kordon.control.cluster;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;

/** What the kubelet controls share: the kind they judge and how they name the node. */
final class KubeletConfigs {
  private KubeletConfigs() {}

  static final String KIND = "KubeletConfiguration";

  /** {@code node "n1"} for a configz result, {@code this kubelet} for a bare config file. */
  static String describe(KubeObject config) {
    return config.name().isEmpty()
        ? "the kubelet"
        : "the kubelet of node \"" + config.name() + "\"";
  }

  /** The field, or the object root when it is absent (a config file has no metadata). */
  static JsonPointer at(KubeObject config, JsonPointer field) {
    if (config.has(field)) {
      return field;
    }
    return config.has(JsonPointer.of("metadata", "name"))
        ? JsonPointer.of("metadata", "name")
        : JsonPointer.of("kind");
  }
}
