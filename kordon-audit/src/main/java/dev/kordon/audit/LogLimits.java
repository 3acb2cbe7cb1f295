package dev.kordon.audit;

/**
 * Caps that keep a hostile log bounded: a longer line is skipped without being held in memory, and
 * deeper nesting makes the line unreadable instead of exhausting the stack.
 *
 * @param maxLineBytes the longest event line read; longer ones are counted as bad and skipped
 * @param maxNesting the deepest JSON nesting read in an event
 */
public record LogLimits(int maxLineBytes, int maxNesting) {

  /** Larger than any event the API server writes (request bodies are capped at 3 MiB). */
  public static final LogLimits DEFAULT = new LogLimits(16 * 1024 * 1024, 200);

  public LogLimits {
    if (maxLineBytes < 1024) {
      throw new IllegalArgumentException("the line limit must be at least 1024 bytes");
    }
    if (maxNesting < 8) {
      throw new IllegalArgumentException("the nesting limit must be at least 8");
    }
  }
}
