package dev.kordon.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.snapshot.Snapshot;
import dev.kordon.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every probe and every truth-table cell of every case of {@code shared/corpora/netpol} agrees,
 * asked two ways: through {@link Reachability#check} (the explain path) and through {@link Matrix}
 * (the grouped bit-set path). Skips with a message when the corpus is absent.
 */
class NetpolConformanceTest {

  static Stream<String> cases() throws IOException {
    Path dir = SharedCorpus.require("corpora/netpol").resolve("cases");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseAgrees(String file) {
    CorpusCase c = CorpusCase.read(SharedCorpus.require("corpora/netpol").resolve("cases/" + file));
    assertThat(disagreements(c)).isEmpty();
  }

  @Test
  void corpusIsLargeAndFullyAgreed() throws IOException {
    int cases = 0;
    int probes = 0;
    List<String> wrong = new ArrayList<>();
    for (String file : cases().toList()) {
      CorpusCase c =
          CorpusCase.read(SharedCorpus.require("corpora/netpol").resolve("cases/" + file));
      cases++;
      probes += c.probes().size();
      wrong.addAll(disagreements(c));
    }
    System.out.printf(
        "netpol conformance: %d cases, %d probes, %d disagree%n", cases, probes, wrong.size());
    assertThat(cases).isGreaterThan(50);
    assertThat(wrong).isEmpty();
  }

  static List<String> disagreements(CorpusCase c) {
    Reachability reach = new Reachability(PolicyModel.build(Snapshot.of(c.objects())));
    PolicyModel model = reach.model();
    assertThat(model.warnings()).as("policies of %s read cleanly", c.id()).isEmpty();
    List<String> wrong = new ArrayList<>();
    for (CorpusCase.Probe p : c.probes()) {
      Endpoint from = endpoint(model, p.from());
      Endpoint to = endpoint(model, p.to());
      Protocol protocol = Protocol.parse(p.protocol()).orElseThrow();
      int port = CorpusCase.resolvePort(p, to, protocol);
      Verdict verdict = reach.check(from, to, port, protocol);
      if (verdict.allowed() != p.allowed()) {
        wrong.add(c.id() + " " + p + ": check says " + verdict.allowed() + " " + verdict);
      }
      if (from instanceof PodGroup && to instanceof PodGroup) {
        Matrix m = reach.matrix(List.of(new PortProtocol(port, protocol)));
        Map<String, Integer> index = CorpusCase.podIndex(m);
        boolean cell = m.allowed(index.get(from.id()), index.get(to.id()), 0);
        if (cell != p.allowed()) {
          wrong.add(c.id() + " " + p + ": matrix says " + cell);
        }
      }
    }
    return wrong;
  }

  private static Endpoint endpoint(PolicyModel model, String text) {
    if (text.startsWith("ip:")) {
      return new Endpoint.External(IpAddress.parse(text.substring(3)).orElseThrow());
    }
    return model.pod(text).orElseThrow(() -> new AssertionError("no pod " + text));
  }
}
