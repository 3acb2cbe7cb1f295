package dev.kordon.render;

import java.util.List;

/**
 * Maps lines of rendered output back to the lines of the file they came from (a Helm template, a
 * Kustomize base). Lines copied verbatim match exactly; a line whose value came from a template
 * expression ({@code image: {{ .Values.image }}}) matches the next template line with the same key;
 * anything else (an {@code include}, a {@code toYaml} block) stays on the last matched line. The
 * search only moves forward, as rendering does, and starts over for each document.
 */
final class TemplateLines {

  private static final int KEY_WINDOW = 40;

  private final List<String> template;

  TemplateLines(List<String> template) {
    this.template = template.stream().map(TemplateLines::normalize).toList();
  }

  /**
   * The 1-based template line where the document with these rendered lines starts: after the {@code
   * ---} (or the top) before the first template line equal to the document's {@code kind:} line
   * that is not in {@code used}; that line is then added to {@code used}. 1 when no kind line
   * matches.
   */
  int documentStart(List<String> rendered, java.util.Set<Integer> used) {
    String kind =
        rendered.stream()
            .map(TemplateLines::normalize)
            .filter(l -> l.startsWith("kind:"))
            .findFirst()
            .orElse("");
    if (kind.isEmpty()) {
      return 1;
    }
    for (int t = 0; t < template.size(); t++) {
      if (template.get(t).equals(kind) && !used.contains(t)) {
        used.add(t);
        int start = t;
        while (start > 0 && !template.get(start - 1).equals("---")) {
          start--;
        }
        return start + 1;
      }
    }
    return 1;
  }

  /**
   * For rendered lines {@code rendered} (index 0 = line 1 of the rendered document), the 1-based
   * template line of each, starting the search at template line {@code from} (1-based).
   */
  int[] map(List<String> rendered, int from) {
    int[] out = new int[rendered.size()];
    int next = Math.max(0, from - 1);
    int last = Math.max(1, from);
    for (int i = 0; i < rendered.size(); i++) {
      String line = normalize(rendered.get(i));
      int found = line.isEmpty() || line.startsWith("#") ? -1 : exact(line, next);
      if (found < 0 && !line.isEmpty()) {
        found = sameKey(line, next);
      }
      if (found >= 0) {
        last = found + 1;
        next = found + 1;
      }
      out[i] = last;
    }
    return out;
  }

  private int exact(String line, int from) {
    for (int t = from; t < template.size(); t++) {
      if (template.get(t).equals(line)) {
        return t;
      }
    }
    return -1;
  }

  private int sameKey(String line, int from) {
    String key = key(line);
    if (key.isEmpty()) {
      return -1;
    }
    for (int t = from; t < Math.min(template.size(), from + KEY_WINDOW); t++) {
      if (key.equals(key(template.get(t)))) {
        return t;
      }
    }
    return -1;
  }

  /** {@code - name:} and {@code name:} both give {@code name}; a line without a key gives "". */
  private static String key(String line) {
    String s = line.startsWith("- ") ? line.substring(2).trim() : line;
    int colon = s.indexOf(':');
    if (colon <= 0 || s.startsWith("{{")) {
      return "";
    }
    String key = s.substring(0, colon);
    return key.matches("[A-Za-z0-9_.\\-/\"']+") ? key : "";
  }

  private static String normalize(String line) {
    return line.strip();
  }
}
