package dev.kordon.control.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link Setting#read} gives what the regular expression it replaces gave, kept here. */
class SettingTest {

  private static final Pattern SETTING =
      Pattern.compile(
          "^\\s*(?:export\\s+)?[\"']?([A-Za-z0-9_.\\-]{1,128})[\"']?\\s*[:=]\\s*"
              + "[\"']?([^\"'\\s,]*)[\"']?\\s*,?\\s*$");

  private static final String NAME_128 = "N".repeat(127) + "x";

  /** Pieces of settings and of what is near them, the regex's hard cases among them. */
  private static final String[] PIECES = {
    " ",
    "\t",
    "\u000B",
    "\f",
    "\u00A0",
    "\u2028",
    "\u0085",
    "export",
    "export ",
    "EXPORT",
    "\"",
    "'",
    "`",
    ":",
    "=",
    ":=",
    ",",
    ",,",
    "a",
    "Z",
    "9",
    "_",
    ".",
    "-",
    "pass",
    "word",
    "\u00e9",
    "\uD83D\uDE00",
    "#",
    "/",
    "$",
    "{",
    "}",
    "[",
    "\\",
    ";",
    NAME_128,
    NAME_128 + "y",
    "q8Vz!r2Lm#T4wXp9"
  };

  private static final String[] SPACES = {"", " ", "  ", "\t", "\u000B", "\f", " \t "};
  private static final String[] QUOTES = {"", "", "\"", "'"};

  @Test
  void handPickedLines() {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "a=b",
                "a:b",
                "a=",
                "=b",
                ":",
                "export=1",
                "export = 1",
                "export FOO=bar",
                "export export=1",
                "export  \"FOO\" : 'bar' , ",
                "exportFOO=bar",
                "export\u000BFOO=bar",
                "export\u00A0FOO=bar",
                "export",
                "export ",
                "  export  =  ",
                "\"a\"=\"b\"",
                "'a'='b'",
                "\"a'=b",
                "a\"\"=b",
                "\"\"a=b",
                "a=\"\"b",
                "a=b\"\"",
                "a=\"b",
                "a=b\"",
                "a=\"",
                "a='",
                "a=\" ,",
                "a= \"b\" , ",
                "a=b,",
                "a=b,,",
                "a=b, ,",
                "a=b ,c",
                "a=b c",
                "a=,",
                "a=,b",
                "a==b",
                "a:=b",
                "a=b=c",
                "a: b: c",
                "a\t=\tb\t",
                "a\f:\u000Bb\f,\u000B",
                "a=b\u00A0",
                "a=b\u2028",
                "a=\u00e9t\u00e9",
                "a=\uD83D\uDE00",
                "\u00e9=b",
                "a.b-c_d=e",
                "DB_PASSWORD=q8Vz!r2Lm#T4wXp9",
                "  \"password\": \"Sup3rS3cretPw\",",
                "key: 'value'",
                "# comment: not=a setting",
                NAME_128 + "=v",
                NAME_128 + "y=v",
                "\"" + NAME_128 + "\"=v",
                "export " + NAME_128 + "=v",
                "export " + NAME_128 + "y=v"));
    for (String line : lines) {
      assertSame(line);
    }
  }

  @Test
  void randomPieces() {
    Random random = new Random(67);
    for (int n = 0; n < 200_000; n++) {
      StringBuilder line = new StringBuilder();
      for (int i = random.nextInt(10); i > 0; i--) {
        line.append(PIECES[random.nextInt(PIECES.length)]);
      }
      assertSame(line.toString());
    }
  }

  /** Lines shaped like settings, each part present or not, one character perhaps changed. */
  @Test
  void settingShapes() {
    Random random = new Random(18);
    String nameChars = "aZ9_.-";
    String valueChars = "aZ9_.-!#$/@\u00e9:=";
    for (int n = 0; n < 200_000; n++) {
      StringBuilder line = new StringBuilder();
      line.append(pick(random, SPACES));
      if (random.nextInt(4) == 0) {
        line.append("export").append(pick(random, SPACES));
      }
      line.append(pick(random, QUOTES));
      int nameLength = random.nextInt(8) == 0 ? 126 + random.nextInt(5) : random.nextInt(6);
      for (int i = 0; i < nameLength; i++) {
        line.append(nameChars.charAt(random.nextInt(nameChars.length())));
      }
      line.append(pick(random, QUOTES)).append(pick(random, SPACES));
      line.append(random.nextBoolean() ? ':' : '=');
      line.append(pick(random, SPACES)).append(pick(random, QUOTES));
      for (int i = random.nextInt(8); i > 0; i--) {
        line.append(valueChars.charAt(random.nextInt(valueChars.length())));
      }
      line.append(pick(random, QUOTES)).append(pick(random, SPACES));
      if (random.nextBoolean()) {
        line.append(',');
      }
      line.append(pick(random, SPACES));
      if (random.nextInt(3) == 0 && line.length() > 0) {
        int at = random.nextInt(line.length());
        line.setCharAt(at, PIECES[random.nextInt(PIECES.length)].charAt(0));
      }
      assertSame(line.toString());
    }
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** The line alone, and as a range of a longer text, as the control reads it. */
  private static void assertSame(String line) {
    assertThat(Setting.read(line, 0, line.length())).as(line).isEqualTo(regex(line, 0, line));
    String text = "x=1\n" + line + "\nexport y=2";
    int start = 4;
    assertThat(Setting.read(text, start, start + line.length()))
        .as(line)
        .isEqualTo(regex(text, start, line));
  }

  private static Optional<Setting> regex(String text, int start, String line) {
    Matcher m = SETTING.matcher(text).region(start, start + line.length());
    return m.matches() ? Optional.of(new Setting(m.group(1), m.group(2))) : Optional.empty();
  }
}
