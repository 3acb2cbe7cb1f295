package dev.kordon.results;

import dev.kordon.netpol.Coverage;
import dev.kordon.netpol.FlowReport;
import dev.kordon.netpol.Matrix;
import dev.kordon.netpol.PodGroup;
import dev.kordon.netpol.Policy;
import dev.kordon.netpol.PolicySuggester;
import dev.kordon.netpol.PortProtocol;
import dev.kordon.netpol.Side;
import dev.kordon.netpol.Verdict;
import dev.kordon.report.ReportSection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/** The answers of {@code kordon netpol matrix|explain|coverage|flows|suggest} as sections. */
public final class NetpolResults {
  private NetpolResults() {}

  public record PortCount(int port, String protocol, long pairs, long allowed) {}

  public record MatrixSummary(int pods, int classes, List<PortCount> ports) {}

  public record Entry(String from, String to, int port, String protocol, boolean allowed) {}

  /** Every ordered pair per port; the entries are produced as JSON is written, never stored. */
  public record MatrixView(MatrixSummary summary, Iterable<Entry> entries) {}

  public record PolicyView(String namespace, String name, List<String> allowingRules) {}

  public record SideView(
      String endpoint, String status, boolean allowed, List<PolicyView> policies) {}

  public record VerdictView(
      String from,
      String to,
      int port,
      String protocol,
      boolean allowed,
      boolean loopback,
      SideView egress,
      SideView ingress) {

    static VerdictView of(Verdict v) {
      return new VerdictView(
          v.from().id(),
          v.to().id(),
          v.port(),
          v.protocol().name(),
          v.allowed(),
          v.loopback(),
          side(v.egress()),
          side(v.ingress()));
    }

    private static SideView side(Side s) {
      List<PolicyView> policies = new ArrayList<>();
      for (Policy p : s.policies()) {
        List<String> rules = new ArrayList<>();
        for (Side.RuleMatch m : s.allowing()) {
          if (m.policy() == p) {
            rules.add(m.rule().label());
          }
        }
        policies.add(new PolicyView(p.namespace(), p.name(), rules));
      }
      return new SideView(
          s.subject().id(), s.status().name().toLowerCase(Locale.ROOT), s.allowed(), policies);
    }
  }

  public record NamespaceView(
      String namespace, boolean anyPolicy, boolean defaultDenyIngress, boolean defaultDenyEgress) {}

  public record OpenRuleView(String policy, String rule, String path, String reason) {}

  public record CoverageView(
      List<String> noIngressPolicy,
      List<String> noEgressPolicy,
      List<NamespaceView> namespaces,
      List<String> policiesSelectingNoPod,
      List<NoEffectView> policiesWithoutEffect,
      List<OpenRuleView> rulesAllowingAllSources,
      List<String> metadataReachable) {}

  /**
   * A policy that isolates no pod: its podSelector matches no pod of its namespace, or only pods on
   * the host network, which NetworkPolicies do not apply to.
   */
  public record NoEffectView(String policy, boolean onlyHostNetwork, String reason) {}

  public record UnresolvedView(String endpoint, int line) {}

  public record RuleView(String policy, String rule, String path) {}

  public record FlowsView(
      int flows,
      List<VerdictView> denied,
      List<UnresolvedView> unresolved,
      List<RuleView> unusedRules) {}

  public record SuggestView(String yaml, List<String> notes) {}

