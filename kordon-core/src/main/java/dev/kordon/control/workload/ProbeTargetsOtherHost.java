package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.pss.OffendingField;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Probes and lifecycle handlers must target the pod itself: their {@code httpGet.host} and {@code
 * tcpSocket.host} must be empty (Pod Security baseline {@code hostProbesAndHostLifecycle}).
 */
public final class ProbeTargetsOtherHost implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0026")
          .title("Probe or lifecycle handler targets another host")
          .severity(Severity.MEDIUM)
          .description(
              "The kubelet sends probes and lifecycle hooks from the node. A host field makes it"
                  + " connect wherever the pod author chooses (the node's loopback services, the"
                  + " cloud metadata address, other namespaces), bypassing NetworkPolicy: a"
                  + " server-side request forgery run by the kubelet.")
          .remediation(
              "Remove host from httpGet and tcpSocket handlers so the kubelet targets the pod's"
                  + " own IP; set an HTTP Host header with httpHeaders when needed.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("pss:baseline/hostProbesAndHostLifecycle", "mitre:T1046")
          .pssChecks("hostProbesAndHostLifecycle")
          .build();

  private static final List<String[]> HANDLERS =
      List.of(
          new String[] {"livenessProbe"},
          new String[] {"readinessProbe"},
          new String[] {"startupProbe"},
          new String[] {"lifecycle", "postStart"},
          new String[] {"lifecycle", "preStop"});

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("hostProbesAndHostLifecycle", pod)) {
      Optional<ContainerView> c = PodSecurity.container(pod, f.path());
      if (c.isEmpty()) {
        continue;
      }
      // below the container: <handler...>/<action>/host, e.g. lifecycle/postStart/httpGet/host
      List<String> rel =
          f.path()
              .segments()
              .subList(c.get().pointer().segments().size(), f.path().segments().size());
      String action = rel.get(rel.size() - 2);
      String handler = String.join(".", rel.subList(0, rel.size() - 2));
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              c.get().describe()
                  + " "
                  + handler
                  + " "
                  + action
                  + " targets host "
                  + pod.object().text(f.path()).orElse("")));
    }
    return out;
  }
}
