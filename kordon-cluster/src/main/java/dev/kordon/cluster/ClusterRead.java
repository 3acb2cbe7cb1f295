package dev.kordon.cluster;

import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import java.util.List;

/**
 * What a cluster read produced.
 *
 * @param objects the objects, compacted, in {@link ResourceKind#SCANNED} order
 * @param problems notes about kinds skipped or objects dropped (never errors: the scan goes on)
 * @param denied reads the credentials were not allowed to make
 * @param listed objects received from the server, including those judged through a controller
 */
public record ClusterRead(
    String context,
    List<KubeObject> objects,
    List<ScanError> problems,
    List<DeniedListing> denied,
    long listed) {

  public ClusterRead {
    objects = List.copyOf(objects);
    problems = List.copyOf(problems);
    denied = List.copyOf(denied);
  }
}
