package dev.kordon.cli;

import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportWriters;
import dev.kordon.report.WriterOptions;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --output}, shared by every command that writes a report. */
final class ReportOptions {

  /** Completion candidates and help text built from the {@link Format} enum. */
  static final class FormatCandidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Format.values()).map(Format::word).iterator();
    }
  }

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      completionCandidates = FormatCandidates.class,
      description = "Report format: ${COMPLETION-CANDIDATES} (default: table).",
      converter = FormatConverter.class)
  Format format = Format.TABLE;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return Format.parse(value);
    }
  }

  /** Writes the report where the options say, colouring only a terminal's table. */
  void write(Report report, Io io) throws IOException {
    boolean toTerminal = output == null && io.colour();
    WriterOptions options = new WriterOptions(toTerminal, 0);
    if (output != null) {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        ReportWriters.forFormat(format, options).write(report, w);
      }
    } else {
      Writer w = new OutputStreamWriter(io.out(), StandardCharsets.UTF_8);
      ReportWriters.forFormat(format, options).write(report, w);
      w.flush();
    }
  }
}
