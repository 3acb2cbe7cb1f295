package dev.kordon.control.pss;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import java.util.List;

/** One control per Pod Security Standards check, backed by the PSS evaluator. */
public final class PssControls {
  private PssControls() {}

  public static List<Control> all(ControlSettings settings) {
    return List.of();
  }
}
