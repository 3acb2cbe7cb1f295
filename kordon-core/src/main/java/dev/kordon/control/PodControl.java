package dev.kordon.control;

import dev.kordon.model.Finding;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** A control over the pod spec of every workload kind, already unwrapped. */
public non-sealed interface PodControl extends Control {
  /** Findings for one pod spec; empty when it passes. Pure: no I/O, no clock. */
  List<Finding> check(PodSpecView pod, Snapshot snapshot);
}
