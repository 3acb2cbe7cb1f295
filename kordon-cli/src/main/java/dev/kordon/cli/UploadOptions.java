package dev.kordon.cli;

import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportWriters;
import dev.kordon.report.SafeText;
import dev.kordon.report.WriterOptions;
import dev.kordon.server.client.ReportUpload;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/**
 * {@code --upload URL} and {@code --cluster-name NAME}: after the report is written, send it as
 * JSON to a Kordon server with the token in {@code KORDON_TOKEN}. A mixin, so that every command
 * that makes a report of findings can take it.
 */
final class UploadOptions {

  @Option(
      names = "--upload",
      paramLabel = "URL",
      description =
          "Also send the full JSON report to a Kordon server ('kordon serve'), with the token"
              + " in KORDON_TOKEN.")
  String upload;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "With --upload: the cluster the report is kept under (default: default).")
  String clusterName;

  boolean active() {
    return upload != null;
  }

  /** A usage problem with the options, checked before any work: null when there is none. */
  String problem(Io io) {
    if (upload == null) {
      return clusterName == null ? null : "--cluster-name needs --upload";
    }
    String token = io.env().get("KORDON_TOKEN");
    if (token == null || token.isBlank()) {
      return "--upload needs a token in KORDON_TOKEN (kordon serve token create)";
    }
    if (clusterName != null && !ServeCommand.KordonServerNames.valid(clusterName)) {
      return "--cluster-name: 1 to 253 letters, digits, '.', '_', ':' or '-'";
    }
    try {
      ReportUpload.endpoint(upload, "/api/v1/reports");
    } catch (IOException e) {
      return "--upload: " + e.getMessage();
    }
    return null;
  }

  /**
   * Sends the unfiltered report.
   *
   * @return whether the server kept it (the reason is on standard error when not)
   */
  boolean send(Report report, String source, Io io) {
    StringWriter json = new StringWriter();
    try {
      ReportWriters.forFormat(Format.JSON, WriterOptions.PLAIN).write(report, json);
      ReportUpload.Answer answer =
          new ReportUpload()
              .send(
                  upload,
                  clusterName == null ? "default" : clusterName,
                  source,
                  json.toString().getBytes(StandardCharsets.UTF_8),
                  io.env().get("KORDON_TOKEN").strip());
      io.err().println("kordon: uploaded: " + answer.body());
      return true;
    } catch (IOException e) {
      io.err().println("kordon: upload failed: " + SafeText.line(String.valueOf(e.getMessage())));
      return false;
    }
  }
}
