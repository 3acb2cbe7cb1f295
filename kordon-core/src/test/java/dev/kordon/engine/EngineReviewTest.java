package dev.kordon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.framework.Framework;
import dev.kordon.model.KubeObject;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.testing.FixtureCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#review}, the webhook's path without scores and summaries, gives exactly the
 * findings that a scan of a snapshot of the object alone gives.
 */
class EngineReviewTest {

  @Test
  void reviewOfOneObjectFindsWhatAScanOfItFinds() throws Exception {
    Engine engine =
        new Engine(
            Catalog.builtIn(),
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 1, 1)).sequential());
    List<KubeObject> objects = new ArrayList<>();
    ManifestReader reader = new ManifestReader();
    for (Path f : FixtureCatalog.fixtures(FixtureCatalog.root(EngineReviewTest.class))) {
      objects.addAll(reader.read(f.toString(), Files.readString(f)).objects());
    }
    int withFindings = 0;
    for (KubeObject o : objects) {
      Report scan = engine.scan(Snapshot.of(List.of(o)), List.of());
      Engine.ObjectFindings review = engine.review(o);
      assertThat(review.findings()).as(o.ref().display()).isEqualTo(scan.findings());
      assertThat(review.errors()).as(o.ref().display()).isEqualTo(scan.errors());
      if (!review.findings().isEmpty()) {
        withFindings++;
      }
    }
    assertThat(withFindings).isGreaterThan(100);
  }
}