  /**
   * The reachability matrix: a grid per port ({@code .} allowed, {@code X} denied), or one count
   * per port when {@code summaryOnly}; as a graph of allowed pairs when {@code graph} (for DOT:
   * computed only when asked, a large cluster has millions of pairs).
   */
  public static ReportSection matrix(Matrix m, boolean summaryOnly, boolean graph) {
    List<PortCount> counts = new ArrayList<>();
    for (int k = 0; k < m.ports().size(); k++) {
      PortProtocol pp = m.ports().get(k);
      counts.add(new PortCount(pp.port(), pp.protocol().name(), m.pairCount(), m.allowedCount(k)));
    }
    MatrixView data =
        new MatrixView(
            new MatrixSummary(m.pods().size(), m.classCount(), counts),
            summaryOnly ? List.of() : new AllEntries(m));
    List<String> lines = summaryOnly ? summaryLines(m) : grid(m);
    if (!graph) {
      return new ReportSection.Text("matrix", "", lines, data);
    }
    List<ReportSection.Node> nodes = new ArrayList<>();
    List<ReportSection.Edge> edges = new ArrayList<>();
    for (PodGroup p : m.pods()) {
      nodes.add(new ReportSection.Node(p.id(), p.id(), false));
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
          edges.add(
              new ReportSection.Edge(
                  m.pods().get(i).id(), m.pods().get(j).id(), String.join(",", labels), ""));
        }
      }
    }
    return new ReportSection.Graph("matrix", "", lines, nodes, edges, data);
  }

  private static List<String> summaryLines(Matrix m) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < m.ports().size(); k++) {
      out.add(
          m.ports().get(k)
              + ": "
              + m.allowedCount(k)
              + " of "
              + m.pairCount()
              + " pairs allowed ("
              + m.pods().size()
              + " pods in "
              + m.classCount()
              + " classes)");
    }
    return out;
  }

  private static List<String> grid(Matrix m) {
    List<PodGroup> pods = m.pods();
    int width = "from\\to".length();
    for (PodGroup p : pods) {
      width = Math.max(width, p.id().length());
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < m.ports().size(); k++) {
      if (k > 0) {
        out.add("");
      }
      out.add(
          m.ports().get(k) + ": " + m.allowedCount(k) + " of " + m.pairCount() + " pairs allowed");
      StringBuilder head = new StringBuilder(pad("from\\to", width));
      for (int j = 0; j < pods.size(); j++) {
        head.append(' ').append(j);
      }
      out.add(head.toString().stripTrailing());
      for (int i = 0; i < pods.size(); i++) {
        StringBuilder row = new StringBuilder(pad(pods.get(i).id(), width));
        for (int j = 0; j < pods.size(); j++) {
          String mark = m.allowed(i, j, k) ? "." : "X";
          row.append(' ').append(pad(mark, Integer.toString(j).length()));
        }
        out.add(row.toString().stripTrailing() + "  " + i);
      }
    }
    return out;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** The matrix's pairs, port by port, row by row, made as they are read. */
  private static final class AllEntries implements Iterable<Entry> {
    private final Matrix m;

    AllEntries(Matrix m) {
      this.m = m;
    }

    @Override
    public Iterator<Entry> iterator() {
      return new Entries(m);
    }
  }

  /** The matrix's pairs, port by port, row by row. */
  private static final class Entries implements Iterator<Entry> {
    private final Matrix m;
    private final int n;
    private long next;

    Entries(Matrix m) {
      this.m = m;
      this.n = m.pods().size();
    }

    @Override
    public boolean hasNext() {
      return next < (long) n * n * m.ports().size();
    }

    @Override
    public Entry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int k = (int) (next / ((long) n * n));
      int i = (int) (next / n % n);
      int j = (int) (next % n);
      next++;
      PortProtocol pp = m.ports().get(k);
      return new Entry(
          m.pods().get(i).id(),
          m.pods().get(j).id(),
          pp.port(),
          pp.protocol().name(),
          m.allowed(i, j, k));
    }
  }

  public static ReportSection explain(Verdict v) {
    return new ReportSection.Text("explain", "", v.describe(), VerdictView.of(v));
  }

  public static ReportSection coverage(Coverage c) {
    List<String> lines = new ArrayList<>();
    block(lines, "Pods selected by no ingress policy", ids(c.noIngressPolicy()));
    block(lines, "Pods selected by no egress policy", ids(c.noEgressPolicy()));
    List<String> ns = new ArrayList<>();
    List<NamespaceView> namespaces = new ArrayList<>();
    for (Coverage.NamespaceDefaults n : c.namespaces()) {
      namespaces.add(
          new NamespaceView(n.namespace(), n.anyPolicy(), n.denyIngress(), n.denyEgress()));
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
    block(lines, "Namespaces without a default deny", ns);
    List<String> unused = new ArrayList<>();
    List<NoEffectView> noEffect = new ArrayList<>();
    for (Coverage.NoEffect n : c.withoutEffect()) {
      unused.add(n.policy().id() + ": " + n.reason());
      noEffect.add(new NoEffectView(n.policy().id(), n.onlyHostNetwork(), n.reason()));
    }
    block(lines, "Policies without effect", unused);
    List<String> open = new ArrayList<>();
    List<OpenRuleView> openViews = new ArrayList<>();
    for (Coverage.OpenRule r : c.openRules()) {
      open.add(r.policy().id() + " " + r.rule().label() + ": " + r.reason());
      openViews.add(
          new OpenRuleView(r.policy().id(), r.rule().label(), r.pointer().toString(), r.reason()));
    }
    block(lines, "Rules that allow every source", open);
    block(
        lines,
        "Pods that can reach " + Coverage.METADATA_ADDRESS + " (TCP/80)",
        ids(c.metadataReachable()));
    return new ReportSection.Text(
        "coverage",
        "",
        lines,
        new CoverageView(
            podIds(c.noIngressPolicy()),
            podIds(c.noEgressPolicy()),
            namespaces,
            c.selectingNoPod().stream().map(Policy::id).toList(),
            noEffect,
            openViews,
            podIds(c.metadataReachable())));
  }

  private static List<String> ids(List<PodGroup> pods) {
    List<String> out = new ArrayList<>();
    for (PodGroup p : pods) {
      out.add(p.template() ? p.idWithKind() : p.id());
    }
    return out;
  }

  private static List<String> podIds(List<PodGroup> pods) {
    return pods.stream().map(PodGroup::id).toList();
  }

  private static void block(List<String> out, String title, List<String> lines) {
    out.add(title + ": " + (lines.isEmpty() ? "none" : lines.size()));
    for (String l : lines) {
      out.add("  " + l);
    }
  }

  public static ReportSection flows(FlowReport report) {
    List<String> lines = new ArrayList<>();
    lines.add(report.flows() + " distinct flows, " + report.denied().size() + " would be denied");
    for (Verdict v : report.denied()) {
      lines.add(
          "DENIED " + v.from().id() + " -> " + v.to().id() + " " + v.port() + "/" + v.protocol());
      for (String line : v.describe().subList(1, v.describe().size())) {
        lines.add("  " + line);
      }
    }
    for (FlowReport.Unresolved u : report.unresolved()) {
      lines.add(
          "UNKNOWN "
              + u.endpoint()
              + " (line "
              + u.flow().line()
              + "): no pod of the inputs and no IP address");
    }
    lines.add(
        "Rules no observed flow used: "
            + (report.unusedRules().isEmpty() ? "none" : report.unusedRules().size()));
    for (Side.RuleMatch m : report.unusedRules()) {
      lines.add("  " + m);
    }
    return new ReportSection.Text(
        "flows",
        "",
        lines,
        new FlowsView(
            report.flows(),
            report.denied().stream().map(VerdictView::of).toList(),
            report.unresolved().stream()
                .map(u -> new UnresolvedView(u.endpoint(), u.flow().line()))
                .toList(),
            report.unusedRules().stream()
                .map(
                    m ->
                        new RuleView(
                            m.policy().id(), m.rule().label(), m.rule().pointer().toString()))
                .toList()));
  }

  /** The suggested policies as YAML lines; the notes go in the data (and to standard error). */
  public static ReportSection suggest(PolicySuggester.Suggestion s) {
    String yaml = s.toYaml();
    return new ReportSection.Text(
        "suggest", "", yaml.lines().toList(), new SuggestView(yaml, s.notes()));
  }
}
