package dev.kordon.cli;

import dev.kordon.control.Catalog;
import dev.kordon.control.ControlInfo;
import dev.kordon.report.Format;
import dev.kordon.report.JsonOutput;
import dev.kordon.report.table.Columns;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kordon controls list|explain}: the catalog, for people and machines. */
final class ControlsCommand {

  /** The reference kinds printed as fields, in this order. */
  static final List<String> REF_FIELDS =
      List.of("cis", "nsa", "pss", "mitre", "kubescape", "trivy");

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
  static final class Group implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "missing subcommand: list or explain");
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Print every control: id, severity, title and references.",
      footer = {"", "Example:", "  kordon controls list --format json"})
  static final class ListCommand implements Callable<Integer> {
    private final Io io;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        description = "table or json (default: table).")
    String format = "table";

    ListCommand(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws IOException {
      List<ControlInfo> infos = Catalog.builtIn().infos();
      Writer w = new OutputStreamWriter(io.out(), StandardCharsets.UTF_8);
      if (Format.parse(format) == Format.JSON) {
        ArrayNode list = JsonOutput.NODES.arrayNode();
        for (ControlInfo info : infos) {
          list.add(json(info));
        }
        JsonOutput.write(list, w);
      } else {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "SEVERITY", "TITLE", "REFERENCES"));
        for (ControlInfo info : infos) {
          rows.add(
              List.of(
                  info.id(),
                  info.severity().word(),
                  info.title(),
                  String.join(" ", info.allRefs())));
        }
        w.write(Columns.render(rows, ""));
        w.write(infos.size() + " controls. Details: kordon controls explain <ID>\n");
      }
      w.flush();
      return ExitCode.OK;
    }
  }

  static ObjectNode json(ControlInfo info) {
    ObjectNode n = JsonOutput.object();
    n.put("id", info.id());
    n.put("title", info.title());
    n.put("severity", info.severity().word());
    ArrayNode kinds = n.putArray("kinds");
    info.kinds().forEach(kinds::add);
    for (String field : REF_FIELDS) {
      ArrayNode refs = n.putArray(field);
      info.refs(field).forEach(refs::add);
    }
    n.put("description", info.description());
    n.put("remediation", info.remediation());
    ArrayNode alt = n.putArray("altIds");
    info.altIds().forEach(alt::add);
    n.put("optional", info.optional());
    return n;
  }

  @Command(
      name = "explain",
      mixinStandardHelpOptions = true,
      description = "Explain one control: why it matters, how to fix it, references.",
      footer = {"", "Example:", "  kordon controls explain KOR-0001"})
  static final class ExplainCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "ID", description = "A control id such as KOR-0001.")
    String id;

    ExplainCommand(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws IOException {
      var control = Catalog.builtIn().find(id.toUpperCase(java.util.Locale.ROOT));
      if (control.isEmpty()) {
        io.err().println("kordon: no control " + id + " (see 'kordon controls list')");
        return ExitCode.ERROR;
      }
      ControlInfo info = control.get().info();
      StringBuilder sb = new StringBuilder();
      sb.append(info.id()).append("  ").append(info.title()).append('\n');
      sb.append("severity: ").append(info.severity().word()).append('\n');
      sb.append("applies to: ").append(String.join(", ", info.kinds())).append('\n');
      for (String field : REF_FIELDS) {
        List<String> refs = info.refs(field);
        if (!refs.isEmpty()) {
          sb.append(field).append(": ").append(String.join(", ", refs)).append('\n');
        }
      }
      sb.append('\n').append(info.description()).append('\n');
      sb.append("\nFix: ").append(info.remediation()).append('\n');
      String doc = bundledDoc(info.id());
      if (!doc.isEmpty()) {
        sb.append('\n').append(doc.strip()).append('\n');
      }
      io.out().print(sb);
      io.out().flush();
      return ExitCode.OK;
    }
  }

  /** The prose of {@code docs/controls/ID.md}, bundled into the jar at build time. */
  static String bundledDoc(String id) throws IOException {
    try (InputStream in =
        ControlsCommand.class.getResourceAsStream("/docs/controls/" + id + ".md")) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
