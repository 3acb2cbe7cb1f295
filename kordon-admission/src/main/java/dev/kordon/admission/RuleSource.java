package dev.kordon.admission;

import dev.kordon.control.Control;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a custom rule file named in the policy's {@code rules:} list into controls. The CEL rules
 * module (kordon-rules) provides the real one; the webhook only needs this seam, so that user rules
 * run through the same engine, modes and messages as built-in controls.
 */
@FunctionalInterface
public interface RuleSource {

  /**
   * The controls of one rule file.
   *
   * @throws RuntimeException naming the file and what is wrong; the policy is then rejected
   */
  List<Control> load(Path file);

  /** No rule support in this build: a policy that names rule files is rejected, never ignored. */
  RuleSource NONE =
      file -> {
        throw new IllegalArgumentException(
            file
                + ": custom rules need the kordon-rules module, which this build does not include;"
                + " remove 'rules' from the policy");
      };
}
