package dev.kordon.control.secrets;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A credential written as a literal {@code env[].value}. The message names the container and the
 * variable, never the value or any part of it.
 */
public final class SecretInEnvVar implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0066")
          .title("Credential in a container environment variable")
          .severity(Severity.HIGH)
          .description(
              "A literal credential in a pod spec is readable by everyone who can read the"
                  + " workload (get on Deployments, Pods, ReplicaSets), ends up in Git, Helm"
                  + " release history and CI logs, and cannot be rotated without a new rollout.")
          .remediation(
              "Move the value into a Secret (or an external secret store) and reference it with"
                  + " valueFrom.secretKeyRef or a mounted volume; then rotate the exposed"
                  + " credential.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:secrets", "mitre:T1552.001", "mitre:T1552.007")
          .peers("kubescape:C-0012", "kubescape:C-0259")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (ContainerView c : pod.allContainers()) {
      JsonNode env = c.node().path("env");
      for (int i = 0; env.isArray() && i < env.size(); i++) {
        JsonNode var = env.get(i);
        JsonNode value = var.path("value");
        if (!value.isString()) {
          continue;
        }
        String name = var.path("name").asString("");
        Optional<String> why = SecretDetector.inspect(name, value.stringValue());
        if (why.isPresent()) {
          JsonPointer field = c.field("env", Integer.toString(i), "value");
          out.add(
              INFO.finding(
                  pod.object(),
                  field,
                  c.describe()
                      + " env var \""
                      + name
                      + "\" holds "
                      + why.get()
                      + " (value not shown)"));
        }
      }
    }
    return out;
  }
}
