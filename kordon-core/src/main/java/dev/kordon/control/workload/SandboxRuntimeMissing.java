package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/**
 * A namespace labelled {@code kordon.dev/sandbox: required} runs untrusted code; its workloads must
 * use a sandboxed runtime class. A runtimeClassName counts when its RuntimeClass in the snapshot
 * has a sandbox handler, or, when the RuntimeClass is not in the snapshot, when the name itself is
 * one of the configured sandbox classes.
 */
public final class SandboxRuntimeMissing implements PodControl {

  /** The namespace label that asks for sandboxed workloads. */
  public static final String LABEL = "kordon.dev/sandbox";

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0059")
          .title("Untrusted workload without a sandboxed runtime")
          .severity(Severity.HIGH)
          .description(
              "The namespace is marked for untrusted code, but the workload runs on the node's"
                  + " regular runtime: one kernel bug or container escape in it reaches the node"
                  + " and every other pod on it. A sandbox (gVisor, Kata) puts a second kernel"
                  + " boundary in the way.")
          .remediation(
              "Set runtimeClassName to a RuntimeClass whose handler is a sandbox (gVisor, Kata"
                  + " Containers).")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:sandboxing", "mitre:T1611")
          .build();

  private final List<String> sandboxes;

  public SandboxRuntimeMissing(List<String> sandboxes) {
    this.sandboxes = List.copyOf(sandboxes);
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    Optional<KubeObject> ns = snapshot.find("Namespace", "", pod.namespace());
    if (pod.namespace().isEmpty()
        || ns.isEmpty()
        || !"required".equals(ns.get().labels().get(LABEL))) {
      return List.of();
    }
    JsonPointer field = pod.field("runtimeClassName");
    String name = pod.object().text(field).orElse("");
    if (name.isEmpty()) {
      return List.of(
          INFO.finding(
              pod.object(),
              field,
              "pod spec sets no runtimeClassName, but namespace \""
                  + pod.namespace()
                  + "\" requires a sandbox"));
    }
    Optional<KubeObject> rc = snapshot.find("RuntimeClass", "", name);
    if (rc.isPresent()) {
      String handler = rc.get().text(JsonPointer.of("handler")).orElse("");
      if (sandboxes.contains(handler)) {
        return List.of();
      }
      return List.of(
          INFO.finding(
              pod.object(),
              field,
              "runtimeClassName \""
                  + name
                  + "\" uses handler \""
                  + handler
                  + "\", which is not a sandbox, but namespace \""
                  + pod.namespace()
                  + "\" requires one"));
    }
    if (sandboxes.contains(name)) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            pod.object(),
            field,
            "runtimeClassName \""
                + name
                + "\" is not a sandbox runtime class, but namespace \""
                + pod.namespace()
                + "\" requires one"));
  }
}
