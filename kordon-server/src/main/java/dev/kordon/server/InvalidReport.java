package dev.kordon.server;

/** An upload that is not a Kordon report the server can keep; the message says what is wrong. */
public final class InvalidReport extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidReport(String message) {
    super(message);
  }
}
