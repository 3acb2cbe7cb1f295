package dev.kordon.report;

/**
 * How text output should look: colour only on a terminal and never with {@code NO_COLOR}.
 *
 * @param colour ANSI colours in table output
 * @param width terminal width for wrapping, or 0 for no wrapping
 */
public record WriterOptions(boolean colour, int width) {
  public static final WriterOptions PLAIN = new WriterOptions(false, 0);
}
