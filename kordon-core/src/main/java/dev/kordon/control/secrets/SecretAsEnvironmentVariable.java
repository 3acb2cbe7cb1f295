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
import tools.jackson.databind.JsonNode;

/** CIS 5.4.1: a Secret handed to a container as environment variables instead of files. */
public final class SecretAsEnvironmentVariable implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0068")
          .title("Secret exposed as environment variable")
          .severity(Severity.LOW)
          .description(
              "Environment variables leak: they are inherited by every child process, printed"
                  + " by crash handlers and debug endpoints, visible in /proc/<pid>/environ, and"
                  + " never updated when the Secret is rotated. Mounted Secret files avoid all of"
                  + " this.")
          .remediation(
              "Mount the Secret as a volume and read the credential from the file; replace"
                  + " secretKeyRef and envFrom.secretRef.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.4.1", "mitre:T1552.007")
          .peers("kubescape:C-0207")
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
        JsonNode ref = env.get(i).path("valueFrom").path("secretKeyRef");
        if (ref.isObject()) {
          JsonPointer field = c.field("env", Integer.toString(i), "valueFrom", "secretKeyRef");
          out.add(
              INFO.finding(
                  pod.object(),
                  field,
                  c.describe()
                      + " reads key \""
                      + ref.path("key").asString("")
                      + "\" of Secret \""
                      + ref.path("name").asString("")
                      + "\" into env var \""
                      + env.get(i).path("name").asString("")
                      + "\""));
        }
      }
      JsonNode envFrom = c.node().path("envFrom");
      for (int i = 0; envFrom.isArray() && i < envFrom.size(); i++) {
        JsonNode ref = envFrom.get(i).path("secretRef");
        if (ref.isObject()) {
          JsonPointer field = c.field("envFrom", Integer.toString(i), "secretRef");
          out.add(
              INFO.finding(
                  pod.object(),
                  field,
                  c.describe()
                      + " loads every key of Secret \""
                      + ref.path("name").asString("")
                      + "\" as env vars"));
        }
      }
    }
    return out;
  }
}
