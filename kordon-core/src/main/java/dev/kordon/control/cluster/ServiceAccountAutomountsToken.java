package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** A ServiceAccount lets every pod using it mount its API token by default. */
public final class ServiceAccountAutomountsToken implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("automountServiceAccountToken");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0104")
          .title("Service account automounts its token")
          .severity(Severity.MEDIUM)
          .description(
              "Unless the service account sets automountServiceAccountToken: false, every pod"
                  + " using it gets an API token in its file system, which anyone who compromises"
                  + " the pod can use against the API server.")
          .remediation(
              "Set automountServiceAccountToken: false on the service account, and true only on"
                  + " the pods that call the API.")
          .kinds("ServiceAccount")
          .refs("cis:5.1.5", "cis:5.1.6", "nsa:service-account-tokens", "mitre:T1528")
          .peers("kubescape:C-0034", "kubescape:C-0189")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject account, Snapshot snapshot) {
    if (!account.bool(FIELD).orElse(true)) {
      return List.of();
    }
    boolean explicit = account.has(FIELD);
    return List.of(
        INFO.finding(
            account,
            explicit ? FIELD : JsonPointer.of("metadata", "name"),
            "service account \""
                + account.name()
                + "\" "
                + (explicit
                    ? "sets automountServiceAccountToken: " + account.text(FIELD).orElse("")
                    : "does not set automountServiceAccountToken: false")));
  }
}
