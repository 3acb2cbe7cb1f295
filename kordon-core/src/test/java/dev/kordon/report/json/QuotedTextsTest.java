package dev.kordon.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.report.JsonOutput;
import java.io.StringWriter;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

/** A text quoted once is written as the report's generator writes the plain string. */
class QuotedTextsTest {

  private static final List<String> TEXTS =
      List.of(
          "",
          "Privileged container",
          "say \"no\"",
          "back\\slash",
          "a/b</script>",
          "tab\tnew\nline\rnul\u0000bell\u0007esc\u001b del\u007f",
          "caf\u00e9 \u20ac \uD83D\uDE00 \u2028\u2029",
          "lone \uD83D surrogate",
          "pss:baseline/privileged");

  private static String written(BiConsumer<JsonGenerator, String> value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = JsonOutput.mapper().createGenerator(out)) {
      gen.writeStartObject();
      for (String t : TEXTS) {
        gen.writeName("f");
        value.accept(gen, t);
        gen.writeName("list");
        gen.writeStartArray();
        value.accept(gen, t);
        value.accept(gen, t);
        gen.writeEndArray();
      }
      gen.writeEndObject();
    }
    return out.toString();
  }

  @Test
  void quotedOnceIsWhatTheGeneratorWrites() {
    QuotedTexts texts = new QuotedTexts();
    String plain = written(JsonGenerator::writeString);
    String quoted = written((gen, t) -> gen.writeString(texts.of(t)));
    assertThat(quoted).isEqualTo(plain).contains("say \\\"no\\\"").contains("\\u0000");
    assertThat(texts.size()).isEqualTo(TEXTS.size());
  }

  @Test
  void keepsNoMoreThanItsBound() {
    QuotedTexts texts = new QuotedTexts();
    for (int i = 0; i < QuotedTexts.MAX + 100; i++) {
      assertThat(texts.of("kind" + i).getValue()).isEqualTo("kind" + i);
    }
    assertThat(texts.size()).isEqualTo(QuotedTexts.MAX);
  }
}
