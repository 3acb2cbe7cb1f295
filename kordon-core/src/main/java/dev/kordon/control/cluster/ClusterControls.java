package dev.kordon.control.cluster;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import java.util.List;

/** Cluster-level controls: RBAC bindings, namespaces, webhooks, nodes, versions, kubelets. */
public final class ClusterControls {
  private ClusterControls() {}

  public static List<Control> all(ControlSettings settings) {
    return List.of();
  }
}
