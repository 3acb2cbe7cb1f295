package dev.kordon.control.workload;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import java.util.List;

/** The workload controls, in catalog order. */
public final class WorkloadControls {
  private WorkloadControls() {}

  public static List<Control> all(ControlSettings settings) {
    return List.of(new PrivilegedContainer());
  }
}
