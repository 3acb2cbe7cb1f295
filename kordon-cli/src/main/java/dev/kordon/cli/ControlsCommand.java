package dev.kordon.cli;

import dev.kordon.audit.AuditControls;
import dev.kordon.control.Catalog;
import dev.kordon.control.ControlInfo;
import dev.kordon.image.report.ImageControls;
import dev.kordon.report.Format;
import dev.kordon.report.ReportSection;
import dev.kordon.results.CatalogResults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kordon controls list|explain}: the catalog, for people and machines. */
final class ControlsCommand {

  /** The catalog is text and records: no graph, no findings to upload. */
  static final List<Format> FORMATS = List.of(Format.TABLE, Format.JSON, Format.MARKDOWN);

  private ControlsCommand() {}

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new Group());
    cl.addSubcommand("list", new ListCommand(io));
    cl.addSubcommand("explain", new ExplainCommand(io));
    return cl;
  }

  @Command(
      name = "controls",
      mixinStandardHelpOptions = true,
      description = "List and explain the built-in controls.",
      footer = {"", "Examples:", "  kordon controls list", "  kordon controls explain KOR-0001"})
  static final class Group extends CommandGroup {}

  /** Writes one section of the catalog as the options say. */
  private static int write(CommandSpec spec, ReportOptions options, Io io, ReportSection section)
      throws IOException {
    Format format = options.format(spec, FORMATS);
    options.writeAnalysis(spec, format, 0, List.of(), List.of(section), io);
    return ExitCode.OK;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Print every control: id, severity, title and references.",
      footer = {
        "",
        "Formats: table, json, markdown.",
        "Example:",
        "  kordon controls list --format json"
      })
  static final class ListCommand implements Callable<Integer> {
    private final Io io;

    @Spec CommandSpec spec;

    @Mixin ReportOptions report = new ReportOptions();

    ListCommand(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws IOException {
      report.format(spec, FORMATS);
      return write(spec, report, io, CatalogResults.list(infos()));
    }
  }

  @Command(
      name = "explain",
      mixinStandardHelpOptions = true,
      description = "Explain one control: why it matters, how to fix it, references.",
      footer = {
        "",
        "Formats: table, json, markdown.",
        "Example:",
        "  kordon controls explain KOR-0001"
      })
  static final class ExplainCommand implements Callable<Integer> {
    private final Io io;

    @Spec CommandSpec spec;

    @Mixin ReportOptions report = new ReportOptions();

    @Parameters(paramLabel = "ID", description = "A control id such as KOR-0001.")
    String id;

    ExplainCommand(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws IOException {
      report.format(spec, FORMATS);
      String wanted = id.toUpperCase(Locale.ROOT);
      var control =
          infos().stream()
              .filter(i -> i.id().equals(wanted) || i.altIds().contains(wanted))
              .findFirst();
      if (control.isEmpty()) {
        io.err().println("kordon: no control " + id + " (see 'kordon controls list')");
        return ExitCode.ERROR;
      }
      ControlInfo info = control.get();
      return write(spec, report, io, CatalogResults.explain(info, bundledDoc(info.id())));
    }
  }

  /**
   * The catalog's controls, then the entries of {@code kordon audit} (detections over events and
   * the audit-policy lint), which judge logs and policies rather than the objects of a scan.
   */
  static List<ControlInfo> infos() {
    List<ControlInfo> all = new java.util.ArrayList<>(Catalog.builtIn().infos());
    all.addAll(AuditControls.all());
    all.addAll(ImageControls.all());
    return all;
  }

  /** The prose of {@code docs/controls/ID.md}, bundled into the jar at build time. */
  static String bundledDoc(String id) throws IOException {
    try (InputStream in =
        ControlsCommand.class.getResourceAsStream("/docs/controls/" + id + ".md")) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
