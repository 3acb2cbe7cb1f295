package dev.kordon.control.workload;

import dev.kordon.model.JsonPointer;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A {@code hostPath} volume of a pod spec.
 *
 * @param volume the volume's name
 * @param written the path as written (empty when the field is missing)
 * @param pointer {@code hostPath.path}, or {@code hostPath} when the path is missing
 */
record HostPathVolume(String volume, String written, JsonPointer pointer) {

  /** Every hostPath volume of the pod, in order. */
  static List<HostPathVolume> of(PodSpecView pod) {
    List<HostPathVolume> out = new ArrayList<>();
    JsonNode volumes = pod.at("volumes");
    if (!volumes.isArray()) {
      return out;
    }
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode hostPath = volumes.get(i).path("hostPath");
      if (!hostPath.isObject()) {
        continue;
      }
      JsonPointer source = pod.field("volumes", Integer.toString(i), "hostPath");
      JsonNode path = hostPath.path("path");
      out.add(
          new HostPathVolume(
              volumes.get(i).path("name").asString(""),
              path.isValueNode() && !path.isNull() ? path.asString() : "",
              path.isMissingNode() ? source : source.append("path")));
    }
    return out;
  }

  /**
   * The path as the node's file system resolves it, lexically: {@code //} and {@code .} segments
   * dropped, {@code ..} applied (never above the root), no trailing slash. A relative path is read
   * from the root, where the kubelet would start.
   */
  String normalised() {
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : written.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(segment);
      }
    }
    return "/" + String.join("/", parts);
  }

  /** The path for messages: as written, with the normalised form when it differs. */
  String display() {
    String normal = normalised();
    return normal.equals(written) ? normal : "\"" + written + "\" (normalised " + normal + ")";
  }
}
