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

/** Containers must not run privileged: a privileged container is root on the node. */
public final class PrivilegedContainer implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0001")
          .title("Privileged container")
          .severity(Severity.CRITICAL)
          .description(
              "A privileged container has every capability and access to all host devices; a"
                  + " process in it can take over the node and every pod on it.")
          .remediation("Set securityContext.privileged to false or remove it.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs(
              "cis:5.2.2",
              "nsa:privileged",
              "pss:baseline/privileged",
              "mitre:T1611",
              "mitre:T1610")
          .peers("kubescape:C-0057", "trivy:KSV-0017")
          .pssChecks("privileged")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("privileged", pod)) {
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              PodSecurity.who(pod, f.path()) + " sets securityContext.privileged: true"));
    }
    return out;
  }
}
