package dev.kordon.control.network;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import java.util.List;

/** The NetworkPolicy analyzer's controls (KOR-0180..0199), in catalog order. */
public final class NetworkPolicyControls {
  private NetworkPolicyControls() {}

  public static List<Control> all(ControlSettings settings) {
    return List.of(
        new NamespaceWithoutNetworkPolicy(),
        new NamespaceWithoutDefaultDenyIngress(),
        new MetadataApiReachable(),
        new NetworkPolicySelectsNoPod(),
        new NetworkPolicyAllowsAllSources());
  }
}
