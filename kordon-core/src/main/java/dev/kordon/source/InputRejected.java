package dev.kordon.source;

/** A document that cannot be read safely or correctly; carries the 1-based line. */
final class InputRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;

  InputRejected(int line, String message) {
    super(message, null, false, false);
    this.line = line;
  }

  int line() {
    return line;
  }
}
