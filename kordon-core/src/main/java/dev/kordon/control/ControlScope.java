package dev.kordon.control;

/**
 * What a control reads to reach its verdict, declared in its {@link ControlInfo}. A front door that
 * sees one object at a time (the admission webhook) can run only {@link #OBJECT} controls: the
 * others would judge the object against a snapshot that lacks the rest of the cluster.
 */
public enum ControlScope {
  /** The verdict on an object reads that object alone. The default. */
  OBJECT,
  /**
   * The verdict on one object also reads other objects of the snapshot (its NetworkPolicies, the
   * pods a policy selects).
   */
  OBJECT_IN_SNAPSHOT,
  /**
   * The control judges the snapshot as a whole: only a {@link SnapshotControl} has it, and every
   * {@code SnapshotControl} has it whether it declares it or not.
   */
  SNAPSHOT
}
