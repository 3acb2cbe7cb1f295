package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.rbac.BootstrapRoles;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A Role or ClusterRole rule uses {@code *} for verbs or resources. */
public final class WildcardInRole implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0102")
          .title("Wildcard verb or resource in a role")
          .severity(Severity.HIGH)
          .description(
              "A * in verbs or resources grants every present and future verb or resource,"
                  + " including Secrets, escalate, bind and impersonate, and whatever a CRD adds"
                  + " later.")
          .remediation("List the verbs and resources the role needs instead of *.")
          .kinds("Role", "ClusterRole")
          .refs("cis:5.1.3", "nsa:rbac", "mitre:T1078")
          .peers("kubescape:C-0187", "trivy:KSV-0044", "trivy:KSV-0045", "trivy:KSV-0046")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject role, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonNode rules = role.raw().path("rules");
    for (int i = 0; i < rules.size(); i++) {
      if (BootstrapRoles.isDefaultRule(role, i)) {
        // a rule the control plane's own role really has (cluster-admin, the garbage collector);
        // judged by content: a look-alike with the same name or labels and more power is reported
        continue;
      }
      for (String field : List.of("verbs", "resources")) {
        JsonNode values = rules.path(i).path(field);
        for (int j = 0; j < values.size(); j++) {
          if (values.path(j).asString("").equals("*")) {
            JsonPointer at = JsonPointer.ROOT.append("rules").append(i).append(field).append(j);
            out.add(INFO.finding(role, at, "rule " + i + " allows every " + singular(field)));
          }
        }
      }
    }
    return out;
  }

  private static String singular(String field) {
    return field.equals("verbs") ? "verb (*)" : "resource (*)";
  }
}
