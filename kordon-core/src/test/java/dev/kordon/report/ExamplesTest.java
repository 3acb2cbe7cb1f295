package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.control.ControlSettings;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped examples at the repository root: both read without errors, the insecure one is
 * caught, and the hardened one passes every built-in control (its images come from the company
 * registry, which a real team would list with --allowed-registries).
 */
class ExamplesTest {

  private static Report scan(String which, ControlSettings settings) {
    Path dir = Path.of("..", "examples", which);
    assertThat(dir).isDirectory();
    ReadResult read =
        new FileSource().read(List.of(dir.toString()), new ByteArrayInputStream(new byte[0]));
    Engine engine =
        new Engine(
            Catalog.builtIn(settings),
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 1, 1)).sequential());
    return engine.scan(Snapshot.of(read.objects()), read.problems());
  }

  @Test
  void insecureExampleIsCaught() {
    Report report = scan("insecure", ControlSettings.DEFAULT);
    assertThat(report.errors()).isEmpty();
    assertThat(report.notes()).isEmpty();
    assertThat(report.summary().objects()).isBetween(10, 16);
    assertThat(report.findings())
        .as("the backup job's privileged container")
        .anyMatch(
            f ->
                f.controlId().equals("KOR-0001")
                    && f.location().map(l -> l.file().endsWith("backup.yaml")).orElse(false));
  }

  @Test
  void hardenedExampleHasNoFindings() {
    Report report =
        scan(
            "hardened",
            ControlSettings.DEFAULT.withAllowedRegistries(List.of("registry.example.com")));
    assertThat(report.errors()).isEmpty();
    assertThat(report.notes()).isEmpty();
    assertThat(report.failedFindings())
        .as(
            "examples/hardened must pass every control; fix the example or the control:%n%s",
            report.failedFindings().stream()
                .map(Finding::toString)
                .collect(Collectors.joining("\n")))
        .isEmpty();
  }
}
