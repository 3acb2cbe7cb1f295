package dev.kordon.admission;

import dev.kordon.admission.Decision.Hit;
import dev.kordon.admission.ImageSignatures.Check;
import dev.kordon.admission.signature.SignatureVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the signature checks of one review into lines of the decision. A verdict on the image
 * (unsigned, bad signature, unknown tag) is a violation treated by its rule's mode; a check that
 * could not finish (registry unreachable, budget spent) is decided by the failure mode when the
 * rule is enforced, and reported in the rule's mode otherwise.
 */
final class SignatureFindings {

  /** The id violations are counted under in metrics. */
  static final String HIT_ID = "image-signature";

  /** Lines of the decision; {@code failed} are denials because a check could not finish. */
  record Lines(
      List<String> denied,
      List<String> failed,
      List<String> warnings,
      List<String> audit,
      List<String> verified,
      List<Hit> hits) {}

  private SignatureFindings() {}

  static Lines of(List<Check> checks, FailureMode failureMode) {
    Lines out =
        new Lines(
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>());
    for (Check c : checks) {
      SignatureVerdict v = c.verdict();
      SignatureRule rule = c.rule();
      if (v.verified()) {
        out.verified().add(Text.line(v.image() + " = " + v.digest() + " " + v.detail()));
        continue;
      }
      String line =
          Text.line(
              "image "
                  + v.subject()
                  + ": "
                  + v.detail()
                  + "; rule '"
                  + rule.name()
                  + "' requires "
                  + rule.requirement().describe());
      Mode mode = rule.mode();
      if (mode == Mode.OFF) {
        continue;
      }
      out.hits().add(new Hit(HIT_ID, mode));
      if (v.status().unevaluated() && mode == Mode.ENFORCE) {
        if (failureMode == FailureMode.DENY) {
          out.failed().add(line + " (denied: failureMode is deny)");
        } else {
          out.warnings().add(line + " (admitted: failureMode is allow)");
          out.audit().add(line + " (admitted: failureMode is allow)");
        }
        continue;
      }
      switch (mode) {
        case ENFORCE:
          out.denied().add(line);
          break;
        case WARN:
          out.warnings().add(line);
          break;
        default:
          out.audit().add(line);
          break;
      }
    }
    return out;
  }
}
