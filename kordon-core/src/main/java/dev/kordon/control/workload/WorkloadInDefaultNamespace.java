package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * A workload whose {@code metadata.namespace} is {@code default}. Manifests without a namespace are
 * not reported: they land wherever {@code kubectl -n} or the Helm release puts them.
 */
public final class WorkloadInDefaultNamespace implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0058")
          .title("Workload in the default namespace")
          .severity(Severity.LOW)
          .description(
              "The default namespace is where everything without a home ends up: policies,"
                  + " quotas and RBAC scoped to it cover unrelated workloads, and a mistake in"
                  + " one application's manifests reaches the others.")
          .remediation("Create a namespace per application or team and deploy the workload there.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.7.4", "cis:5.7.1")
          .peers("kubescape:C-0061", "kubescape:C-0212", "trivy:KSV-0110")
          .build();

  private static final JsonPointer NAMESPACE = JsonPointer.of("metadata", "namespace");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    if (!pod.namespace().equals("default")) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            pod.object(),
            NAMESPACE,
            pod.object().kind() + " \"" + pod.object().name() + "\" is in namespace \"default\""));
  }
}
