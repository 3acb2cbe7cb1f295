package dev.kordon.source;

/**
 * A document that cannot be read safely or correctly; carries the 1-based line, and whether the
 * rest of the document is to be skipped by its text rather than parsed through.
 */
final class InputRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final boolean skipsByText;

  InputRejected(int line, String message) {
    this(line, message, false);
  }

  private InputRejected(int line, String message, boolean skipsByText) {
    super(message, null, false, false);
    this.line = line;
    this.skipsByText = skipsByText;
  }

  /**
   * Nesting beyond the limit. The parser would go on through every level of it, and each of
   * snakeyaml's tokens costs up to a thousand steps in such a run of brackets (seconds per hundred
   * thousand levels), so the document's rest is skipped up to its text's next document marker
   * instead.
   */
  static InputRejected tooDeep(int line, int maxDepth) {
    return new InputRejected(line, "nesting deeper than " + maxDepth + " levels; refused", true);
  }

  int line() {
    return line;
  }

  boolean skipsByText() {
    return skipsByText;
  }
}
