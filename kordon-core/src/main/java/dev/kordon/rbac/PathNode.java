package dev.kordon.rbac;

/** A position an attacker can hold: an identity, or full control of the cluster. */
public sealed interface PathNode permits PathNode.Holder, PathNode.ClusterAdmin {

  /** Text for people: {@code ServiceAccount dev/ci}, {@code cluster-admin}. */
  String display();

  /** A stable id for graphs and JSON: {@code serviceaccount:dev:ci}, {@code cluster-admin}. */
  String id();

  /** Acting as a subject: its own grants and those of its groups. */
  record Holder(Subject subject) implements PathNode {
    @Override
    public String display() {
      return subject.display();
    }

    @Override
    public String id() {
      return subject.spec();
    }
  }

  /** Anything on the cluster: {@code *} on everything, or membership in system:masters. */
  record ClusterAdmin() implements PathNode {
    @Override
    public String display() {
      return "cluster-admin";
    }

    @Override
    public String id() {
      return "cluster-admin";
    }
  }

  PathNode CLUSTER_ADMIN = new ClusterAdmin();

  static PathNode of(Subject subject) {
    return new Holder(subject);
  }
}
