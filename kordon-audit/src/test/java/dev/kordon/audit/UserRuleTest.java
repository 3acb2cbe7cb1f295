package dev.kordon.audit;

import static dev.kordon.audit.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Control;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.rules.KubeCel;
import dev.kordon.rules.Requester;
import dev.kordon.rules.RuleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's detection: a CEL rule file of the kind scan reads, run over each event. */
class UserRuleTest {

  @TempDir Path dir;

  @Test
  void aCelRuleOverTheEventBecomesAFindingWithTheEventsEvidence() throws Exception {
    Path rule = dir.resolve("namespace-deletion.yaml");
    Files.writeString(
        rule,
        """
        apiVersion: kordon.dev/v1
        kind: Rule
        metadata:
          name: org.namespace-deleted
        title: Namespace deleted
        severity: high
        remediation: Find out who deleted the namespace and why.
        refs: ["mitre:T1485"]
        match:
          kinds: [Event]
        validations:
          - expression: "!(object.verb == 'delete' && has(object.objectRef) && object.objectRef.resource == 'namespaces')"
            message: "a namespace was deleted"
            path: /objectRef/name
        """);
    KubeCel cel = new KubeCel();
    List<ObjectControl> rules = new ArrayList<>();
    for (Control c :
        RuleFiles.load(List.of(rule.toString()), cel, Requester.DEFAULT)
            .controls(cel, Requester.DEFAULT)) {
      if (c instanceof ObjectControl o) {
        rules.add(o);
      }
    }
    List<Finding> fs =
        Events.analyze(
            AuditSettings.defaults(),
            rules,
            event().verb("delete").on("", "namespaces").ns("").name("prod").id("del-1").json(),
            event().verb("get").on("", "namespaces").ns("").name("prod").json());
    assertThat(fs).extracting(Finding::controlId).containsExactly("org.namespace-deleted");
    Finding f = fs.get(0);
    assertThat(f.evidence().auditIds()).containsExactly("del-1");
    assertThat(f.refs()).contains("mitre:T1485");
    assertThat(f.message()).contains("a namespace was deleted").contains("alice@example.com");
  }
}
