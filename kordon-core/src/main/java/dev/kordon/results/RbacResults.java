package dev.kordon.results;

import dev.kordon.rbac.Access;
import dev.kordon.rbac.EscalationPaths;
import dev.kordon.rbac.Grant;
import dev.kordon.rbac.PathListing;
import dev.kordon.rbac.Permissions;
import dev.kordon.rbac.RiskCatalog;
import dev.kordon.rbac.RiskListing;
import dev.kordon.rbac.Step;
import dev.kordon.rbac.Subject;
import dev.kordon.rbac.SubjectAccess;
import dev.kordon.rbac.WhoCanQuery;
import dev.kordon.report.ReportSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The answers of {@code kordon rbac who-can|can|risks|paths} as report sections. */
public final class RbacResults {
  private RbacResults() {}

  /**
   * One grant: who, through which binding and role, where. {@code binding} and {@code role} are
   * null for the implicit system:masters, which bypasses RBAC.
   *
   * @param aggregatedFrom the ClusterRole the rule was aggregated from, or empty
   */
  public record GrantView(
      Party subject,
      Party binding,
      Party role,
      String scope,
      String rule,
      String aggregatedFrom,
      boolean implicit) {

    static GrantView of(Access a) {
      Grant g = a.grant();
      String declaredIn = a.rule().declaredIn().name();
      return new GrantView(
          Party.of(g.subject()),
          Party.of(g.binding()),
          Party.of(g.role()),
          g.scope(),
          a.rule().describe(),
          declaredIn.equals(g.role().name()) ? "" : declaredIn,
          false);
    }

    static final GrantView MASTERS =
        new GrantView(
            Party.of(Subject.group(Subject.MASTERS)), null, null, "cluster", "", "", true);
  }

  /** {@code who-can}: the request in words and every grant, system:masters first. */
  public record WhoCanView(String request, List<GrantView> grants) {}

  public record RiskInfo(String id, String severity, String title, String explanation) {}

  /** A risky permission held through a grant, in a namespace (empty: cluster-wide). */
  public record RiskView(RiskInfo risk, GrantView grant, String namespace, String permission) {
    static RiskView of(RiskCatalog.Holding h) {
      return new RiskView(
          new RiskInfo(
              h.risk().id(), h.risk().severity().word(), h.risk().title(), h.risk().explanation()),
          GrantView.of(h.access()),
          h.namespace(),
          h.permission().describe());
    }
  }

  /** {@code can}: the subject's merged permissions and the risky ones among them. */
  public record CanView(Party subject, List<Permissions.Row> permissions, List<RiskView> risks) {}

  /** {@code risks}: what is shown, and how many holdings of built-in identities are not. */
  public record RisksView(String minimumSeverity, int hiddenSystem, List<RiskView> risks) {}

  /** One step of an escalation path; binding and role are null when no grant is needed. */
  public record StepView(
      Party from,
      Party to,
      String action,
      String permission,
      Party binding,
      Party role,
      String rule,
      String explanation) {}

  public record PathView(Party from, Party to, int length, List<StepView> steps) {}

  /** {@code paths}: the target, the paths shown, how many were hidden or cut short. */
  public record PathsView(
      Party target, int hiddenSystem, boolean truncated, List<PathView> paths) {}

