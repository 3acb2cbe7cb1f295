package dev.kordon.report.json;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Texts that a report writes once per finding but that are few (a control's id, title, remediation,
 * framework ids and refs; kinds and API versions), each escaped and quoted once: the generator
 * would scan and escape every character of every copy. One per report written; bounded, because
 * kinds come from the input (past the bound a text is simply not kept).
 */
final class QuotedTexts {

  static final int MAX = 4096;

  private final Map<String, SerializableString> quoted = new HashMap<>();

  /** The text, escaped and quoted as the generator writes a string value. */
  SerializableString of(String text) {
    SerializableString q = quoted.get(text);
    if (q == null) {
      q = new SerializedString(text);
      if (quoted.size() < MAX) {
        quoted.put(text, q);
      }
    }
    return q;
  }

  int size() {
    return quoted.size();
  }
}
