package dev.kordon.cli;

import dev.kordon.model.ScanError;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command that asks an analyzer shares: inputs, {@code --format}/{@code --output},
 * reading the inputs, and the way out (options → analyzer → report → writer). A subclass parses its
 * own options, asks its analyzer and passes the answer's sections to {@link #finish}.
 */
abstract class AnalyzerCommand implements Callable<Integer> {

  final Io io;

  @Spec CommandSpec spec;

  @Mixin InputOptions inputs = new InputOptions();

  @Mixin ReportOptions report = new ReportOptions();

  /** Input problems met so far (errors and notes), for the report and the exit code. */
  final List<ScanError> problems = new ArrayList<>();

  private int objects;

  private Format format;

  AnalyzerCommand(Io io) {
    this.io = io;
  }

  /** The formats that make sense for this command. */
  List<Format> formats() {
    return ReportOptions.SECTIONS;
  }

  /** Checks the format before anything is read, so that a bad one costs nothing. */
  Format format() {
    if (format == null) {
      format = report.format(spec, formats());
    }
    return format;
  }

  /** Reads every input into a snapshot; problems are kept for the report and standard error. */
  Snapshot read() {
    format();
    if (inputs.isEmpty()) {
      throw usage("nothing to read: give a file, a directory, or - for stdin");
    }
    ReadResult read = inputs.read(io);
    problems.addAll(read.problems());
    objects = read.objects().size();
    Snapshot snapshot = Snapshot.of(read.objects());
    problems.addAll(snapshot.duplicateNotes());
    return snapshot;
  }

  /**
   * The command's own leading words (VERB RESOURCE, SUBJECT, FROM TO), taken off the positional
   * arguments, which the input mixin collects as paths.
   */
  List<String> takeLeading(int count, String what) {
    if (inputs.paths.size() < count) {
      throw usage("missing " + what);
    }
    List<String> words = new ArrayList<>(inputs.paths.subList(0, count));
    inputs.paths = new ArrayList<>(inputs.paths.subList(count, inputs.paths.size()));
    return words;
  }

  ParameterException usage(String message) {
    // an option that names nothing in the inputs (netpol explain's FROM) may only say that an
    // input could not be read: the run stops before its report, so say why here
    for (ScanError e : problems) {
      io.err().println(e.isError() ? "kordon: " + e : "kordon: note: " + e);
    }
    return new ParameterException(spec.commandLine(), message);
  }

  /** An analyzer's complaint about an option value, as a usage error. */
  <T> T option(java.util.function.Supplier<T> parse, String option) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw usage((option.isEmpty() ? "" : option + ": ") + e.getMessage());
    }
  }

  /**
   * Writes the report and returns the exit code: 2 when an input could not be read, 1 when the
   * answer is "no" (something denied, a risk or a path shown), else 0.
   */
  int finish(boolean no, ReportSection... sections) throws IOException {
    Report result = report.writeAnalysis(spec, format(), objects, problems, List.of(sections), io);
    if (!result.errors().isEmpty()) {
      return ExitCode.ERROR;
    }
    return no ? ExitCode.FINDINGS : ExitCode.OK;
  }
}
