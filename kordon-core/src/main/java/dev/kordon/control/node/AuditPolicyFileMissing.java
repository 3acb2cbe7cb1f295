package dev.kordon.control.node;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.node.NodeFileRole;
import dev.kordon.node.NodeFiles;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * The audit policy file the API server's {@code --audit-policy-file} names does not exist on the
 * node. Whether the policy logs what matters is the audit-policy linter's question, not this one.
 */
public final class AuditPolicyFileMissing implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0379")
          .title("Audit policy file missing")
          .severity(Severity.MEDIUM)
          .description(
              "kube-apiserver's --audit-policy-file names a file that is not on the node: the API server cannot start with it, or the file was removed after start and the next restart loses audit logging.")
          .remediation(
              "Create the audit policy file that --audit-policy-file names (and mount it into the kube-apiserver pod), or correct the flag.")
          .kinds(NodeFiles.KIND)
          .refs("cis:3.2.1", "nsa:audit-logging")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals(NodeFiles.KIND)
        && object
            .text(JsonPointer.of("spec", "role"))
            .orElse("")
            .equals(NodeFileRole.AUDIT_POLICY.word());
  }

  @Override
  public List<Finding> check(KubeObject file, Snapshot snapshot) {
    JsonPointer present = JsonPointer.of("spec", "present");
    if (file.bool(present).orElse(true)) {
      return List.of();
    }
    String path = file.text(JsonPointer.of("spec", "path")).orElse(file.name());
    return List.of(
        INFO.finding(
            file,
            present,
            "kube-apiserver --audit-policy-file names "
                + path
                + ", which does not exist on the node"));
  }
}
