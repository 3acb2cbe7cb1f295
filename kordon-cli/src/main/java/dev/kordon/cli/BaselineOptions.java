package dev.kordon.cli;

import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.Severity;
import dev.kordon.report.Report;
import dev.kordon.report.SafeText;
import dev.kordon.server.client.Baseline;
import dev.kordon.server.client.ReportUpload;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --baseline REPORT.json} and {@code --baseline-from URL}: only findings whose fingerprint
 * the baseline does not know can fail the run. The report itself still lists every finding.
 */
final class BaselineOptions {

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "A JSON report of an earlier scan: --fail-on counts only findings new against it.")
  Path file;

  @Option(
      names = "--baseline-from",
      paramLabel = "URL",
      description =
          "As --baseline, from a server: URL/api/v1/clusters/NAME/baseline (token in"
              + " KORDON_TOKEN).")
  String url;

  boolean active() {
    return file != null || url != null;
  }

  /** A usage problem, or null. */
  String problem() {
    if (file != null && url != null) {
      return "--baseline and --baseline-from exclude each other";
    }
    return null;
  }

  /**
   * Reads the baseline's fingerprints.
   *
   * @throws IllegalArgumentException naming the file or URL when it cannot be read
   */
  Set<String> load(Io io) {
    String where = file != null ? file.toString() : url;
    try {
      byte[] json =
          file != null
              ? Files.readAllBytes(file)
              : new ReportUpload().get(URI.create(url), io.env().get("KORDON_TOKEN"));
      return Baseline.fingerprints(json);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read the baseline " + SafeText.line(where) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The exit code when only new findings count: 1 when a failing finding at or above the threshold
   * is not in the baseline.
   */
  static int exitCode(
      Report report, Optional<Severity> threshold, Set<String> known, Io io, int withoutBaseline) {
    if (withoutBaseline == ExitCode.ERROR) {
      return withoutBaseline;
    }
    int fresh = 0;
    int freshAtThreshold = 0;
    for (Finding f : report.findings()) {
      if (f.status() == FindingStatus.FAIL && !known.contains(f.fingerprint())) {
        fresh++;
        if (threshold.isPresent() && f.severity().atLeast(threshold.get())) {
          freshAtThreshold++;
        }
      }
    }
    io.err()
        .println(
            "kordon: baseline: "
                + fresh
                + " new finding(s), "
                + (report.summary().findings() - fresh)
                + " known"
                + (threshold.isPresent()
                    ? "; " + freshAtThreshold + " new at or above " + threshold.get().word()
                    : ""));
    return freshAtThreshold > 0 ? ExitCode.FINDINGS : ExitCode.OK;
  }
}
