package dev.kordon.server;

import dev.kordon.report.SafeText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the optional {@code summaries} of a report ({@code PostureSummaries} in kordon-core): the
 * measures this server knows, each a non-negative count when present, with the words the dashboard
 * shows. Measures it does not know (from a newer Kordon) are skipped; a report without summaries
 * (older Kordon, other commands) has none.
 */
final class SummariesParser {
  private SummariesParser() {}

  /** Most risky permissions kept per report: the built-in catalog has about thirty. */
  static final int MAX_RISKS = 200;

  private static final Map<String, String> RBAC = new LinkedHashMap<>();
  private static final Map<String, String> NETPOL = new LinkedHashMap<>();

  static {
    RBAC.put("subjects", "Identities bound (built-in ones excepted)");
    RBAC.put("clusterAdminEquivalent", "With cluster-admin-equivalent access");
    RBAC.put("escalationPaths", "With an escalation path to cluster-admin");
    NETPOL.put("policies", "NetworkPolicies");
    NETPOL.put("namespaces", "Namespaces with pods");
    NETPOL.put("namespacesWithoutPolicy", "Namespaces without any NetworkPolicy");
    NETPOL.put(
        "namespacesWithoutDefaultDenyIngress", "Namespaces without a default deny (ingress)");
    NETPOL.put("namespacesWithoutDefaultDenyEgress", "Namespaces without a default deny (egress)");
    NETPOL.put("pods", "Pods and workloads");
    NETPOL.put("podsWithUnrestrictedIngress", "Pods with unrestricted ingress (no policy selects)");
    NETPOL.put("podsWithUnrestrictedEgress", "Pods with unrestricted egress (no policy selects)");
    NETPOL.put("podsReachingMetadata", "Pods that reach the cloud metadata service");
    NETPOL.put("policiesSelectingNoPod", "Policies that select no pod");
    NETPOL.put("rulesOpenToAll", "Ingress rules open to every source");
  }

  static List<SummaryRow> parse(JsonNode root) throws InvalidReport {
    List<SummaryRow> out = new ArrayList<>();
    JsonNode summaries = root.path("summaries");
    if (summaries.isMissingNode() || summaries.isNull()) {
      return out;
    }
    if (!summaries.isObject()) {
      throw new InvalidReport("summaries must be an object");
    }
    JsonNode rbac = section(summaries, "rbac");
    boolean truncated = rbac.path("escalationTruncated").asBoolean(false);
    counts(rbac, "summaries.rbac", SummaryRow.RBAC, RBAC, out);
    if (truncated) {
      // the graph hit its limit: the count is a lower bound, and the page says so
      for (int i = 0; i < out.size(); i++) {
        SummaryRow r = out.get(i);
        if (r.measure().equals("escalationPaths")) {
          out.set(
              i,
              new SummaryRow(r.area(), r.measure(), r.label() + " (at least)", null, r.amount()));
        }
      }
    }
    JsonNode risks = rbac.path("riskyPermissions");
    if (!risks.isMissingNode() && !risks.isNull()) {
      if (!risks.isArray()) {
        throw new InvalidReport("summaries.rbac.riskyPermissions must be an array");
      }
      if (risks.size() > MAX_RISKS) {
        throw new InvalidReport(
            "summaries.rbac.riskyPermissions: more than " + MAX_RISKS + " risks");
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      int i = 0;
      for (JsonNode r : risks.values()) {
        String where = "summaries.rbac.riskyPermissions[" + i++ + "]";
        String id = ReportParser.text(r, "id", where + ".id", 64);
        String severity = ReportParser.text(r, "severity", where + ".severity", 16);
        if (!Severities.known(severity)) {
          throw new InvalidReport(where + ".severity: not a severity: " + severity);
        }
        String title = ReportParser.clip(SafeText.line(r.path("title").asString(id)), 300);
        int subjects = ReportParser.count(r, "subjects", where + ".subjects");
        if (seen.add(id)) {
          out.add(new SummaryRow(SummaryRow.RISK, id, title, severity, subjects));
        }
      }
    }
    counts(
        section(summaries, "networkPolicies"),
        "summaries.networkPolicies",
        SummaryRow.NETPOL,
        NETPOL,
        out);
    return out;
  }

  private static JsonNode section(JsonNode summaries, String field) throws InvalidReport {
    JsonNode n = summaries.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return n;
    }
    if (!n.isObject()) {
      throw new InvalidReport("summaries." + field + " must be an object");
    }
    return n;
  }

  private static void counts(
      JsonNode section, String where, String area, Map<String, String> known, List<SummaryRow> out)
      throws InvalidReport {
    if (!section.isObject()) {
      return;
    }
    for (Map.Entry<String, String> e : known.entrySet()) {
      if (section.has(e.getKey())) {
        int n = ReportParser.count(section, e.getKey(), where + "." + e.getKey());
        out.add(new SummaryRow(area, e.getKey(), e.getValue(), null, n));
      }
    }
  }
}
