package dev.kordon.control.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.engine.Exceptions;
import dev.kordon.model.Finding;
import dev.kordon.report.Report;
import dev.kordon.report.ReportWriter;
import dev.kordon.report.ReportWriters;
import dev.kordon.report.WriterOptions;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated credentials (fixed seed, shown in the test name) in env vars and ConfigMaps, scanned by
 * the whole built-in catalog: each must be reported, and no finding field and no report format may
 * contain any 6-character piece of it.
 */
class SecretLeakTest {

  private static final long SEED = 20261129L;
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String PASSWORD_CHARS = ALNUM + "!#%&*+-=?@^_~";

  static Stream<Arguments> secrets() {
    Random random = new Random(SEED);
    return IntStream.range(0, 40)
        .mapToObj(
            i -> {
              String secret = generate(random, i % 8);
              return Arguments.of(SEED, i, secret);
            });
  }

  private static String generate(Random r, int kind) {
    switch (kind) {
      case 0:
        return "AKIA" + pick(r, UPPER_DIGITS, 16);
      case 1:
        return "ghp_" + pick(r, ALNUM, 36);
      case 2:
        return "glpat-" + pick(r, ALNUM, 20 + r.nextInt(10));
      case 3:
        return "sk_live_" + pick(r, ALNUM, 24 + r.nextInt(8));
      case 4:
        return "AIza" + pick(r, ALNUM, 35);
      case 5:
        return "eyJ" + pick(r, ALNUM, 16) + ".eyJ" + pick(r, ALNUM, 24) + "." + pick(r, ALNUM, 20);
      case 6:
        return "xoxp-" + pick(r, ALNUM, 30);
      default:
        return pick(r, PASSWORD_CHARS, 12 + r.nextInt(20));
    }
  }

  private static String pick(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "seed {0} #{1}")
  @MethodSource("secrets")
  void reportedButNeverPrinted(long seed, int index, String secret) throws IOException {
    String quoted = "'" + secret.replace("'", "''") + "'";
    String yaml =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Pod",
            "metadata: {name: leak-test, namespace: shop}",
            "spec:",
            "  containers:",
            "    - name: app",
            "      image: ghcr.io/acme/app:1.0",
            "      env:",
            "        - name: SERVICE_PASSWORD",
            "          value: " + quoted,
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: leak-test, namespace: shop}",
            "data:",
            "  api_token: " + quoted,
            "  app.env: |",
            "    LOG_LEVEL=info",
            "    SERVICE_PASSWORD=" + secret,
            "");
    ReadResult read = new ManifestReader().read("leak.yaml", yaml);
    assertThat(read.problems()).isEmpty();
    Engine engine =
        new Engine(
            Catalog.builtIn(),
            List.of(),
            new EngineOptions(
                Optional.empty(), Exceptions.NONE, LocalDate.of(2026, 1, 1), false, List.of()));
    Report report = engine.scan(Snapshot.of(read.objects()), List.of());

    List<String> secretFindings =
        report.findings().stream()
            .filter(f -> f.controlId().equals("KOR-0066") || f.controlId().equals("KOR-0067"))
            .map(f -> f.controlId() + " " + f.path())
            .toList();
    assertThat(secretFindings)
        .containsExactlyInAnyOrder(
            "KOR-0066 /spec/containers/0/env/0/value",
            "KOR-0067 /data/api_token",
            "KOR-0067 /data/app.env");

    List<String> texts = new ArrayList<>();
    for (Finding f : report.findings()) {
      texts.add(f.toString());
    }
    for (ReportWriter writer : ReportWriters.all(WriterOptions.PLAIN)) {
      StringWriter out = new StringWriter();
      writer.write(report, out);
      texts.add(writer.format() + ": " + out);
    }
    assertThat(texts)
        .as("every writer produced a report")
        .hasSizeGreaterThan(report.findings().size() + 1);
    assertThat(secret.length()).isGreaterThanOrEqualTo(12);
    for (int i = 0; i + 6 <= secret.length(); i++) {
      String piece = secret.substring(i, i + 6);
      assertThat(yaml)
          .as("the check looks for pieces that are really in the input")
          .contains(piece);
      for (String text : texts) {
        assertThat(text).as("piece %d of the secret in the output", i).doesNotContain(piece);
      }
    }
  }
}
