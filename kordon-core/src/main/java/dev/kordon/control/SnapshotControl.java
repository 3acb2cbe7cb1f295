package dev.kordon.control;

import dev.kordon.model.Finding;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** A control that looks across objects, e.g. a namespace without any NetworkPolicy. */
public non-sealed interface SnapshotControl extends Control {
  List<Finding> check(Snapshot snapshot);

  /**
   * How many things the control judged, for scores: by default the objects of its kinds. A
   * namespace control overrides this to count namespaces.
   */
  default int evaluated(Snapshot snapshot) {
    int n = 0;
    for (String kind : info().kinds()) {
      n += snapshot.ofKind(kind).size();
    }
    return n;
  }
}
