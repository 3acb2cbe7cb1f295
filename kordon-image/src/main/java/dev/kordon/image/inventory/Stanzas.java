package dev.kordon.image.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads paragraphs of {@code Key: value} lines separated by blank lines (dpkg status), or {@code
 * K:value} lines (apk installed), one paragraph at a time, keeping only the fields asked for.
 */
final class Stanzas {
  private Stanzas() {}

  static final int MAX_LINE = 1 << 16;

  static void read(
      InputStream in, char separator, java.util.Set<String> keep, Consumer<Map<String, String>> out)
      throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Map<String, String> fields = new HashMap<>();
    String line;
    int number = 0;
    while ((line = r.readLine()) != null) {
      number++;
      if (line.length() > MAX_LINE) {
        throw new IOException("line " + number + " is longer than " + MAX_LINE + " characters");
      }
      if (line.isBlank()) {
        if (!fields.isEmpty()) {
          out.accept(fields);
          fields = new HashMap<>();
        }
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        continue; // continuation of a long field (Description, Conffiles): never needed
      }
      int sep = line.indexOf(separator);
      if (sep <= 0) {
        continue;
      }
      String key = line.substring(0, sep);
      if (keep.contains(key)) {
        fields.put(key, line.substring(sep + 1).strip());
      }
    }
    if (!fields.isEmpty()) {
      out.accept(fields);
    }
  }
}
