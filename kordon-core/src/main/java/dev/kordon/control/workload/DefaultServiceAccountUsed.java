package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * A pod that runs as its namespace's {@code default} service account with a token mounted shares an
 * identity with every other pod that named no account. Pods without a token are not reported: they
 * cannot use the identity.
 */
public final class DefaultServiceAccountUsed implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0057")
          .title("Pod runs as the default service account")
          .severity(Severity.LOW)
          .description(
              "Every pod that names no service account runs as default; a permission granted to"
                  + " default for one workload is granted to all of them, and audit logs cannot"
                  + " tell the workloads apart.")
          .remediation(
              "Create a dedicated ServiceAccount per workload and set serviceAccountName, or set"
                  + " automountServiceAccountToken: false if the pod never calls the API.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.1.5", "nsa:rbac")
          .peers("kubescape:C-0189")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    ServiceAccountToken token = ServiceAccountToken.of(pod, snapshot);
    if (!token.account().equals("default") || !token.mounted()) {
      return List.of();
    }
    boolean named = pod.object().has(token.accountField());
    String message =
        named
            ? "pod spec names service account \"default\" and mounts its token"
            : "pod spec names no service account, so it runs as \"default\" with its token"
                + " mounted";
    return List.of(INFO.finding(pod.object(), token.accountField(), message));
  }
}
