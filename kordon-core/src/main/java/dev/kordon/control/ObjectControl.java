package dev.kordon.control;

import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** A control over single objects of the kinds its {@link ControlInfo#kinds()} lists. */
public non-sealed interface ObjectControl extends Control {
  /** Findings for one object; empty when it passes. Pure: no I/O, no clock. */
  List<Finding> check(KubeObject object, Snapshot snapshot);

  /** Whether the control looks at this object; by default, when its kind is listed. */
  default boolean appliesTo(KubeObject object) {
    return info().kinds().contains(object.kind());
  }
}
