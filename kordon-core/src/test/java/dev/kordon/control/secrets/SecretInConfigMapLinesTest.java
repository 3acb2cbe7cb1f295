package dev.kordon.control.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The line scan of {@link SecretInConfigMap} (regions of the value) and {@link
 * SecretDetector#words} (by hand) give what the former split-and-regex versions, kept here, gave.
 */
class SecretInConfigMapLinesTest {

  private static final Pattern SETTING =
      Pattern.compile(
          "^\\s*(?:export\\s+)?[\"']?([A-Za-z0-9_.\\-]{1,128})[\"']?\\s*[:=]\\s*"
              + "[\"']?([^\"'\\s,]*)[\"']?\\s*,?\\s*$");
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

  private static Optional<String> splitting(String key, String value) {
    Optional<String> whole = SecretDetector.inspect(key, value);
    if (whole.isPresent()) {
      return whole;
    }
    String[] lines = LINE_BREAK.split(value, 2001);
    if (lines.length < 2) {
      return Optional.empty();
    }
    for (int i = 0; i < lines.length && i < 2000; i++) {
      Matcher m = SETTING.matcher(lines[i]);
      if (m.matches() && SecretDetector.literalCredential(m.group(1), m.group(2))) {
        return Optional.of(
            "a literal credential in setting \"" + m.group(1) + "\" on line " + (i + 1));
      }
    }
    return Optional.empty();
  }

  private static List<String> regexWords(String key) {
    String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[^A-Za-z0-9]+", " ");
    return List.of(spaced.strip().toLowerCase(Locale.ROOT).split(" +")).stream()
        .filter(w -> !w.isEmpty())
        .toList();
  }

  private static final String[] PIECES = {
    "a=b",
    "DB_PASSWORD=q8Vz!r2Lm#T4wXp9",
    "  export API_TOKEN = \"7f3a9c1e5b2d8f4a6c0e\" ,",
    "password: Sup3rS3cretPw",
    "log_level: debug",
    "",
    " ",
    "# comment",
    "key: 'value'",
    "\u00e9t\u00e9=\u00fc",
    "dbPassword_FILE=/run/x",
    "passwd=hunter2hunter2"
  };
  private static final String[] BREAKS = {"\n", "\r\n", "\r", "\n\n", "\r\r\n", "\u2028"};

  @Test
  void linesAsTheSplitGaveThem() {
    Random random = new Random(18);
    for (int n = 0; n < 5000; n++) {
      StringBuilder value = new StringBuilder();
      int lines = random.nextInt(n % 50 == 0 ? 2100 : 8);
      for (int i = 0; i < lines; i++) {
        // credentials mostly late, so that the scan of the many lines before them is compared
        String piece = PIECES[random.nextInt(PIECES.length)];
        value.append(piece.contains("=q8") && random.nextInt(lines) < lines / 2 ? "a=b" : piece);
        if (i < lines - 1 || random.nextBoolean()) {
          value.append(BREAKS[random.nextInt(BREAKS.length)]);
        }
      }
      String v = value.toString();
      assertThat(SecretInConfigMap.explain("config", v)).as(v).isEqualTo(splitting("config", v));
    }
  }

  @Test
  void settingPastTheLimitIsNotRead() {
    String v = "a=b\n".repeat(2000) + "DB_PASSWORD=q8Vz!r2Lm#T4wXp9\n";
    assertThat(SecretInConfigMap.explain("config", v)).isEmpty().isEqualTo(splitting("config", v));
    String w = "a=b\r\n".repeat(1999) + "DB_PASSWORD=q8Vz!r2Lm#T4wXp9";
    assertThat(SecretInConfigMap.explain("config", w))
        .contains("a literal credential in setting \"DB_PASSWORD\" on line 2000");
  }

  @Test
  void wordsAsTheRegexesGaveThem() {
    String alphabet = "aZ09_-. bQxY\u00e9\u00c9";
    Random random = new Random(67);
    List<String> keys = new ArrayList<>(List.of("dbPassword_FILE", "", "  ", "ABc", "a1B2C", "x"));
    for (int n = 0; n < 20000; n++) {
      StringBuilder k = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        k.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      keys.add(k.toString());
    }
    for (String k : keys) {
      assertThat(SecretDetector.words(k)).as(k).isEqualTo(regexWords(k));
    }
  }
}
