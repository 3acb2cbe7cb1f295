package dev.kordon.pss;

import dev.kordon.model.JsonPointer;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Readings of pod spec fields shared by several checks, as the API types would decode them. */
final class Pods {
  private Pods() {}

  static final String POD = "pod";

  /** {@code spec.os.name: windows}: restricted checks that cannot apply there are skipped. */
  static boolean isWindows(PodSpecView pod) {
    return "windows".equals(pod.at("os", "name").asString(""));
  }

  /** {@code spec.hostUsers: false}: the pod runs in its own user namespace. */
  static boolean ownUserNamespace(PodSpecView pod) {
    JsonNode n = pod.at("hostUsers");
    return n.isBoolean() && !n.booleanValue();
  }

  static boolean isTrue(JsonNode n) {
    return n.isBoolean() && n.booleanValue();
  }

  static boolean isFalse(JsonNode n) {
    return n.isBoolean() && !n.booleanValue();
  }

  /** Set to something other than null. */
  static boolean present(JsonNode n) {
    return !n.isMissingNode() && !n.isNull();
  }

  /** A scalar's text; empty when absent, null or not a scalar. */
  static Optional<String> string(JsonNode n) {
    return n.isValueNode() && !n.isNull() ? Optional.of(n.asString()) : Optional.empty();
  }

  static JsonNode podSecurityContext(PodSpecView pod) {
    return pod.at("securityContext");
  }

  static JsonPointer podSecurityField(PodSpecView pod, String... path) {
    JsonPointer p = pod.field("securityContext");
    return p.append(path);
  }

  static JsonPointer securityField(ContainerView c, String... path) {
    return c.field("securityContext").append(path);
  }

  static List<ContainerView> containers(PodSpecView pod) {
    return pod.allContainers();
  }

  /** A value quoted for a message; long or odd values are cut so that hostile input stays short. */
  static String quote(String value) {
    String v = value.length() > 64 ? value.substring(0, 64) + "…" : value;
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      sb.append(Character.isISOControl(ch) ? '?' : ch);
    }
    return sb.append('"').toString();
  }
}
