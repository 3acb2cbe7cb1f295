package dev.kordon.control.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spelling a host path differently must not change whether KOR-0010 reports it: every sensitive
 * path, and every path below one, is caught however it is written; ordinary paths never are.
 * Spellings are generated from a fixed seed shown in each test name.
 */
class HostPathNormalisationTest {

  private static final long SEED = 7_2026_1129L;
  private static final int SPELLINGS = 12;

  private static final List<String> BENIGN =
      List.of(
          "/srv/data",
          "/data/app",
          "/etcetera",
          "/mnt/proc",
          "/opt/app/cache",
          "/home/builder",
          "/var/lib/app",
          "/varnish",
          "/usrdata",
          "/data/docker.sockets",
          "/tmp/run",
          "/var/cache/app",
          "/var/lib/app/docker.sock.d");

  static Stream<Arguments> sensitive() {
    Random r = new Random(SEED);
    List<Arguments> out = new ArrayList<>();
    List<String> paths = new ArrayList<>(List.of("/", "/var", "/var/lib", "/opt"));
    for (String tree : SensitiveHostPathMounted.SENSITIVE_TREES) {
      paths.add(tree);
      paths.add(tree + "/sub" + r.nextInt(100) + "/leaf");
    }
    for (String socket : SensitiveHostPathMounted.RUNTIME_SOCKETS) {
      paths.add("/srv/runtime/" + socket);
    }
    for (String path : paths) {
      for (int i = 0; i < SPELLINGS; i++) {
        out.add(Arguments.of(spell(r, path), path));
      }
    }
    return out.stream();
  }

  static Stream<Arguments> benign() {
    Random r = new Random(SEED + 1);
    List<Arguments> out = new ArrayList<>();
    for (String path : BENIGN) {
      for (int i = 0; i < SPELLINGS; i++) {
        out.add(Arguments.of(spell(r, path), path));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "seed " + SEED + ": {0} is {1}, sensitive")
  @MethodSource("sensitive")
  void everySpellingOfASensitivePathIsReported(String written, String canonical) {
    HostPathVolume v = new HostPathVolume("v", written, JsonPointer.ROOT);
    assertThat(v.normalised()).isEqualTo(canonical);
    assertThat(SensitiveHostPathMounted.why(v.normalised())).isPresent();
    assertThat(new HostPathVolume("v", v.normalised(), JsonPointer.ROOT).normalised())
        .as("normalising twice changes nothing")
        .isEqualTo(v.normalised());
  }

  @ParameterizedTest(name = "seed " + SEED + ": {0} is {1}, ordinary")
  @MethodSource("benign")
  void noSpellingOfAnOrdinaryPathIsReported(String written, String canonical) {
    HostPathVolume v = new HostPathVolume("v", written, JsonPointer.ROOT);
    assertThat(v.normalised()).isEqualTo(canonical);
    assertThat(SensitiveHostPathMounted.why(v.normalised())).isEmpty();
  }

  /**
   * A path spelt with the detours lexical normalisation must see through: doubled slashes, {@code
   * .} segments, a {@code x/..} detour, {@code ..} above the root and a trailing slash.
   */
  static String spell(Random r, String path) {
    StringBuilder out = new StringBuilder();
    if (r.nextInt(4) == 0) {
      out.append("/..");
    }
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      switch (r.nextInt(4)) {
        case 0 -> out.append("//").append(segment);
        case 1 -> out.append("/./").append(segment);
        case 2 -> out.append("/detour").append(r.nextInt(10)).append("/../").append(segment);
        default -> out.append('/').append(segment);
      }
    }
    if (out.length() == 0 || r.nextBoolean()) {
      out.append('/');
    }
    return out.toString();
  }
}
