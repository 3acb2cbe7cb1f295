package dev.kordon.control.network;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import java.util.List;

/** Network exposure controls: Services, Ingress, NetworkPolicy coverage. */
public final class NetworkControls {
  private NetworkControls() {}

  public static List<Control> all(ControlSettings settings) {
    return List.of(
        new NodePortService(),
        new OpenLoadBalancerService(),
        new RestrictedLoadBalancerService(),
        new ServiceExternalIps(),
        new IngressWithoutTls(),
        new IngressHostWithoutTls(),
        new IngressNginxSnippet());
  }
}
