package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.pss.OffendingField;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/** Container ports should not be bound to a port of the node ({@code hostPort}). */
public final class HostPortBound implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0012")
          .title("Container port bound to a host port")
          .severity(Severity.MEDIUM)
          .description(
              "A hostPort publishes the container on every address of its node, outside the"
                  + " Service abstraction: many CNI plugins apply no NetworkPolicy to it, only one"
                  + " pod per node can bind it, and the node's address becomes part of the"
                  + " workload's attack surface.")
          .remediation("Remove hostPort and expose the port through a Service.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.2.13", "nsa:network-separation", "pss:baseline/hostPorts")
          .peers("kubescape:C-0044", "trivy:KSV-0024")
          .pssChecks("hostPorts")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("hostPorts", pod)) {
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              PodSecurity.who(pod, f.path())
                  + " binds host port "
                  + pod.object().at(f.path()).asString()));
    }
    return out;
  }
}
