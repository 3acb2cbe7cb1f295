package dev.kordon.cli;

import dev.kordon.netpol.Endpoint;
import dev.kordon.netpol.PortRequest;
import dev.kordon.netpol.Protocol;
import dev.kordon.netpol.Reachability;
import dev.kordon.netpol.Verdict;
import dev.kordon.report.ReportSection;
import dev.kordon.results.NetpolResults;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    customSynopsis = "kordon netpol explain [OPTIONS] --port=PORT FROM TO [PATH|-]...",
    description = {
      "Whether FROM may open a connection to TO on a port, and the policies and rules of each"
          + " side that decided it: the egress of the source and the ingress of the destination.",
      "FROM and TO are ns/pod (or ns/workload), an IP address, or ip:ADDRESS. A workload"
          + " defined in several files (or a name several kinds share) is explained for each"
          + " copy, named by its file; the exit code is 1 when any of them is denied.",
      NetpolCommand.INPUTS
    },
    footer = {
      "",
      "Formats: table (the verdict as text), json, markdown, html.",
      "Exit codes: 0 allowed, 1 denied, 2 bad usage or unreadable input.",
      "",
      "Examples:",
      "  kordon netpol explain shop/web shop/db --port 5432 k8s/",
      "  kordon netpol explain shop/web 169.254.169.254 --port 80 k8s/ --format json",
      "  kordon netpol explain shop/client shop/web --port http k8s/"
    })
final class NetpolExplainCommand extends AnalyzerCommand {

  @Option(
      names = "--port",
      required = true,
      paramLabel = "PORT",
      description = "Destination port: a number, or a container port name of TO.")
  String port;

  @Option(
      names = "--protocol",
      paramLabel = "PROTO",
      description = "TCP, UDP or SCTP (default: TCP).")
  String protocol = "TCP";

  NetpolExplainCommand(Io io) {
    super(io);
  }

  @Override
  public Integer call() throws IOException {
    // "text", the old name of this command's default format, still works
    if (report.format.equalsIgnoreCase("text")) {
      report.format = "table";
    }
    format();
    if (inputs.paths.size() < 2) {
      throw usage("give FROM and TO, then the inputs");
    }
    List<String> ends = takeLeading(2, "FROM and TO");
    Protocol proto = option(() -> PortRequest.protocol(protocol), "");
    Reachability reach = NetpolCommand.reachability(this);
    List<Endpoint> sources = option(() -> PortRequest.endpoints(reach, ends.get(0)), "");
    List<Endpoint> destinations = option(() -> PortRequest.endpoints(reach, ends.get(1)), "");
    // a name the inputs define several times (or several kinds share) is explained for each copy
    List<Verdict> verdicts = new ArrayList<>();
    for (Endpoint destination : destinations) {
      int number = option(() -> PortRequest.resolve(port, destination, proto), "");
      for (Endpoint source : sources) {
        verdicts.add(reach.check(source, destination, number, proto));
      }
    }
    return finish(
        verdicts.stream().anyMatch(v -> !v.allowed()),
        verdicts.stream().map(NetpolResults::explain).toArray(ReportSection[]::new));
  }
}
