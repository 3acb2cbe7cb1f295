package dev.kordon.report;

/**
 * How text output should look: colour only on a terminal and never with {@code NO_COLOR}.
 *
 * @param colour ANSI colours in table output
 * @param width terminal width for wrapping, or 0 for no wrapping
 * @param view what a scan report shows: its findings, or only the control view
 * @param problemsOnScreen the input errors and notes were just printed on the same terminal (on
 *     standard error), so a table for that terminal need not repeat them
 */
public record WriterOptions(boolean colour, int width, View view, boolean problemsOnScreen) {
  public static final WriterOptions PLAIN = new WriterOptions(false, 0);

  public WriterOptions(boolean colour, int width) {
    this(colour, width, View.FINDINGS);
  }

  public WriterOptions(boolean colour, int width, View view) {
    this(colour, width, view, false);
  }

  /** The same options with another view. */
  public WriterOptions withView(View other) {
    return new WriterOptions(colour, width, other, problemsOnScreen);
  }

  /** Whether a scan report is to show only its control view. */
  public boolean controlsOnly() {
    return view == View.CONTROLS;
  }
}
