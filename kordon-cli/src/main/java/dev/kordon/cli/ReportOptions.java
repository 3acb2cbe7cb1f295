package dev.kordon.cli;

import dev.kordon.model.ScanError;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.ReportWriters;
import dev.kordon.report.SafeText;
import dev.kordon.report.View;
import dev.kordon.report.WriterOptions;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
      description = "Output format, one of those under Formats below (default: table).")
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
    checkOutput();
    return chosen;
  }

  /**
   * Refuses, before any work is done, an {@code --output} that can never be a file: a directory, or
   * a path under a file.
   */
  private void checkOutput() {
    if (output == null) {
      return;
    }
    if (Files.isDirectory(output)) {
      throw new OutputNotWritable(output, "it is a directory");
    }
    for (Path p = output.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p)) {
          throw new OutputNotWritable(output, p + " is not a directory");
        }
        return;
      }
    }
  }

  /** The operating system's reason, in the words of a shell ({@code permission denied}). */
  static String reason(IOException e, Path output) {
    String why;
    if (e instanceof AccessDeniedException a) {
      why = "permission denied" + elsewhere(a, output);
    } else if (e instanceof NoSuchFileException n) {
      why = "no such file or directory" + elsewhere(n, output);
    } else if (e instanceof FileAlreadyExistsException f) {
      why = f.getFile() + " exists and is not a directory";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      why = f.getReason() + elsewhere(f, output);
    } else {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return why.isEmpty() ? why : Character.toLowerCase(why.charAt(0)) + why.substring(1);
  }

  /** The file the system complained about, when it is not the output itself (a parent folder). */
  private static String elsewhere(FileSystemException e, Path output) {
    String file = e.getFile();
    boolean itself =
        file == null
            || file.equals(output.toString())
            || file.equals(output.toAbsolutePath().toString());
    return itself ? "" : " (" + file + ")";
  }

  /** An output file that cannot be written: exit code 2, one line, no stack trace. */
  static final class OutputNotWritable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputNotWritable(Path output, String reason) {
      super("cannot write " + output + ": " + reason);
    }
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
      io.err().println("kordon: " + SafeText.line(e.toString()));
    }
    for (ScanError e : report.notes()) {
      io.err().println("kordon: note: " + SafeText.line(e.toString()));
    }
    boolean toTerminal = output == null && io.colour();
    boolean problemsOnScreen =
        output == null && io.terminal() && !(report.errors().isEmpty() && report.notes().isEmpty());
    WriterOptions options = new WriterOptions(toTerminal, 0, view, problemsOnScreen);
    if (output != null) {
      try {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
          ReportWriters.forFormat(chosen, options).write(report, w);
        }
      } catch (IOException e) {
        throw new OutputNotWritable(output, reason(e, output));
      }
    } else {
      Writer w = new OutputStreamWriter(io.out(), StandardCharsets.UTF_8);
      ReportWriters.forFormat(chosen, options).write(report, w);
      w.flush();
    }
  }
}
