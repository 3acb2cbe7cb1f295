package dev.kordon.cluster;

/** The API server could not be reached or refused the credentials: the scan cannot start. */
public final class ClusterUnreachable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterUnreachable(String message, Throwable cause) {
    super(message, cause);
  }
}
