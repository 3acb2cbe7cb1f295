package dev.kordon.model;

/**
 * A problem with an input: an error (the input could not be read; exit code 2) or a note (the input
 * was skipped on purpose, e.g. a binary file). {@code line} is 0 when unknown.
 */
public record ScanError(String file, int line, String message, Level level) {

  public enum Level {
    ERROR,
    NOTE
  }

  public static ScanError error(String file, int line, String message) {
    return new ScanError(file, line, message, Level.ERROR);
  }

  public static ScanError note(String file, int line, String message) {
    return new ScanError(file, line, message, Level.NOTE);
  }

  public boolean isError() {
    return level == Level.ERROR;
  }

  @Override
  public String toString() {
    return (line > 0 ? file + ":" + line : file) + ": " + message;
  }
}
