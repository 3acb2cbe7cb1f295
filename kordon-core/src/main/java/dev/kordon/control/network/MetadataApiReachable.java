package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ControlScope;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.netpol.Coverage;
import dev.kordon.netpol.Endpoint;
import dev.kordon.netpol.IpAddress;
import dev.kordon.netpol.PodGroup;
import dev.kordon.netpol.Protocol;
import dev.kordon.netpol.Reachability;
import dev.kordon.netpol.Side;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/**
 * Pods whose egress lets them open TCP/80 to the cloud instance metadata address: from there a
 * compromised pod can read the node's cloud credentials.
 */
public final class MetadataApiReachable implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0182")
          .title("Pod can reach the cloud metadata API")
          .severity(Severity.MEDIUM)
          .description(
              "No egress NetworkPolicy stops the pod from connecting to "
                  + Coverage.METADATA_ADDRESS
                  + ", where cloud providers serve instance metadata and the node's credentials.")
          .remediation(
              "Add an egress NetworkPolicy for the pod whose ipBlock rules leave out "
                  + Coverage.METADATA_ADDRESS
                  + "/32 (in except), or block the address on the nodes.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("mitre:T1552.005")
          .peers("kubescape:C-0052")
          .scope(ControlScope.OBJECT_IN_SNAPSHOT)
          .build();

  private static final Endpoint METADATA =
      new Endpoint.External(IpAddress.parse(Coverage.METADATA_ADDRESS).orElseThrow());

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    Reachability reach = Reachability.of(snapshot);
    Optional<PodGroup> group = reach.model().podOf(pod.object());
    if (group.isEmpty()) {
      return List.of();
    }
    Side egress = reach.check(group.get(), METADATA, 80, Protocol.TCP).egress();
    if (!egress.allowed()) {
      return List.of();
    }
    String why;
    if (egress.status() == Side.Status.ALLOWED) {
      why = "egress allowed by " + egress.allowing().get(0);
    } else {
      why = egress.status().describe(egress.direction());
    }
    return List.of(
        INFO.finding(
            pod.object(),
            JsonPointer.of("metadata", "name"),
            group.get().id()
                + " can connect to "
                + Coverage.METADATA_ADDRESS
                + ":80 ("
                + why
                + ")"));
  }
}
