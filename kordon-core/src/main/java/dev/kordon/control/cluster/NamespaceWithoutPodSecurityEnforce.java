package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * A Namespace enforces no Pod Security level: it has no {@code pod-security.kubernetes.io/enforce}
 * label, or the label says {@code privileged}, which admits every pod.
 */
public final class NamespaceWithoutPodSecurityEnforce implements ObjectControl {

  static final String LABEL = "pod-security.kubernetes.io/enforce";

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0103")
          .title("Namespace does not enforce Pod Security")
          .severity(Severity.MEDIUM)
          .description(
              "Without pod-security.kubernetes.io/enforce, or with enforce=privileged, Pod Security"
                  + " admission lets any pod in the namespace run privileged, with host namespaces"
                  + " and host paths, unless the cluster sets a default or another admission policy"
                  + " steps in.")
          .remediation(
              "Label the namespace pod-security.kubernetes.io/enforce=restricted (or baseline"
                  + " where restricted is not yet possible).")
          .kinds("Namespace")
          .refs("cis:5.2.1", "nsa:pod-security")
          .peers("kubescape:C-0192")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject namespace, Snapshot snapshot) {
    String level = namespace.labels().getOrDefault(LABEL, "");
    if (level.equals("privileged")) {
      return List.of(
          INFO.finding(
              namespace,
              JsonPointer.of("metadata", "labels", LABEL),
              "namespace \""
                  + namespace.name()
                  + "\" sets "
                  + LABEL
                  + ": privileged, which admits every pod"));
    }
    if (!level.isBlank()) {
      return List.of();
    }
    JsonPointer labels = JsonPointer.of("metadata", "labels");
    JsonPointer at = namespace.has(labels) ? labels : JsonPointer.of("metadata", "name");
    return List.of(
        INFO.finding(
            namespace, at, "namespace \"" + namespace.name() + "\" has no " + LABEL + " label"));
  }
}
