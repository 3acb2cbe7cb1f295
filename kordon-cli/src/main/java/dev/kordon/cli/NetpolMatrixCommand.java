package dev.kordon.cli;

import dev.kordon.netpol.Matrix;
import dev.kordon.netpol.PortProtocol;
import dev.kordon.netpol.PortRequest;
import dev.kordon.report.Format;
import dev.kordon.results.NetpolResults;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "matrix",
    mixinStandardHelpOptions = true,
    customSynopsis = "kordon netpol matrix [OPTIONS] [PATH|-]...",
    description = {
      "The reachability matrix: every ordered pair of pods (a pod with itself included), for"
          + " each port and protocol asked.",
      NetpolCommand.INPUTS,
      "Table: '.' allowed, 'X' denied. A live pod always reaches itself; a workload group's"
          + " cell with itself is traffic between its replicas."
    },
    footer = {
      "",
      "Formats: table, json, markdown, html, dot (Graphviz, allowed pairs as edges).",
      "Exit codes: 0 done, 2 bad usage or unreadable input.",
      "",
      "Examples:",
      "  kordon netpol matrix k8s/",
      "  kordon netpol matrix k8s/ --ports 53 --protocols UDP,TCP --format json",
      "  kordon netpol matrix live-dump/ --ports 443 --summary",
      "  kordon netpol matrix k8s/ --format dot | dot -Tsvg > reach.svg"
    })
final class NetpolMatrixCommand extends AnalyzerCommand {

  @Option(
      names = "--ports",
      split = ",",
      paramLabel = "PORT",
      description = "Destination ports (default: 80).")
  List<Integer> ports = new ArrayList<>(List.of(80));

  @Option(
      names = "--protocols",
      split = ",",
      paramLabel = "PROTO",
      description = "TCP, UDP, SCTP (default: TCP).")
  List<String> protocols = new ArrayList<>(List.of("TCP"));

  @Option(
      names = "--summary",
      description =
          "Only the number of allowed pairs per port (JSON: no entries); for large clusters.")
  boolean summary;

  NetpolMatrixCommand(Io io) {
    super(io);
  }

  @Override
  List<Format> formats() {
    return List.of(Format.TABLE, Format.JSON, Format.MARKDOWN, Format.HTML, Format.DOT);
  }

  @Override
  public Integer call() throws IOException {
    format();
    List<PortProtocol> asked = option(() -> PortRequest.cross(ports, protocols), "");
    Matrix m = NetpolCommand.reachability(this).matrix(asked);
    return finish(false, NetpolResults.matrix(m, summary, format() == Format.DOT));
  }
}
