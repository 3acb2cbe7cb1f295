package dev.kordon.admission;

/** The body is not a usable AdmissionReview; answered with HTTP 400 and this message. */
public final class BadReview extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadReview(String message) {
    super(message);
  }
}
