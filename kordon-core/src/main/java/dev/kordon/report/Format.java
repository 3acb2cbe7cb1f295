package dev.kordon.report;

import java.util.Locale;

/** Report formats; the CLI builds its {@code --format} choices from this list. */
public enum Format {
  TABLE("table", "aligned text for a terminal (default)"),
  JSON("json", "the JSON report described in DESIGN.md"),
  SARIF("sarif", "SARIF 2.1.0 for code-scanning UIs"),
  JUNIT("junit", "JUnit XML for CI test reports"),
  MARKDOWN("markdown", "Markdown for pull-request comments"),
  HTML("html", "one self-contained HTML page"),
  DOT("dot", "Graphviz DOT of a graph result (rbac paths, netpol matrix)");

  private final String word;
  private final String description;

  Format(String word, String description) {
    this.word = word;
    this.description = description;
  }

  public String word() {
    return word;
  }

  public String description() {
    return description;
  }

  public static Format parse(String s) {
    for (Format f : values()) {
      if (f.word.equals(s.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + s + "' (use " + words(values()) + ")");
  }

  /** The words of some formats, comma-separated, for messages. */
  public static String words(Format... formats) {
    StringBuilder sb = new StringBuilder();
    for (Format f : formats) {
      sb.append(sb.length() == 0 ? "" : ", ").append(f.word);
    }
    return sb.toString();
  }
}
