package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * The pod gets an API token it probably never uses: neither the pod nor its ServiceAccount (when
 * the snapshot has it) sets {@code automountServiceAccountToken: false}.
 */
public final class ServiceAccountTokenAutomounted implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0056")
          .title("Service account token automounted")
          .severity(Severity.MEDIUM)
          .description(
              "Every container of the pod can read a token for its service account from"
                  + " /var/run/secrets/kubernetes.io/serviceaccount; whoever compromises the"
                  + " application can call the API server with all the rights of that account.")
          .remediation(
              "Set automountServiceAccountToken: false in the pod spec or on its ServiceAccount,"
                  + " and mount a token only into pods that call the API.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.1.6", "nsa:service-account-tokens", "mitre:T1528")
          .peers("kubescape:C-0034", "kubescape:C-0190", "trivy:KSV-0036")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    ServiceAccountToken token = ServiceAccountToken.of(pod, snapshot);
    if (!token.mounted()) {
      return List.of();
    }
    String message;
    if (token.podDecides()) {
      message = "pod spec sets automountServiceAccountToken: true";
    } else if (token.accountObject().isPresent()) {
      message =
          "neither the pod spec nor its ServiceAccount \""
              + token.account()
              + "\" sets automountServiceAccountToken: false";
    } else {
      message =
          "pod spec does not set automountServiceAccountToken: false (ServiceAccount \""
              + token.account()
              + "\" is not in the scan)";
    }
    return List.of(INFO.finding(pod.object(), token.mountField(), message));
  }
}
