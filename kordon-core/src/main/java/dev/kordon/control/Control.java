package dev.kordon.control;

/**
 * A security check with its metadata. The target is a small closed set: a pod spec of any workload,
 * any single object, or the whole snapshot.
 */
public sealed interface Control permits PodControl, ObjectControl, SnapshotControl {
  ControlInfo info();
}
