package dev.kordon.report;

import java.util.List;
import java.util.Locale;

/** What a scan report shows first: its findings (the default) or the control view. */
public enum View {
  FINDINGS("findings"),
  CONTROLS("controls");

  private final String word;

  View(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** The formats that can show the control view. */
  public static final List<Format> CONTROL_FORMATS =
      List.of(Format.TABLE, Format.JSON, Format.MARKDOWN, Format.HTML);

  public static View parse(String s) {
    for (View v : values()) {
      if (v.word.equals(s.toLowerCase(Locale.ROOT))) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown view '" + s + "' (use findings, controls)");
  }
}
