package dev.kordon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.ScanError;
import dev.kordon.report.Report;
import dev.kordon.report.json.JsonReportWriter;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ReadResult;
import dev.kordon.testing.RealWorldCorpus;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Thousands of real objects no one here wrote: no crash, no parse error, stable output. */
class RealWorldCorpusTest {

  @Test
  void scansTheWholeCorpusWithoutErrorsAndDeterministically() throws IOException {
    ReadResult read = RealWorldCorpus.read();
    assertThat(read.problems().stream().filter(ScanError::isError)).isEmpty();
    assertThat(read.objects()).as("README: 3,843 objects").hasSize(3843);

    Engine engine = RealWorldCorpus.engine();
    Report first = RealWorldCorpus.report();
    assertThat(first.errors()).as("no control may fail on real input").isEmpty();
    assertThat(first.summary().objects()).isEqualTo(3843);

    ReadResult again = RealWorldCorpus.readAgain();
    Report second = engine.scan(Snapshot.of(again.objects()), again.problems());
    assertThat(json(second)).as("byte-identical JSON for the same input").isEqualTo(json(first));
  }

  private static String json(Report r) throws IOException {
    StringWriter w = new StringWriter();
    new JsonReportWriter().write(r, w);
    return w.toString();
  }
}
