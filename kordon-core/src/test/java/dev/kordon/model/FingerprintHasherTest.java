package dev.kordon.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprintHasherTest {

  /** What a fresh MessageDigest gives over the UTF-8 of the parts joined by NUL. */
  private static String expected(int bytes, String... parts) throws Exception {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        joined.write(0);
      }
      joined.write(parts[i].getBytes(StandardCharsets.UTF_8));
    }
    byte[] d = MessageDigest.getInstance("SHA-256").digest(joined.toByteArray());
    return HexFormat.of().formatHex(d, 0, bytes);
  }

  @Test
  void equalsMessageDigestOverUtf8() throws Exception {
    List<String[]> cases =
        List.of(
            new String[] {"KOR-0001", "Pod", "default", "web", "/spec/containers/0"},
            new String[] {"", "", "", "", ""},
            new String[] {"KOR-0001", "ConfigMap", "caf\u00e9", "\u00fcber-\u00df", "/data/\u20ac"},
            new String[] {"KOR-0002", "Pod", "\uD83D\uDE00ns", "n\u0800\u07ff\uffff", "/a~1b"},
            // unpaired surrogates: the UTF-8 encoder writes '?'
            new String[] {"x", "\uD83D", "\uDE00", "a\uD83Db", "\uDE00\uD83D"},
            new String[] {"long", "x".repeat(5000), "\u00e9".repeat(3000), "\u4e2d".repeat(2000)});
    FingerprintHasher hasher = FingerprintHasher.get();
    for (String[] parts : cases) {
      assertThat(hasher.hex(8, parts)).isEqualTo(expected(8, parts));
      assertThat(hasher.hex(32, parts)).isEqualTo(expected(32, parts));
    }
  }

  @Test
  void randomTextsOneAfterTheOther() throws Exception {
    // the same hasher reused: nothing of one input may leak into the next
    Random random = new Random(2);
    char[] alphabet = {'a', '/', '~', '\u00e9', '\u20ac', '\uD83D', '\uDE00', '\u0000', 'Z'};
    for (int n = 0; n < 2000; n++) {
      String[] parts = new String[1 + random.nextInt(5)];
      for (int p = 0; p < parts.length; p++) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(n % 100 == 0 ? 400 : 12); i > 0; i--) {
          b.append(alphabet[random.nextInt(alphabet.length)]);
        }
        parts[p] = b.toString();
      }
      assertThat(FingerprintHasher.get().hex(8, parts)).isEqualTo(expected(8, parts));
    }
  }

  @Test
  void findingFingerprintIsTheHashOfItsParts() throws Exception {
    ObjectRef ref = new ObjectRef("v1", "Pod", "team-\u00e9", "web");
    JsonPointer path = JsonPointer.of("spec", "containers", "0", "a/b");
    assertThat(Finding.fingerprint("KOR-0001", ref, path))
        .isEqualTo(expected(8, "KOR-0001", "Pod", "team-\u00e9", "web", "/spec/containers/0/a~1b"))
        .hasSize(16);
  }

  @Test
  void aPointerHashesAsItsText() throws Exception {
    List<JsonPointer> pointers =
        List.of(
            JsonPointer.ROOT,
            JsonPointer.of("spec", "containers", "0", "image"),
            JsonPointer.of("metadata", "annotations", "a/b~c", ""),
            JsonPointer.of("data", "caf\u00e9", "\uD83D\uDE00", "\uD83D"));
    for (JsonPointer p : pointers) {
      assertThat(FingerprintHasher.get().hex(8, "KOR-0001", "Pod", "ns", "web", p))
          .as(p.toString())
          .isEqualTo(expected(8, "KOR-0001", "Pod", "ns", "web", p.toString()));
    }
  }
}
