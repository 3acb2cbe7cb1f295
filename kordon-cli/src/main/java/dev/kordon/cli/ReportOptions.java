package dev.kordon.cli;

import dev.kordon.model.ScanError;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.ReportWriters;
import dev.kordon.report.View;
import dev.kordon.report.WriterOptions;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --format} and {@code --output}, the same on every command that prints a result. Each
 * command says which formats make sense for it; any other is refused with that list.
 */
final class ReportOptions {

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description =
          "Output format, among those this command accepts (table, json, markdown, html; scan"
              + " also sarif and junit; rbac paths and netpol matrix also dot). Default: table.")
  String format = Format.TABLE.word();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the result to FILE instead of standard output.")
  Path output;

  /** The formats of analyzer commands that print a result of sections. */
  static final List<Format> SECTIONS =
      List.of(Format.TABLE, Format.JSON, Format.MARKDOWN, Format.HTML);

  /**
   * The chosen format.
   *
   * @throws ParameterException for an unknown format, or one that makes no sense for the command
   */
  Format format(CommandSpec spec, List<Format> allowed) {
    String valid = Format.words(allowed.toArray(Format[]::new));
    Format chosen =
        Arrays.stream(Format.values())
            .filter(f -> f.word().equalsIgnoreCase(format))
            .findFirst()
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "--format " + format + " is not a format (use " + valid + ")"));
    if (!allowed.contains(chosen)) {
      throw new ParameterException(
          spec.commandLine(),
          "--format "
              + chosen.word()
              + " is not available for '"
              + commandName(spec)
              + "' (use "
              + valid
              + ")");
    }
    return chosen;
  }

  /** The words that name a command in messages and reports: {@code rbac who-can}. */
  static String commandName(CommandSpec spec) {
    return spec.qualifiedName(" ").replaceFirst("^kordon ", "");
  }

  /**
   * Writes an analyzer's answer as a report of sections and returns it (its errors decide the exit
   * code).
   */
  Report writeAnalysis(
      CommandSpec spec,
      Format chosen,
      int objects,
      List<ScanError> problems,
      List<ReportSection> sections,
      Io io)
      throws IOException {
    Report result = Report.analysis(commandName(spec), objects, problems, sections);
    write(result, chosen, io);
    return result;
  }

  /**
   * Writes the report where the options say, colouring only a terminal's table. Its errors and
   * notes go to standard error as well, whatever the format and destination.
   */
  void write(Report report, Format chosen, Io io) throws IOException {
    write(report, chosen, io, View.FINDINGS);
  }

  /** Writes the report as above, showing the given view of a scan. */
  void write(Report report, Format chosen, Io io, View view) throws IOException {
    for (ScanError e : report.errors()) {
      io.err().println("kordon: " + e);
    }
    for (ScanError e : report.notes()) {
      io.err().println("kordon: note: " + e);
    }
    boolean toTerminal = output == null && io.colour();
    WriterOptions options = new WriterOptions(toTerminal, 0, view);
    if (output != null) {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        ReportWriters.forFormat(chosen, options).write(report, w);
      }
    } else {
      Writer w = new OutputStreamWriter(io.out(), StandardCharsets.UTF_8);
      ReportWriters.forFormat(chosen, options).write(report, w);
      w.flush();
    }
  }
}