  public static ReportSection whoCan(WhoCanQuery.Answer answer) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Group", Subject.MASTERS, "-", "(implicit: bypasses RBAC)", "-", "cluster"));
    List<GrantView> grants = new ArrayList<>(List.of(GrantView.MASTERS));
    for (Access a : answer.grants()) {
      Grant g = a.grant();
      rows.add(
          List.of(
              g.subject().kind().word(),
              g.subject().name(),
              namespaceOf(g.subject()),
              g.binding().display(),
              g.role().display(),
              g.clusterWide() ? "cluster" : g.binding().namespace()));
      grants.add(GrantView.of(a));
    }
    return new ReportSection.Table(
        "who-can",
        "Who can " + answer.asked() + ":",
        List.of("KIND", "NAME", "NAMESPACE", "BINDING", "ROLE", "SCOPE"),
        rows,
        List.of(answer.grants().size() + " grants."),
        new WhoCanView(answer.asked(), grants));
  }

  public static ReportSection can(SubjectAccess access) {
    List<List<String>> rows = new ArrayList<>();
    for (Permissions.Row r : access.permissions()) {
      rows.add(
          List.of(
              r.scope(),
              r.resource().isEmpty() ? r.nonResourceUrl() : r.resource(),
              String.join(",", r.resourceNames()),
              String.join(",", r.verbs())));
    }
    List<String> footer = new ArrayList<>();
    if (rows.isEmpty()) {
      footer.add("(nothing)");
    }
    if (!access.risks().isEmpty()) {
      footer.add("");
      footer.add("Risky permissions:");
      for (RiskCatalog.Holding h : access.risks()) {
        footer.add(
            "  "
                + h.risk().severity().word()
                + "  "
                + h.risk().title()
                + (h.namespace().isEmpty() ? "" : " (" + h.namespace() + ")")
                + ": "
                + h.permission().describe()
                + " via "
                + h.access().grant().via());
      }
    }
    return new ReportSection.Table(
        "can",
        access.subject().display() + " may:",
        List.of("SCOPE", "RESOURCE", "RESOURCE NAMES", "VERBS"),
        rows,
        footer,
        new CanView(
            Party.of(access.subject()),
            access.permissions(),
            access.risks().stream().map(RiskView::of).toList()));
  }

  public static ReportSection risks(RiskListing listing) {
    List<List<String>> rows = new ArrayList<>();
    TreeMap<String, String> legend = new TreeMap<>();
    for (RiskCatalog.Holding h : listing.shown()) {
      rows.add(
          List.of(
              h.risk().severity().word(),
              h.risk().id(),
              h.subject().display(),
              h.namespace().isEmpty() ? "cluster" : h.namespace(),
              h.access().grant().via()));
      legend.put(h.risk().id(), h.risk().title() + ": " + h.risk().explanation());
    }
    List<String> footer = new ArrayList<>();
    footer.add(
        listing.shown().size()
            + " risky grants"
            + (listing.hidden() > 0
                ? " (" + listing.hidden() + " more held by built-in identities: --system)"
                : "")
            + ".");
    if (!legend.isEmpty()) {
      footer.add("");
      legend.forEach((id, text) -> footer.add(id + ": " + text));
    }
    return new ReportSection.Table(
        "risks",
        "",
        List.of("SEVERITY", "RISK", "SUBJECT", "WHERE", "VIA"),
        rows,
        footer,
        new RisksView(
            listing.minimum().word(),
            listing.hidden(),
            listing.shown().stream().map(RiskView::of).toList()));
  }

  /** The paths as numbered steps for people, as a graph of their union for DOT. */
  public static ReportSection paths(PathListing listing) {
    List<String> lines = new ArrayList<>();
    Map<String, ReportSection.Node> nodes = new LinkedHashMap<>();
    Map<String, ReportSection.Edge> edges = new LinkedHashMap<>();
    List<PathView> views = new ArrayList<>();
    for (EscalationPaths.Path p : listing.paths()) {
      lines.add(
          p.from().display()
              + " -> "
              + p.to().display()
              + " ("
              + p.length()
              + (p.length() == 1 ? " step)" : " steps)"));
      int i = 1;
      List<StepView> steps = new ArrayList<>();
      for (Step s : p.steps()) {
        lines.add("  " + i++ + ". " + s.explanation());
        lines.add("     using " + s.permission());
        for (var n : List.of(s.from(), s.to())) {
          nodes.putIfAbsent(
              n.id(),
              new ReportSection.Node(
                  n.id(), n.display(), n instanceof dev.kordon.rbac.PathNode.ClusterAdmin));
        }
        ReportSection.Edge e =
            new ReportSection.Edge(s.from().id(), s.to().id(), s.action().word(), s.permission());
        edges.putIfAbsent(e.from() + "\u0000" + e.to() + "\u0000" + e.label() + e.tooltip(), e);
        steps.add(
            new StepView(
                Party.of(s.from()),
                Party.of(s.to()),
                s.action().word(),
                s.permission(),
                s.access().map(a -> Party.of(a.grant().binding())).orElse(null),
                s.access().map(a -> Party.of(a.grant().role())).orElse(null),
                s.access().map(a -> a.rule().describe()).orElse(""),
                s.explanation()));
      }
      views.add(new PathView(Party.of(p.from()), Party.of(p.to()), p.length(), steps));
    }
    int n = listing.paths().size();
    lines.add(
        n
            + (n == 1 ? " path" : " paths")
            + (listing.hidden() > 0
                ? " (" + listing.hidden() + " more from built-in identities: --system)"
                : "")
            + " to "
            + listing.target().display()
            + ".");
    return new ReportSection.Graph(
        "rbac-paths",
        "",
        lines,
        List.copyOf(nodes.values()),
        List.copyOf(edges.values()),
        new PathsView(Party.of(listing.target()), listing.hidden(), listing.truncated(), views));
  }

  static String namespaceOf(Subject s) {
    return s.namespace().isEmpty() ? "-" : s.namespace();
  }
}
