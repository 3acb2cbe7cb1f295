package dev.kordon.cli;

/** The exit codes of every command, as DESIGN.md fixes them. */
public final class ExitCode {
  /** Nothing at or above the {@code --fail-on} severity. */
  public static final int OK = 0;

  /** Findings at or above the {@code --fail-on} severity. */
  public static final int FINDINGS = 1;

  /** Bad usage or unreadable input; the other inputs were still scanned and reported. */
  public static final int ERROR = 2;

  private ExitCode() {}
}
