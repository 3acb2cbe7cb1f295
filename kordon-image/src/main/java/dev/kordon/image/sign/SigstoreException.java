package dev.kordon.image.sign;

/**
 * A keyless check that failed, or Sigstore material that cannot be read. The message is the reason
 * shown to the user; every check fails closed with one.
 */
public final class SigstoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public SigstoreException(String reason) {
    super(reason);
  }

  public SigstoreException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
