package dev.kordon.cluster;

/** Hears what a cluster read is doing, e.g. to draw a progress bar; called from many threads. */
public interface ListingListener {

  ListingListener NONE = new ListingListener() {};

  /** A kind starts being listed. */
  default void started(String kind) {}

  /** Another page of a kind arrived with this many objects. */
  default void listed(String kind, int objects) {}

  /** A kind is complete (or was skipped). */
  default void finished(String kind) {}
}
