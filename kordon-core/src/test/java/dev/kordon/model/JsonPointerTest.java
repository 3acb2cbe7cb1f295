package dev.kordon.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Equality and hashing by segments agree with the escaped text, which orders pointers. */
class JsonPointerTest {

  @Test
  void equalExactlyWhenTheTextsAre() {
    List<JsonPointer> pointers =
        List.of(
            JsonPointer.ROOT,
            JsonPointer.of(""),
            JsonPointer.of("a/b"),
            JsonPointer.of("a", "b"),
            JsonPointer.of("a~1b"),
            JsonPointer.of("a~b"),
            JsonPointer.of("a", ""),
            JsonPointer.of("", "a"),
            JsonPointer.parse("/a~1b"),
            JsonPointer.parse("/a~01b"),
            JsonPointer.of("spec").append("containers", "0"),
            JsonPointer.parse("/spec/containers/0"),
            JsonPointer.of("spec", "containers").append(0));
    for (JsonPointer a : pointers) {
      for (JsonPointer b : pointers) {
        boolean sameText = a.toString().equals(b.toString());
        assertThat(a.equals(b)).as(a + " vs " + b).isEqualTo(sameText);
        assertThat(a.compareTo(b) == 0).as(a + " vs " + b).isEqualTo(sameText);
        if (sameText) {
          assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
      }
    }
  }

  @Test
  void randomPointersRoundTripAndAgree() {
    Random random = new Random(18);
    char[] alphabet = {'a', '/', '~', '0', '1', '\u00e9'};
    for (int n = 0; n < 2000; n++) {
      String[] segments = new String[random.nextInt(4)];
      for (int i = 0; i < segments.length; i++) {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(4); k > 0; k--) {
          b.append(alphabet[random.nextInt(alphabet.length)]);
        }
        segments[i] = b.toString();
      }
      JsonPointer p = JsonPointer.of(segments);
      JsonPointer back = JsonPointer.parse(p.toString());
      assertThat(back).isEqualTo(p);
      assertThat(back.hashCode()).isEqualTo(p.hashCode());
      assertThat(back.toString()).isEqualTo(p.toString());
    }
  }
}
