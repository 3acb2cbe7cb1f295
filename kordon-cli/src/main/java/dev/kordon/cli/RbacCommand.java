package dev.kordon.cli;

import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.rbac.Access;
import dev.kordon.rbac.Binding;
import dev.kordon.rbac.EscalationPaths;
import dev.kordon.rbac.Grant;
import dev.kordon.rbac.PathNode;
import dev.kordon.rbac.Permissions;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.Request;
import dev.kordon.rbac.RiskCatalog;
import dev.kordon.rbac.Role;
import dev.kordon.rbac.Step;
import dev.kordon.rbac.Subject;
import dev.kordon.report.JsonOutput;
import dev.kordon.report.table.Columns;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kordon rbac who-can|can|risks|paths}: the RBAC analyzer from the command line. */
final class RbacCommand {

  private RbacCommand() {}

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new Group());
    cl.addSubcommand("who-can", new WhoCanCommand(io));
    cl.addSubcommand("can", new CanCommand(io));
    cl.addSubcommand("risks", new RisksCommand(io));
    cl.addSubcommand("paths", new PathsCommand(io));
    return cl;
  }

  @Command(
      name = "rbac",
      mixinStandardHelpOptions = true,
      description = "Who can do what, risky permissions and escalation paths, offline.",
      footer = {
        "",
        "Examples:",
        "  kordon rbac who-can create pods/exec -n prod cluster/",
        "  kordon rbac can serviceaccount:dev:ci cluster/",
        "  kordon rbac risks cluster/ --severity high",
        "  kordon rbac paths cluster/ --from user:alice --format dot"
      })
  static final class Group implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new ParameterException(
          spec.commandLine(), "missing subcommand: who-can, can, risks or paths");
    }
  }

  /** What every subcommand shares: inputs, format, and reading them into a snapshot. */
  abstract static class Base implements Callable<Integer> {
    final Io io;

    @Spec CommandSpec spec;

    @Mixin InputOptions inputs = new InputOptions();

    List<ScanError> errors = List.of();

    Base(Io io) {
      this.io = io;
    }

    abstract String format();

    abstract List<String> formats();

    Snapshot load() {
      if (!formats().contains(format().toLowerCase(Locale.ROOT))) {
        throw new ParameterException(
            spec.commandLine(),
            "--format: unknown '" + format() + "' (expected " + String.join(", ", formats()) + ")");
      }
      if (inputs.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "nothing to read: give a file, a directory, or - for stdin");
      }
      ReadResult read = inputs.read(io);
      List<ScanError> errs = new ArrayList<>();
      for (ScanError e : read.problems()) {
        if (e.isError()) {
          io.err().println("kordon: " + e);
          errs.add(e);
        }
      }
      errors = errs;
      return Snapshot.of(read.objects());
    }

    /**
     * The command's own leading words (VERB RESOURCE, SUBJECT), taken off the positional arguments,
     * which the input mixin collects as paths.
     */
    List<String> takeLeading(int count, String what) {
      if (inputs.paths.size() < count) {
        throw new ParameterException(spec.commandLine(), "missing " + what);
      }
      List<String> words = new ArrayList<>(inputs.paths.subList(0, count));
      inputs.paths = new ArrayList<>(inputs.paths.subList(count, inputs.paths.size()));
      return words;
    }

    boolean asJson() {
      return format().equalsIgnoreCase("json");
    }

    /** 2 when an input could not be read, else the command's own code. */
    int exit(int code) {
      return errors.isEmpty() ? code : ExitCode.ERROR;
    }

    /**
     * Writes text for a terminal. Names come from hostile input: control and formatting characters
     * (ANSI escapes, bidi overrides) are shown as U+FFFD rather than interpreted.
     */
    void print(String text) throws IOException {
      StringBuilder safe = new StringBuilder(text.length());
      text.codePoints()
          .forEach(
              c ->
                  safe.appendCodePoint(
                      c != '\n'
                              && (Character.isISOControl(c)
                                  || Character.getType(c) == Character.FORMAT)
                          ? 0xFFFD
                          : c));
      Writer w = new OutputStreamWriter(io.out(), StandardCharsets.UTF_8);
      w.write(safe.toString());
      w.flush();
    }

    void printJson(tools.jackson.databind.JsonNode tree) throws IOException {
      Writer w = new OutputStreamWriter(io.out(), StandardCharsets.UTF_8);
      JsonOutput.write(tree, w);
    }

    Subject subject(String text) {
      try {
        return Subject.parse(text);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
  }

  /**
   * One value from the input, made safe for a line of text: names may legally contain line breaks
   * and control characters, which could forge rows or drive the terminal.
   */
  static String clean(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    value
        .codePoints()
        .forEach(
            c ->
                sb.appendCodePoint(
                    Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                        ? 0xFFFD
                        : c));
    return sb.toString();
  }

  /** A table whose cells are cleaned first. */
  static String table(List<List<String>> rows) {
    List<List<String>> safe = new ArrayList<>();
    for (List<String> row : rows) {
      safe.add(row.stream().map(RbacCommand::clean).toList());
    }
    return Columns.render(safe, "");
  }

  static ObjectNode json(Subject s) {
    ObjectNode n = JsonOutput.object();
    n.put("kind", s.kind().word());
    n.put("name", s.name());
    n.put("namespace", s.namespace());
    return n;
  }

  static ObjectNode json(Binding b) {
    ObjectNode n = JsonOutput.object();
    n.put("kind", b.kind());
    n.put("name", b.name());
    n.put("namespace", b.namespace());
    return n;
  }

  static ObjectNode json(Role r) {
    ObjectNode n = JsonOutput.object();
    n.put("kind", r.kind());
    n.put("name", r.name());
    if (!r.isClusterRole()) {
      n.put("namespace", r.namespace());
    }
    return n;
  }

  static ObjectNode json(Access a) {
    Grant g = a.grant();
    ObjectNode n = JsonOutput.object();
    n.set("subject", json(g.subject()));
    n.set("binding", json(g.binding()));
    n.set("role", json(g.role()));
    n.put("scope", g.scope());
    n.put("rule", a.rule().describe());
    if (!a.rule().declaredIn().name().equals(g.role().name())) {
      n.put("aggregatedFrom", a.rule().declaredIn().name());
    }
    return n;
  }

  static String namespaceOf(Subject s) {
    return s.namespace().isEmpty() ? "-" : s.namespace();
  }

  @Command(
      name = "who-can",
      mixinStandardHelpOptions = true,
      customSynopsis = "kordon rbac who-can [OPTIONS] VERB RESOURCE[/SUBRESOURCE]|/URL [PATH|-]...",
      description = {
        "Every subject that may make a request, with the binding and role that allow it.",
        "Without -n, a namespaced resource is asked in every namespace (RoleBindings included);",
        "a cluster-scoped resource ignores -n. RESOURCE may be a URL path (/metrics)."
      },
      footer = {
        "",
        "Members of group system:masters may do anything; they are listed first as implicit.",
        "Exit codes: 0 answered, 2 bad usage or unreadable input.",
        "",
        "Examples:",
        "  kordon rbac who-can create pods/exec -n prod cluster/",
        "  kordon rbac who-can get secrets --name db-password -n prod cluster/ --format json",
        "  kordon rbac who-can update deployments/scale --api-group apps cluster/",
        "  kordon rbac who-can get /metrics cluster/"
      })
  static final class WhoCanCommand extends Base {

    String verb;

    String resource;

    @Option(
        names = {"-n", "--namespace"},
        paramLabel = "NS",
        description = "The request's namespace.")
    String namespace = "";

    @Option(names = "--name", paramLabel = "NAME", description = "The object's name.")
    String name = "";

    @Option(
        names = "--api-group",
        paramLabel = "GROUP",
        description = "API group (default: guessed from well-known resources and CRDs; '' core).")
    String apiGroup;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        description = "table or json (default: table).")
    String format = "table";

    WhoCanCommand(Io io) {
      super(io);
    }

    @Override
    String format() {
      return format;
    }

    @Override
    List<String> formats() {
      return List.of("table", "json");
    }

    @Override
    public Integer call() throws IOException {
      List<String> words = takeLeading(2, "VERB and RESOURCE");
      verb = words.get(0);
      resource = words.get(1);
      Snapshot snapshot = load();
      RbacGraph graph = RbacGraph.of(snapshot);
      Request request = request(graph);
      List<Access> found;
      String asked;
      if (request instanceof Request.Resource r) {
        found = namespace.isEmpty() ? graph.whoCanAnywhere(r) : graph.whoCan(r);
        asked = r.describe();
        if (namespace.isEmpty()
            && r.namespace().isEmpty()
            && !graph.isClusterScoped(r.apiGroup(), r.resource())) {
          asked = asked.replace(" cluster-wide", " in any namespace");
        }
        if (!namespace.isEmpty() && r.namespace().isEmpty()) {
          io.err().println("kordon: " + r.resource() + " is cluster-scoped; -n is ignored");
        }
      } else {
        found = graph.whoCan(request);
        asked = request.verb() + " " + ((Request.NonResource) request).path();
      }
      if (asJson()) {
        ArrayNode list = JsonOutput.NODES.arrayNode();
        ObjectNode masters = JsonOutput.object();
        masters.set("subject", json(Subject.group(Subject.MASTERS)));
        masters.putNull("binding");
        masters.putNull("role");
        masters.put("scope", "cluster");
        masters.put("implicit", true);
        list.add(masters);
        for (Access a : found) {
          list.add(json(a));
        }
        printJson(list);
      } else {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("KIND", "NAME", "NAMESPACE", "BINDING", "ROLE", "SCOPE"));
        rows.add(
            List.of("Group", Subject.MASTERS, "-", "(implicit: bypasses RBAC)", "-", "cluster"));
        for (Access a : found) {
          Grant g = a.grant();
          rows.add(
              List.of(
                  g.subject().kind().word(),
                  g.subject().name(),
                  namespaceOf(g.subject()),
                  g.binding().display(),
                  g.role().display(),
                  g.clusterWide() ? "cluster" : g.binding().namespace()));
        }
        StringBuilder sb = new StringBuilder("Who can ").append(clean(asked)).append(":\n");
        sb.append(table(rows));
        sb.append(found.size()).append(" grants.\n");
        print(sb.toString());
      }
      return exit(ExitCode.OK);
    }

    private Request request(RbacGraph graph) {
      if (resource.startsWith("/")) {
        return new Request.NonResource(verb, resource);
      }
      String res = resource;
      String group = apiGroup;
      int slash = res.indexOf('/');
      String base = slash < 0 ? res : res.substring(0, slash);
      String sub = slash < 0 ? "" : res.substring(slash);
      int dot = base.indexOf('.');
      if (dot > 0 && group == null) {
        group = base.substring(dot + 1);
        base = base.substring(0, dot);
      }
      if (group == null) {
        group = graph.defaultGroup(base);
      }
      Request.Resource r = Request.resource(verb, group, base + sub, namespace);
      if (!name.isEmpty()) {
        r = r.named(name);
      }
      return graph.normalize(r);
    }
  }

  @Command(
      name = "can",
      mixinStandardHelpOptions = true,
      customSynopsis = "kordon rbac can [OPTIONS] SUBJECT [PATH|-]...",
      description = {
        "What a subject may do, merged per scope and resource (kubectl auth can-i --list, offline",
        "and for anyone), with the risky permissions among them."
      },
      footer = {
        "",
        "SUBJECT is user:NAME, group:NAME or serviceaccount:NAMESPACE:NAME. Permissions that come",
        "through implicit groups (system:authenticated, system:serviceaccounts[:ns]) are included.",
        "Exit codes: 0 answered, 2 bad usage or unreadable input.",
        "",
        "Examples:",
        "  kordon rbac can serviceaccount:dev:ci cluster/",
        "  kordon rbac can user:alice -n prod cluster/ --format json"
      })
  static final class CanCommand extends Base {

    String subjectText;

    @Option(
        names = {"-n", "--namespace"},
        paramLabel = "NS",
        description = "Only what holds in this namespace (cluster-wide grants included).")
    String namespace;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        description = "table or json (default: table).")
    String format = "table";

    CanCommand(Io io) {
      super(io);
    }

    @Override
    String format() {
      return format;
    }

    @Override
    List<String> formats() {
      return List.of("table", "json");
    }

    @Override
    public Integer call() throws IOException {
      subjectText = takeLeading(1, "SUBJECT").get(0);
      Subject subject = subject(subjectText);
      Snapshot snapshot = load();
      RbacGraph graph = RbacGraph.of(snapshot);
      List<Permissions.Row> rows = Permissions.of(graph, subject, Optional.ofNullable(namespace));
      List<RiskCatalog.Holding> risks =
          RiskCatalog.builtIn().heldBy(graph, dev.kordon.rbac.Identity.of(subject)).stream()
              .filter(
                  h ->
                      namespace == null
                          || h.namespace().isEmpty()
                          || h.namespace().equals(namespace))
              .toList();
      if (asJson()) {
        ObjectNode out = JsonOutput.object();
        out.set("subject", json(subject));
        ArrayNode perms = out.putArray("permissions");
        for (Permissions.Row r : rows) {
          ObjectNode n = perms.addObject();
          n.put("scope", r.scope());
          n.put("resource", r.resource());
          n.put("nonResourceURL", r.nonResourceUrl());
          ArrayNode names = n.putArray("resourceNames");
          r.resourceNames().forEach(names::add);
          ArrayNode verbs = n.putArray("verbs");
          new java.util.TreeSet<>(r.verbs()).forEach(verbs::add);
          ArrayNode via = n.putArray("via");
          new java.util.TreeSet<>(r.via()).forEach(via::add);
        }
        ArrayNode risky = out.putArray("risks");
        for (RiskCatalog.Holding h : risks) {
          risky.add(riskJson(h));
        }
        printJson(out);
      } else {
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("SCOPE", "RESOURCE", "RESOURCE NAMES", "VERBS"));
        for (Permissions.Row r : rows) {
          table.add(
              List.of(
                  r.scope(),
                  r.resource().isEmpty() ? r.nonResourceUrl() : r.resource(),
                  r.resourceNames().isEmpty() ? "" : String.join(",", r.resourceNames()),
                  String.join(",", new java.util.TreeSet<>(r.verbs()))));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(clean(subject.display())).append(" may:\n").append(table(table));
        if (rows.isEmpty()) {
          sb.append("(nothing)\n");
        }
        if (!risks.isEmpty()) {
          sb.append("\nRisky permissions:\n");
          for (RiskCatalog.Holding h : risks) {
            sb.append("  ")
                .append(h.risk().severity().word())
                .append("  ")
                .append(h.risk().title())
                .append(h.namespace().isEmpty() ? "" : " (" + clean(h.namespace()) + ")")
                .append(": ")
                .append(clean(h.permission().describe()))
                .append(" via ")
                .append(clean(h.access().grant().via()))
                .append('\n');
          }
        }
        print(sb.toString());
      }
      return exit(ExitCode.OK);
    }
  }

  static ObjectNode riskJson(RiskCatalog.Holding h) {
    ObjectNode n = json(h.access());
    ObjectNode risk = JsonOutput.object();
    risk.put("id", h.risk().id());
    risk.put("severity", h.risk().severity().word());
    risk.put("title", h.risk().title());
    risk.put("explanation", h.risk().explanation());
    n.set("risk", risk);
    n.put("namespace", h.namespace());
    n.put("permission", h.permission().describe());
    return n;
  }

  @Command(
      name = "risks",
      mixinStandardHelpOptions = true,
      description = "Every subject holding a risky permission, from Kordon's risk catalog.",
      footer = {
        "",
        "Built-in identities (system:* users and groups, service accounts of kube-system) are",
        "hidden unless --system is given; audience groups such as system:authenticated never are.",
        "Exit codes: 0 no risky permission held, 1 at least one shown, 2 bad usage or unreadable",
        "input.",
        "",
        "Examples:",
        "  kordon rbac risks cluster/",
        "  kordon rbac risks cluster/ --severity critical --format json"
      })
  static final class RisksCommand extends Base {

    @Option(
        names = "--severity",
        paramLabel = "SEVERITY",
        description = "Only risks at or above: low, medium, high, critical.")
    String severity = "low";

    @Option(names = "--system", description = "Also show built-in identities.")
    boolean system;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        description = "table or json (default: table).")
    String format = "table";

    RisksCommand(Io io) {
      super(io);
    }

    @Override
    String format() {
      return format;
    }

    @Override
    List<String> formats() {
      return List.of("table", "json");
    }

    @Override
    public Integer call() throws IOException {
      Severity min;
      try {
        min = Severity.parse(severity);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--severity: " + e.getMessage());
      }
      Snapshot snapshot = load();
      RbacGraph graph = RbacGraph.of(snapshot);
      List<RiskCatalog.Holding> all = RiskCatalog.builtIn().holders(graph);
      List<RiskCatalog.Holding> shown = new ArrayList<>();
      int hidden = 0;
      for (RiskCatalog.Holding h : all) {
        if (!h.risk().severity().atLeast(min)) {
          continue;
        }
        if (!system && h.subject().isSystem()) {
          hidden++;
          continue;
        }
        shown.add(h);
      }
      shown.sort(
          Comparator.comparing((RiskCatalog.Holding h) -> h.risk().severity())
              .reversed()
              .thenComparing(h -> h.risk().id())
              .thenComparing(RiskCatalog.Holding::subject)
              .thenComparing(RiskCatalog.Holding::namespace));
      if (asJson()) {
        ArrayNode list = JsonOutput.NODES.arrayNode();
        shown.forEach(h -> list.add(riskJson(h)));
        printJson(list);
      } else {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("SEVERITY", "RISK", "SUBJECT", "WHERE", "VIA"));
        TreeMap<String, String> legend = new TreeMap<>();
        for (RiskCatalog.Holding h : shown) {
          rows.add(
              List.of(
                  h.risk().severity().word(),
                  h.risk().id(),
                  h.subject().display(),
                  h.namespace().isEmpty() ? "cluster" : h.namespace(),
                  h.access().grant().via()));
          legend.put(h.risk().id(), h.risk().title() + ": " + h.risk().explanation());
        }
        StringBuilder sb = new StringBuilder(table(rows));
        sb.append(shown.size()).append(" risky grants");
        if (hidden > 0) {
          sb.append(" (").append(hidden).append(" more held by built-in identities: --system)");
        }
        sb.append(".\n");
        if (!legend.isEmpty()) {
          sb.append('\n');
          legend.forEach((id, text) -> sb.append(id).append(": ").append(text).append('\n'));
        }
        print(sb.toString());
      }
      return exit(shown.isEmpty() ? ExitCode.OK : ExitCode.FINDINGS);
    }
  }

  @Command(
      name = "paths",
      mixinStandardHelpOptions = true,
      description = {
        "Privilege-escalation chains: how subjects climb to cluster-admin (or to another",
        "subject), step by step with the permission used at each step, shortest first."
      },
      footer = {
        "",
        "Steps: holding * on everything; membership of system:masters; bind + create",
        "clusterrolebindings; escalate + update of a bound ClusterRole; impersonation; CSR",
        "approval; token requests; creating pods or workloads (any service account of the",
        "namespace); minting or reading token Secrets; exec/attach, pod changes or nodes/proxy",
        "into pods that run with a mounted token.",
        "Exit codes: 0 no path, 1 at least one path shown, 2 bad usage or unreadable input.",
        "",
        "Examples:",
        "  kordon rbac paths cluster/",
        "  kordon rbac paths cluster/ --from serviceaccount:dev:ci --format json",
        "  kordon rbac paths cluster/ --format dot | dot -Tsvg > paths.svg"
      })
  static final class PathsCommand extends Base {

    @Option(
        names = "--to",
        paramLabel = "TARGET",
        description = "cluster-admin (default) or a subject such as serviceaccount:kube-system:x.")
    String to = "cluster-admin";

    @Option(
        names = "--from",
        paramLabel = "SUBJECT",
        description = "Only paths from this subject (it need not appear in any binding).")
    String from;

    @Option(
        names = "--max-steps",
        paramLabel = "N",
        description = "Longest chain searched (default: 6).")
    int maxSteps = 6;

    @Option(names = "--system", description = "Also show paths from built-in identities.")
    boolean system;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        description = "table, json or dot (default: table).")
    String format = "table";

    PathsCommand(Io io) {
      super(io);
    }

    @Override
    String format() {
      return format;
    }

    @Override
    List<String> formats() {
      return List.of("table", "json", "dot");
    }

    @Override
    public Integer call() throws IOException {
      if (maxSteps < 1 || maxSteps > 20) {
        throw new ParameterException(spec.commandLine(), "--max-steps: between 1 and 20");
      }
      Optional<Subject> source = Optional.ofNullable(from).map(this::subject);
      PathNode target =
          to.equals("cluster-admin") ? PathNode.CLUSTER_ADMIN : PathNode.of(subject(to));
      Snapshot snapshot = load();
      Set<Subject> extra = new LinkedHashSet<>();
      source.ifPresent(extra::add);
      if (target instanceof PathNode.Holder h) {
        extra.add(h.subject());
      }
      EscalationPaths graph = EscalationPaths.of(snapshot, extra);
      if (graph.truncated()) {
        io.err()
            .println(
                "kordon: the escalation graph reached "
                    + EscalationPaths.MAX_EDGES
                    + " edges and was cut short; some paths may be missing");
      }
      List<Subject> sources = source.map(List::of).orElseGet(() -> List.copyOf(graph.identities()));
      List<EscalationPaths.Path> paths = new ArrayList<>();
      int hidden = 0;
      for (EscalationPaths.Path p : graph.paths(target, sources, maxSteps)) {
        Subject s = ((PathNode.Holder) p.from()).subject();
        if (source.isEmpty() && !system && s.isSystem()) {
          hidden++;
        } else {
          paths.add(p);
        }
      }
      if (format.equalsIgnoreCase("dot")) {
        print(dot(paths));
      } else if (asJson()) {
        ArrayNode list = JsonOutput.NODES.arrayNode();
        for (EscalationPaths.Path p : paths) {
          ObjectNode n = list.addObject();
          n.set("from", node(p.from()));
          n.set("to", node(p.to()));
          n.put("length", p.length());
          ArrayNode steps = n.putArray("steps");
          for (Step s : p.steps()) {
            ObjectNode st = steps.addObject();
            st.set("from", node(s.from()));
            st.set("to", node(s.to()));
            st.put("action", s.action().word());
            st.put("permission", s.permission());
            if (s.access().isPresent()) {
              Access a = s.access().get();
              st.set("binding", json(a.grant().binding()));
              st.set("role", json(a.grant().role()));
              st.put("rule", a.rule().describe());
            } else {
              st.putNull("binding");
              st.putNull("role");
            }
            st.put("explanation", s.explanation());
          }
        }
        printJson(list);
      } else {
        StringBuilder sb = new StringBuilder();
        for (EscalationPaths.Path p : paths) {
          sb.append(clean(p.from().display()))
              .append(" -> ")
              .append(clean(p.to().display()))
              .append(" (")
              .append(p.length())
              .append(p.length() == 1 ? " step)\n" : " steps)\n");
          int i = 1;
          for (Step s : p.steps()) {
            sb.append("  ").append(i++).append(". ").append(clean(s.explanation())).append('\n');
            sb.append("     using ").append(clean(s.permission())).append('\n');
          }
        }
        sb.append(paths.size()).append(paths.size() == 1 ? " path" : " paths");
        if (hidden > 0) {
          sb.append(" (").append(hidden).append(" more from built-in identities: --system)");
        }
        sb.append(" to ").append(clean(target.display())).append(".\n");
        print(sb.toString());
      }
      return exit(paths.isEmpty() ? ExitCode.OK : ExitCode.FINDINGS);
    }

    private static ObjectNode node(PathNode n) {
      if (n instanceof PathNode.Holder h) {
        return json(h.subject());
      }
      ObjectNode o = JsonOutput.object();
      o.put("kind", "ClusterAdmin");
      o.put("name", "cluster-admin");
      o.put("namespace", "");
      return o;
    }

    /** A Graphviz digraph of the union of the paths. */
    static String dot(List<EscalationPaths.Path> paths) {
      Set<String> nodes = new LinkedHashSet<>();
      Set<String> edges = new LinkedHashSet<>();
      for (EscalationPaths.Path p : paths) {
        for (Step s : p.steps()) {
          nodes.add(dotNode(s.from()));
          nodes.add(dotNode(s.to()));
          edges.add(
              "  "
                  + quote(s.from().id())
                  + " -> "
                  + quote(s.to().id())
                  + " [label="
                  + quote(s.action().word())
                  + ", tooltip="
                  + quote(s.permission())
                  + "];");
        }
      }
      StringBuilder sb = new StringBuilder("digraph kordon_rbac_paths {\n");
      sb.append("  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
      nodes.forEach(n -> sb.append(n).append('\n'));
      edges.forEach(e -> sb.append(e).append('\n'));
      return sb.append("}\n").toString();
    }

    private static String dotNode(PathNode n) {
      String style =
          n instanceof PathNode.ClusterAdmin ? ", style=filled, fillcolor=\"#f4cccc\"" : "";
      return "  " + quote(n.id()) + " [label=" + quote(n.display()) + style + "];";
    }

    private static String quote(String s) {
      return "\"" + clean(s.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
    }
  }
}
