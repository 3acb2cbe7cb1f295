package dev.kordon.cli;

import dev.kordon.netpol.Coverage;
import dev.kordon.netpol.Endpoint;
import dev.kordon.netpol.Flow;
import dev.kordon.netpol.FlowReport;
import dev.kordon.netpol.Matrix;
import dev.kordon.netpol.PodGroup;
import dev.kordon.netpol.Policy;
import dev.kordon.netpol.PolicySuggester;
import dev.kordon.netpol.PortProtocol;
import dev.kordon.netpol.Protocol;
import dev.kordon.netpol.Reachability;
import dev.kordon.netpol.Side;
import dev.kordon.netpol.Verdict;
import dev.kordon.report.JsonOutput;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kordon netpol matrix|explain|coverage|flows|suggest}: the NetworkPolicy analyzer. */
final class NetpolCommand {

  private NetpolCommand() {}

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new Group());
    cl.addSubcommand("matrix", new MatrixCommand(io));
    cl.addSubcommand("explain", new ExplainCommand(io));
    cl.addSubcommand("coverage", new CoverageCommand(io));
    cl.addSubcommand("flows", new FlowsCommand(io));
    cl.addSubcommand("suggest", new SuggestCommand(io));
    return cl;
  }

  static final String INPUTS =
      "Pods are live Pod objects (with status.podIP), or one group per workload"
          + " template when the inputs hold no live pods.";

  @Command(
      name = "netpol",
      mixinStandardHelpOptions = true,
      description = {
        "Analyze NetworkPolicies: who can reach whom, what is unprotected, what observed"
            + " traffic says.",
        INPUTS
      },
      footer = {
        "",
        "Exit codes: 0 done, 1 the answer is \"no\" (explain: denied; flows: observed flows"
            + " would be denied; coverage --fail-on-gaps: gaps found), 2 bad usage or"
            + " unreadable input.",
        "",
        "Examples:",
        "  kordon netpol matrix k8s/ --ports 80,443",
        "  kordon netpol explain shop/web shop/db --port 5432 k8s/",
        "  kordon netpol coverage k8s/",
        "  kordon netpol flows observed.jsonl k8s/",
        "  kordon netpol suggest observed.jsonl k8s/ > policies.yaml"
      })
  static final class Group implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new ParameterException(
          spec.commandLine(), "missing subcommand: matrix, explain, coverage, flows or suggest");
    }
  }

  static void requireInputs(CommandSpec spec, InputOptions inputs) {
    if (inputs.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "nothing to read: give a file, a directory, or - for stdin");
    }
  }

  static int done(NetpolInputs in, boolean no) {
    if (in.failed()) {
      return ExitCode.ERROR;
    }
    return no ? ExitCode.FINDINGS : ExitCode.OK;
  }

  static Writer writer(Io io) {
    return new OutputStreamWriter(io.out(), StandardCharsets.UTF_8);
  }

  @Command(
      name = "matrix",
      mixinStandardHelpOptions = true,
      customSynopsis =
          "kordon netpol matrix [-hV] [--ports=PORT[,PORT...]] [--protocols=PROTO[,PROTO...]]"
              + " [-f=FORMAT] PATH...",
      description = {
        "The reachability matrix: every ordered pair of pods (a pod with itself included), for"
            + " each port and protocol asked.",
        INPUTS,
        "Table: '.' allowed, 'X' denied. A live pod always reaches itself; a workload group's"
            + " cell with itself is traffic between its replicas."
      },
      footer = {
        "",
        "Exit codes: 0 done, 2 bad usage or unreadable input.",
        "",
        "Examples:",
        "  kordon netpol matrix k8s/",
        "  kordon netpol matrix k8s/ --ports 53 --protocols UDP,TCP --format json",
        "  kordon netpol matrix live-dump/ --ports 443 --summary",
        "  kordon netpol matrix k8s/ --format dot | dot -Tsvg > reach.svg"
      })
  static final class MatrixCommand implements Callable<Integer> {
    private final Io io;

    @Spec CommandSpec spec;

    @Mixin InputOptions inputs = new InputOptions();

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
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        description = "table, json or dot (default: table).")
    String format = "table";

    @Option(
        names = "--summary",
        description =
            "Only the number of allowed pairs per port (JSON: no entries); for large clusters.")
    boolean summary;

    MatrixCommand(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws IOException {
      requireInputs(spec, inputs);
      List<PortProtocol> asked = new ArrayList<>();
      for (String p : protocols) {
        Protocol proto = protocol(spec, p);
        for (int port : ports) {
          if (port < 1 || port > 65535) {
            throw new ParameterException(
                spec.commandLine(), "--ports: out of range 1-65535: " + port);
          }
          asked.add(new PortProtocol(port, proto));
        }
      }
      if (!List.of("table", "json", "dot").contains(format)) {
        throw new ParameterException(spec.commandLine(), "--format: table, json or dot");
      }
      NetpolInputs in = new NetpolInputs(io);
      Reachability reach = in.read(inputs);
      Matrix m = reach.matrix(asked);
      Writer w = writer(io);
      if (summary && !format.equals("json")) {
        for (int k = 0; k < m.ports().size(); k++) {
          w.write(
              m.ports().get(k)
                  + ": "
                  + m.allowedCount(k)
                  + " of "
                  + m.pairCount()
                  + " pairs allowed ("
                  + m.pods().size()
                  + " pods in "
                  + m.classCount()
                  + " classes)\n");
        }
        w.flush();
        return done(in, false);
      }
      switch (format) {
        case "json":
          json(m, w, !summary);
          break;
        case "dot":
          dot(m, w);
          break;
        default:
          table(m, w);
      }
      w.flush();
      return done(in, false);
    }

    private static void table(Matrix m, Writer w) throws IOException {
      List<PodGroup> pods = m.pods();
      int width = "from\\to".length();
      for (PodGroup p : pods) {
        width = Math.max(width, p.id().length());
      }
      for (int k = 0; k < m.ports().size(); k++) {
        w.write(
            m.ports().get(k)
                + ": "
                + m.allowedCount(k)
                + " of "
                + m.pairCount()
                + " pairs allowed\n");
        StringBuilder head = new StringBuilder(pad("from\\to", width));
        for (int j = 0; j < pods.size(); j++) {
          head.append(' ').append(j);
        }
        w.write(head.toString().stripTrailing() + "\n");
        for (int i = 0; i < pods.size(); i++) {
          StringBuilder row = new StringBuilder(pad(pods.get(i).id(), width));
          for (int j = 0; j < pods.size(); j++) {
            String mark = m.allowed(i, j, k) ? "." : "X";
            row.append(' ').append(pad(mark, Integer.toString(j).length()));
          }
          w.write(row.toString().stripTrailing() + "  " + i + "\n");
        }
        w.write("\n");
      }
    }

    private static String pad(String s, int width) {
      return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static void json(Matrix m, Writer w, boolean entries) {
      // the generator closes its target when done; standard output must stay open
      Writer keepOpen =
          new java.io.FilterWriter(w) {
            @Override
            public void close() throws IOException {
              flush();
            }
          };
      try (JsonGenerator g = JsonOutput.mapper().createGenerator(keepOpen)) {
        g.writeStartObject();
        g.writeName("summary");
        g.writeStartObject();
        g.writeNumberProperty("pods", m.pods().size());
        g.writeNumberProperty("classes", m.classCount());
        g.writeArrayPropertyStart("ports");
        for (int k = 0; k < m.ports().size(); k++) {
          g.writeStartObject();
          g.writeNumberProperty("port", m.ports().get(k).port());
          g.writeStringProperty("protocol", m.ports().get(k).protocol().name());
          g.writeNumberProperty("pairs", m.pairCount());
          g.writeNumberProperty("allowed", m.allowedCount(k));
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayPropertyStart("entries");
        for (int k = 0; entries && k < m.ports().size(); k++) {
          PortProtocol pp = m.ports().get(k);
          for (int i = 0; i < m.pods().size(); i++) {
            for (int j = 0; j < m.pods().size(); j++) {
              g.writeStartObject();
              g.writeStringProperty("from", m.pods().get(i).id());
              g.writeStringProperty("to", m.pods().get(j).id());
              g.writeNumberProperty("port", pp.port());
              g.writeStringProperty("protocol", pp.protocol().name());
              g.writeBooleanProperty("allowed", m.allowed(i, j, k));
              g.writeEndObject();
            }
          }
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    }

    private static void dot(Matrix m, Writer w) throws IOException {
      w.write("digraph reachability {\n  rankdir=LR;\n  node [shape=box];\n");
      for (PodGroup p : m.pods()) {
        w.write("  " + quote(p.id()) + ";\n");
      }
      for (int i = 0; i < m.pods().size(); i++) {
        for (int j = 0; j < m.pods().size(); j++) {
          if (i == j && !m.pods().get(i).template()) {
            continue;
          }
          List<String> labels = new ArrayList<>();
          for (int k = 0; k < m.ports().size(); k++) {
            if (m.allowed(i, j, k)) {
              labels.add(m.ports().get(k).toString());
            }
          }
          if (!labels.isEmpty()) {
            w.write(
                "  "
                    + quote(m.pods().get(i).id())
                    + " -> "
                    + quote(m.pods().get(j).id())
                    + " [label="
                    + quote(String.join(",", labels))
                    + "];\n");
          }
        }
      }
      w.write("}\n");
    }

    private static String quote(String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }

  static Protocol protocol(CommandSpec spec, String word) {
    return Protocol.parseLenient(word)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(), "unknown protocol " + word + " (TCP, UDP, SCTP)"));
  }

  @Command(
      name = "explain",
      mixinStandardHelpOptions = true,
      customSynopsis =
          "kordon netpol explain [-hV] --port=PORT [--protocol=PROTO] [-f=FORMAT] FROM TO PATH...",
      description = {
        "Whether FROM may open a connection to TO on a port, and the policies and rules of each"
            + " side that decided it: the egress of the source and the ingress of the destination.",
        "FROM and TO are ns/pod (or ns/workload), an IP address, or ip:ADDRESS.",
        INPUTS
      },
      footer = {
        "",
        "Exit codes: 0 allowed, 1 denied, 2 bad usage or unreadable input.",
        "",
        "Examples:",
        "  kordon netpol explain shop/web shop/db --port 5432 k8s/",
        "  kordon netpol explain shop/web 169.254.169.254 --port 80 k8s/ --format json",
        "  kordon netpol explain shop/client shop/web --port http k8s/"
      })
  static final class ExplainCommand implements Callable<Integer> {
    private final Io io;

    @Spec CommandSpec spec;

    @Mixin InputOptions inputs = new InputOptions();

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

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        description = "text or json (default: text).")
    String format = "text";

    ExplainCommand(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws IOException {
      if (inputs.paths.size() < 2) {
        throw new ParameterException(spec.commandLine(), "give FROM and TO, then the inputs");
      }
      String from = inputs.paths.remove(0);
      String to = inputs.paths.remove(0);
      requireInputs(spec, inputs);
      Protocol proto = protocol(spec, protocol);
      if (!List.of("text", "json").contains(format)) {
        throw new ParameterException(spec.commandLine(), "--format: text or json");
      }
      NetpolInputs in = new NetpolInputs(io);
      Reachability reach = in.read(inputs);
      Endpoint source = endpoint(reach, from);
      Endpoint destination = endpoint(reach, to);
      int number = port(destination, proto);
      Verdict v = reach.check(source, destination, number, proto);
      if (format.equals("json")) {
        JsonOutput.write(json(v), writer(io));
      } else {
        for (String line : v.describe()) {
          io.out().println(line);
        }
      }
      return done(in, !v.allowed());
    }

    private Endpoint endpoint(Reachability reach, String text) {
      return reach
          .model()
          .resolve(text)
          .orElseThrow(
              () ->
                  new ParameterException(
                      spec.commandLine(),
                      text + ": no such pod or workload in the inputs, and no IP address"));
    }

    private int port(Endpoint destination, Protocol proto) {
      if (port.chars().allMatch(Character::isDigit) && !port.isEmpty() && port.length() <= 5) {
        int n = Integer.parseInt(port);
        if (n >= 1 && n <= 65535) {
          return n;
        }
        throw new ParameterException(spec.commandLine(), "--port: out of range 1-65535");
      }
      if (destination instanceof PodGroup) {
        return ((PodGroup) destination)
            .namedPort(port, proto)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "--port: "
                            + destination.id()
                            + " has no "
                            + proto
                            + " container port named "
                            + port))
            .port();
      }
      throw new ParameterException(spec.commandLine(), "--port: a named port needs a pod as TO");
    }

    static ObjectNode json(Verdict v) {
      ObjectNode o = JsonOutput.object();
      o.put("from", v.from().id());
      o.put("to", v.to().id());
      o.put("port", v.port());
      o.put("protocol", v.protocol().name());
      o.put("allowed", v.allowed());
      o.put("loopback", v.loopback());
      o.set("egress", side(v.egress()));
      o.set("ingress", side(v.ingress()));
      return o;
    }

    private static ObjectNode side(Side s) {
      ObjectNode o = JsonOutput.object();
      o.put("endpoint", s.subject().id());
      o.put("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
      o.put("allowed", s.allowed());
      ArrayNode policies = o.putArray("policies");
      for (Policy p : s.policies()) {
        ObjectNode po = policies.addObject();
        po.put("namespace", p.namespace());
        po.put("name", p.name());
        ArrayNode rules = po.putArray("allowingRules");
        for (Side.RuleMatch m : s.allowing()) {
          if (m.policy() == p) {
            rules.add(m.rule().label());
          }
        }
      }
      return o;
    }
  }

  @Command(
      name = "coverage",
      mixinStandardHelpOptions = true,
      customSynopsis = "kordon netpol coverage [-hV] [--fail-on-gaps] [-f=FORMAT] PATH...",
      description = {
        "What the policies leave open: pods selected by no ingress or no egress policy,"
            + " namespaces without a default deny, policies that select no pod, rules that allow"
            + " every source, and pods that can reach the cloud metadata address "
            + Coverage.METADATA_ADDRESS
            + " (TCP/80).",
        INPUTS
      },
      footer = {
        "",
        "Exit codes: 0 done, 1 gaps found with --fail-on-gaps, 2 bad usage or unreadable input.",
        "",
        "Examples:",
        "  kordon netpol coverage k8s/",
        "  kordon netpol coverage k8s/ --format json --fail-on-gaps"
      })
  static final class CoverageCommand implements Callable<Integer> {
    private final Io io;

    @Spec CommandSpec spec;

    @Mixin InputOptions inputs = new InputOptions();

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        description = "table or json (default: table).")
    String format = "table";

    @Option(names = "--fail-on-gaps", description = "Exit with 1 when anything is left open.")
    boolean failOnGaps;

    CoverageCommand(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws IOException {
      requireInputs(spec, inputs);
      if (!List.of("table", "json").contains(format)) {
        throw new ParameterException(spec.commandLine(), "--format: table or json");
      }
      NetpolInputs in = new NetpolInputs(io);
      Coverage c = Coverage.of(in.read(inputs));
      if (format.equals("json")) {
        JsonOutput.write(json(c), writer(io));
      } else {
        table(c, io.out());
      }
      boolean gaps =
          !c.noIngressPolicy().isEmpty()
              || !c.noEgressPolicy().isEmpty()
              || c.namespaces().stream().anyMatch(n -> !n.denyIngress() || !n.denyEgress())
              || !c.selectingNoPod().isEmpty()
              || !c.openRules().isEmpty()
              || !c.metadataReachable().isEmpty();
      return done(in, failOnGaps && gaps);
    }

    private static void table(Coverage c, PrintStream out) {
      section(out, "Pods selected by no ingress policy", ids(c.noIngressPolicy()));
      section(out, "Pods selected by no egress policy", ids(c.noEgressPolicy()));
      List<String> ns = new ArrayList<>();
      for (Coverage.NamespaceDefaults n : c.namespaces()) {
        if (!n.denyIngress() || !n.denyEgress()) {
          ns.add(
              n.namespace()
                  + ": "
                  + (n.anyPolicy() ? "" : "no NetworkPolicy; ")
                  + "no default deny for "
                  + (!n.denyIngress() && !n.denyEgress()
                      ? "ingress or egress"
                      : !n.denyIngress() ? "ingress" : "egress"));
        }
      }
      section(out, "Namespaces without a default deny", ns);
      List<String> unused = new ArrayList<>();
      for (Policy p : c.selectingNoPod()) {
        unused.add(p.id() + " (podSelector " + p.podSelector() + ")");
      }
      section(out, "Policies that select no pod", unused);
      List<String> open = new ArrayList<>();
      for (Coverage.OpenRule r : c.openRules()) {
        open.add(r.policy().id() + " " + r.rule().label() + ": " + r.reason());
      }
      section(out, "Rules that allow every source", open);
      section(
          out,
          "Pods that can reach " + Coverage.METADATA_ADDRESS + " (TCP/80)",
          ids(c.metadataReachable()));
    }

    private static List<String> ids(List<PodGroup> pods) {
      List<String> out = new ArrayList<>();
      for (PodGroup p : pods) {
        out.add(p.id() + (p.template() ? " (" + p.object().kind() + ")" : ""));
      }
      return out;
    }

    private static void section(PrintStream out, String title, List<String> lines) {
      out.println(title + ": " + (lines.isEmpty() ? "none" : lines.size()));
      for (String l : lines) {
        out.println("  " + l);
      }
    }

    private static ObjectNode json(Coverage c) {
      ObjectNode o = JsonOutput.object();
      o.set("noIngressPolicy", idArray(c.noIngressPolicy()));
      o.set("noEgressPolicy", idArray(c.noEgressPolicy()));
      ArrayNode ns = o.putArray("namespaces");
      for (Coverage.NamespaceDefaults n : c.namespaces()) {
        ns.addObject()
            .put("namespace", n.namespace())
            .put("anyPolicy", n.anyPolicy())
            .put("defaultDenyIngress", n.denyIngress())
            .put("defaultDenyEgress", n.denyEgress());
      }
      ArrayNode unused = o.putArray("policiesSelectingNoPod");
      for (Policy p : c.selectingNoPod()) {
        unused.add(p.id());
      }
      ArrayNode open = o.putArray("rulesAllowingAllSources");
      for (Coverage.OpenRule r : c.openRules()) {
        open.addObject()
            .put("policy", r.policy().id())
            .put("rule", r.rule().label())
            .put("path", r.pointer().toString())
            .put("reason", r.reason());
      }
      o.set("metadataReachable", idArray(c.metadataReachable()));
      return o;
    }

    private static ArrayNode idArray(List<PodGroup> pods) {
      ArrayNode a = JsonOutput.NODES.arrayNode();
      pods.forEach(p -> a.add(p.id()));
      return a;
    }
  }

  @Command(
      name = "flows",
      mixinStandardHelpOptions = true,
      customSynopsis = "kordon netpol flows [-hV] [-f=FORMAT] FLOWS [PATH...]",
      description = {
        "Observed connections against the policies: flows the policies would deny, and rules no"
            + " observed flow used (candidates for removal).",
        "FLOWS (a file, or - for stdin) holds JSON lines {\"src\":..., \"dst\":..., \"port\":...,"
            + " \"protocol\":...} or CSV src,dst,port,protocol (a header may name the columns);"
            + " src and dst are ns/pod or an IP address.",
        INPUTS
      },
      footer = {
        "",
        "Exit codes: 0 every observed flow is allowed, 1 some would be denied, 2 bad usage or"
            + " unreadable input.",
        "",
        "Examples:",
        "  kordon netpol flows observed.jsonl k8s/",
        "  kordon netpol flows - k8s/ --format json < observed.csv"
      })
  static final class FlowsCommand implements Callable<Integer> {
    private final Io io;

    @Spec CommandSpec spec;

    @Mixin InputOptions inputs = new InputOptions();

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        description = "table or json (default: table).")
    String format = "table";

    FlowsCommand(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws IOException {
      String file = flowsFile(spec, inputs);
      if (!List.of("table", "json").contains(format)) {
        throw new ParameterException(spec.commandLine(), "--format: table or json");
      }
      NetpolInputs in = new NetpolInputs(io);
      List<Flow> flows = in.flows(file);
      FlowReport report = FlowReport.of(in.read(inputs), flows);
      if (format.equals("json")) {
        JsonOutput.write(json(report), writer(io));
      } else {
        PrintStream out = io.out();
        out.println(
            report.flows() + " distinct flows, " + report.denied().size() + " would be denied");
        for (Verdict v : report.denied()) {
          out.println(
              "DENIED "
                  + v.from().id()
                  + " -> "
                  + v.to().id()
                  + " "
                  + v.port()
                  + "/"
                  + v.protocol());
          for (String line : v.describe().subList(1, v.describe().size())) {
            out.println("  " + line);
          }
        }
        for (FlowReport.Unresolved u : report.unresolved()) {
          out.println(
              "UNKNOWN "
                  + u.endpoint()
                  + " (line "
                  + u.flow().line()
                  + "): no pod of the inputs and no IP address");
        }
        out.println(
            "Rules no observed flow used: "
                + (report.unusedRules().isEmpty() ? "none" : report.unusedRules().size()));
        for (Side.RuleMatch m : report.unusedRules()) {
          out.println("  " + m);
        }
      }
      return done(in, !report.denied().isEmpty());
    }

    private static ObjectNode json(FlowReport r) {
      ObjectNode o = JsonOutput.object();
      o.put("flows", r.flows());
      ArrayNode denied = o.putArray("denied");
      for (Verdict v : r.denied()) {
        denied.add(ExplainCommand.json(v));
      }
      ArrayNode unknown = o.putArray("unresolved");
      for (FlowReport.Unresolved u : r.unresolved()) {
        unknown.addObject().put("endpoint", u.endpoint()).put("line", u.flow().line());
      }
      ArrayNode unused = o.putArray("unusedRules");
      for (Side.RuleMatch m : r.unusedRules()) {
        unused
            .addObject()
            .put("policy", m.policy().id())
            .put("rule", m.rule().label())
            .put("path", m.rule().pointer().toString());
      }
      return o;
    }
  }

  /** The first positional is the flow file; the rest are the inputs. */
  static String flowsFile(CommandSpec spec, InputOptions inputs) {
    if (inputs.paths.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "missing FLOWS: a flow file, or - for stdin");
    }
    String file = inputs.paths.remove(0);
    requireInputs(spec, inputs);
    if (file.equals("-") && inputs.paths.contains("-")) {
      throw new ParameterException(spec.commandLine(), "stdin can be read only once");
    }
    return file;
  }

  @Command(
      name = "suggest",
      mixinStandardHelpOptions = true,
      customSynopsis = "kordon netpol suggest [-hV] FLOWS [PATH...]",
      description = {
        "Least-privilege NetworkPolicies (YAML) that allow exactly the observed flows: a default"
            + " deny per namespace with pods, and one policy per workload selecting it by its"
            + " labels. Nothing else is allowed, DNS included unless it was observed.",
        "FLOWS is read as by 'kordon netpol flows'. Notes on what could not be expressed go to"
            + " standard error.",
        INPUTS
      },
      footer = {
        "",
        "Exit codes: 0 done, 2 bad usage or unreadable input.",
        "",
        "Examples:",
        "  kordon netpol suggest observed.jsonl k8s/ > netpol.yaml",
        "  kordon netpol suggest observed.csv k8s/ | kubectl apply --dry-run=server -f -"
      })
  static final class SuggestCommand implements Callable<Integer> {
    private final Io io;

    @Spec CommandSpec spec;

    @Mixin InputOptions inputs = new InputOptions();

    SuggestCommand(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws IOException {
      String file = flowsFile(spec, inputs);
      NetpolInputs in = new NetpolInputs(io);
      List<Flow> flows = in.flows(file);
      Reachability reach = in.read(inputs);
      PolicySuggester.Suggestion s = new PolicySuggester().suggest(reach.model(), flows);
      for (String note : s.notes()) {
        io.err().println("kordon: note: " + note);
      }
      Writer w = writer(io);
      w.write(s.toYaml());
      w.flush();
      return done(in, false);
    }
  }
}
