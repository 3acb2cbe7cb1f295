package dev.kordon.cli;

import dev.kordon.admission.RuleSource;
import dev.kordon.control.Control;
import dev.kordon.rules.KubeCel;
import dev.kordon.rules.Requester;
import dev.kordon.rules.RuleFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * The webhook's custom rules: the same CEL rule files {@code kordon scan --rules} reads, compiled
 * by kordon-rules. Wired here because the CLI is the one module that sees both the webhook and the
 * rules; kordon-admission itself stays free of cel-java.
 */
final class CelRuleSource implements RuleSource {

  private final KubeCel cel = new KubeCel();

  @Override
  public List<Control> load(Path file) {
    return RuleFiles.load(List.of(file.toString()), cel, Requester.DEFAULT)
        .controls(cel, Requester.DEFAULT);
  }
}
