package dev.kordon.results;

import dev.kordon.netpol.Coverage;
import dev.kordon.netpol.PolicyModel;
import dev.kordon.netpol.Reachability;
import dev.kordon.rbac.EscalationPaths;
import dev.kordon.rbac.PathListing;
import dev.kordon.rbac.PathNode;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.Risk;
import dev.kordon.rbac.RiskCatalog;
import dev.kordon.rbac.Step;
import dev.kordon.rbac.Subject;
import dev.kordon.report.ReportSection;
import dev.kordon.report.RootFields;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The RBAC and NetworkPolicy posture of one scan in counts, for a history that shows them over time
 * (the dashboard's cluster page). Computed from the analyzers the scan's controls already ran on
 * the snapshot ({@link RiskCatalog#holdings}, {@link EscalationPaths}, {@link Reachability}), so it
 * costs little more than the scan. Written at the top level of the JSON report as {@code
 * summaries}; an additive field, absent from older reports.
 *
 * <p>Built-in identities ({@code system:*}) are left out of the RBAC counts, as {@code kordon rbac
 * risks} hides them by default: they are expected to be powerful.
 */
public record PostureSummaries(Rbac rbac, NetworkPolicies networkPolicies) implements RootFields {

  /** The section id, also used by writers that list sections. */
  public static final String ID = "summaries";

  /**
   * @param subjects identities (users, groups, service accounts) that bindings name, built-in ones
   *     excepted
   * @param clusterAdminEquivalent of them, those holding every verb on every resource cluster-wide
   *     (risk {@code cluster-admin-equivalent}), through cluster-admin or a role equal to it
   * @param escalationPaths of the others, those with a path of RBAC steps to cluster-admin (one
   *     path, the shortest, per identity)
   * @param escalationTruncated the escalation graph hit its size limit: paths may be missing
   * @param riskyPermissions per risk of the catalog that someone holds: how many identities hold it
   */
  public record Rbac(
      int subjects,
      int clusterAdminEquivalent,
      int escalationPaths,
      boolean escalationTruncated,
      List<RiskCount> riskyPermissions) {
    public Rbac {
      riskyPermissions = List.copyOf(riskyPermissions);
    }
  }

  /** One risk of the catalog and the number of identities holding it. */
  public record RiskCount(String id, String severity, String title, int subjects) {}

  /**
   * @param policies NetworkPolicies in the scan
   * @param namespaces namespaces with pods
   * @param namespacesWithoutPolicy namespaces with pods and no NetworkPolicy at all
   * @param namespacesWithoutDefaultDenyIngress namespaces with pods and no default deny for ingress
   * @param namespacesWithoutDefaultDenyEgress the same for egress
   * @param pods pods and workloads (each workload counts once, for its pod template)
   * @param podsWithUnrestrictedIngress pods no policy selects for ingress: every source reaches
   *     them
   * @param podsWithUnrestrictedEgress pods no policy selects for egress: they reach everything
   * @param podsReachingMetadata pods whose egress allows the cloud metadata service
   * @param policiesSelectingNoPod policies that isolate no pod
   * @param rulesOpenToAll ingress rules that admit every source
   */
  public record NetworkPolicies(
      int policies,
      int namespaces,
      int namespacesWithoutPolicy,
      int namespacesWithoutDefaultDenyIngress,
      int namespacesWithoutDefaultDenyEgress,
      int pods,
      int podsWithUnrestrictedIngress,
      int podsWithUnrestrictedEgress,
      int podsReachingMetadata,
      int policiesSelectingNoPod,
      int rulesOpenToAll) {}

  public PostureSummaries {
    java.util.Objects.requireNonNull(rbac);
    java.util.Objects.requireNonNull(networkPolicies);
  }

  /** The summaries of one snapshot, with the built-in risk catalog. */
  public static PostureSummaries of(Snapshot snapshot) {
    return new PostureSummaries(rbac(snapshot), networkPolicies(snapshot));
  }

  static Rbac rbac(Snapshot snapshot) {
    RbacGraph graph = RbacGraph.of(snapshot);
    int subjects = (int) graph.subjects().stream().filter(s -> !s.isSystem()).count();
    Map<String, Set<Subject>> holders = new LinkedHashMap<>();
    Map<String, Risk> risks = new LinkedHashMap<>();
    RiskCatalog catalog = RiskCatalog.builtIn();
    for (Risk r : catalog.risks()) {
      risks.put(r.id(), r);
    }
    Set<Subject> admins = new HashSet<>();
    for (RiskCatalog.Holding h : catalog.holdings(snapshot).all()) {
      if (h.subject().isSystem()) {
        continue;
      }
      holders.computeIfAbsent(h.risk().id(), k -> new TreeSet<>()).add(h.subject());
      if (h.risk().id().equals("cluster-admin-equivalent") && h.namespace().isEmpty()) {
        admins.add(h.subject());
      }
    }
    List<RiskCount> counts = new ArrayList<>();
    for (Map.Entry<String, Risk> e : risks.entrySet()) {
      Set<Subject> who = holders.get(e.getKey());
      if (who != null) {
        Risk r = e.getValue();
        counts.add(new RiskCount(r.id(), r.severity().word(), r.title(), who.size()));
      }
    }
    counts.sort(
        java.util.Comparator.comparing((RiskCount c) -> severityRank(c.severity()))
            .thenComparing(RiskCount::id));
    EscalationPaths paths = EscalationPaths.of(snapshot);
    Set<Subject> escalating = new TreeSet<>();
    for (EscalationPaths.Path path : paths.toClusterAdmin(PathListing.MAX_STEPS)) {
      if (!(path.from() instanceof PathNode.Holder holder) || holder.subject().isSystem()) {
        continue;
      }
      Step.Action first = path.steps().get(0).action();
      // holders of * and system:masters already are cluster-admin: counted above, not escalating
      if (first == Step.Action.CLUSTER_ADMIN || first == Step.Action.SYSTEM_MASTERS) {
        continue;
      }
      if (!admins.contains(holder.subject())) {
        escalating.add(holder.subject());
      }
    }
    return new Rbac(subjects, admins.size(), escalating.size(), paths.truncated(), counts);
  }

  private static int severityRank(String word) {
    return switch (word) {
      case "critical" -> 0;
      case "high" -> 1;
      case "medium" -> 2;
      default -> 3;
    };
  }

  static NetworkPolicies networkPolicies(Snapshot snapshot) {
    Reachability reach = Reachability.of(snapshot);
    PolicyModel model = reach.model();
    Coverage c = Coverage.of(reach);
    return new NetworkPolicies(
        model.policies().size(),
        c.namespaces().size(),
        (int) c.namespaces().stream().filter(n -> !n.anyPolicy()).count(),
        (int) c.namespaces().stream().filter(n -> !n.denyIngress()).count(),
        (int) c.namespaces().stream().filter(n -> !n.denyEgress()).count(),
        model.pods().size(),
        c.noIngressPolicy().size(),
        c.noEgressPolicy().size(),
        c.metadataReachable().size(),
        c.selectingNoPod().size(),
        c.openRules().size());
  }

  @Override
  public Map<String, Object> rootFields() {
    return Map.of(ID, this);
  }

  /** The summaries as a section: one table for people, the records for JSON ({@code summaries}). */
  public ReportSection section() {
    List<List<String>> rows = new ArrayList<>();
    row(rows, "RBAC", "identities bound (built-in ones excepted)", rbac.subjects());
    row(rows, "RBAC", "with cluster-admin-equivalent access", rbac.clusterAdminEquivalent());
    row(
        rows,
        "RBAC",
        "with an escalation path to cluster-admin"
            + (rbac.escalationTruncated() ? " (at least)" : ""),
        rbac.escalationPaths());
    for (RiskCount r : rbac.riskyPermissions()) {
      row(rows, "RBAC", r.severity() + ": " + r.title(), r.subjects());
    }
    NetworkPolicies n = networkPolicies;
    row(rows, "NetworkPolicy", "policies", n.policies());
    row(rows, "NetworkPolicy", "namespaces with pods", n.namespaces());
    row(rows, "NetworkPolicy", "namespaces without any policy", n.namespacesWithoutPolicy());
    row(
        rows,
        "NetworkPolicy",
        "namespaces without default deny (ingress)",
        n.namespacesWithoutDefaultDenyIngress());
    row(
        rows,
        "NetworkPolicy",
        "namespaces without default deny (egress)",
        n.namespacesWithoutDefaultDenyEgress());
    row(rows, "NetworkPolicy", "pods", n.pods());
    row(rows, "NetworkPolicy", "pods with unrestricted ingress", n.podsWithUnrestrictedIngress());
    row(rows, "NetworkPolicy", "pods with unrestricted egress", n.podsWithUnrestrictedEgress());
    row(rows, "NetworkPolicy", "pods reaching the metadata service", n.podsReachingMetadata());
    row(rows, "NetworkPolicy", "policies selecting no pod", n.policiesSelectingNoPod());
    row(rows, "NetworkPolicy", "ingress rules open to every source", n.rulesOpenToAll());
    return new ReportSection.Table(
        ID,
        "RBAC and NetworkPolicy summary",
        List.of("area", "measure", "count"),
        rows,
        List.of(),
        this);
  }

  private static void row(List<List<String>> rows, String area, String measure, int count) {
    rows.add(List.of(area, measure, Integer.toString(count)));
  }
}
