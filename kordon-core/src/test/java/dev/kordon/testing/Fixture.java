package dev.kordon.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixture manifest with inline expectations, Error Prone style: a trailing {@code # EXPECT:
 * KOR-0001} comment on the line that must be reported, optionally with a quoted fragment of the
 * message ({@code # EXPECT: KOR-0001 "setup"}). Several ids are comma-separated.
 */
public record Fixture(Path file, String text, List<Expectation> expectations) {

  /** One expected finding: a control id on a 1-based line, with an optional message fragment. */
  public record Expectation(int line, String controlId, String fragment) {}

  private static final Pattern MARKER = Pattern.compile("#\\s*(?i:expect)\\b(.*)$");
  private static final Pattern WELL_FORMED =
      Pattern.compile(
          ":\\s*(KOR-\\d{4}|[A-Za-z][\\w.-]*)((\\s*,\\s*(KOR-\\d{4}|[A-Za-z][\\w.-]*))*)"
              + "(\\s+\"((?:[^\"\\\\]|\\\\.)*)\")?\\s*");

  public static Fixture read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<Expectation> out = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MARKER.matcher(lines[i]);
      if (!m.find()) {
        continue;
      }
      Matcher w = WELL_FORMED.matcher(m.group(1));
      if (!w.matches()) {
        throw new IllegalArgumentException(
            "malformed marker at " + file.getFileName() + ":" + (i + 1) + ": " + lines[i].trim());
      }
      String fragment =
          w.group(6) == null ? "" : w.group(6).replace("\\\"", "\"").replace("\\\\", "\\");
      List<String> ids = new ArrayList<>();
      ids.add(w.group(1));
      for (String more : w.group(2).split(",")) {
        if (!more.isBlank()) {
          ids.add(more.trim());
        }
      }
      for (String id : ids) {
        out.add(new Expectation(i + 1, id, fragment));
      }
    }
    return new Fixture(file, text, List.copyOf(out));
  }

  public boolean isPass() {
    return file.getFileName().toString().startsWith("pass-");
  }

  public boolean isFail() {
    return file.getFileName().toString().startsWith("fail-");
  }
}
