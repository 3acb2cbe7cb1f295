package dev.kordon.control.network;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.netpol.PodGroup;
import dev.kordon.netpol.PolicyModel;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a namespace-level finding points: the Namespace object's {@code metadata.name} when the
 * snapshot has it, else the namespace's workload that sorts first by kind and name (not by input
 * order, so that reordering documents never moves a finding), at its {@code metadata.name}.
 *
 * @param pods how many pods or workload groups the namespace has
 */
record NamespaceSite(String namespace, KubeObject object, JsonPointer pointer, int pods) {

  private static final JsonPointer NAME = JsonPointer.of("metadata", "name");

  /** One site per namespace that has pods, in namespace order. */
  static List<NamespaceSite> withPods(Snapshot snapshot, PolicyModel model) {
    Map<String, List<PodGroup>> byNamespace = new LinkedHashMap<>();
    for (String ns : model.namespaces()) {
      List<PodGroup> pods = model.podsIn(ns);
      if (!pods.isEmpty()) {
        byNamespace.put(ns, pods);
      }
    }
    List<NamespaceSite> out = new ArrayList<>();
    byNamespace.forEach(
        (ns, pods) -> {
          KubeObject first =
              pods.stream()
                  .map(PodGroup::object)
                  .min(java.util.Comparator.comparing(KubeObject::ref))
                  .orElseThrow();
          KubeObject anchor = snapshot.find("Namespace", "", ns).orElse(first);
          out.add(new NamespaceSite(ns, anchor, NAME, pods.size()));
        });
    return out;
  }
}
