package dev.kordon.server;

/**
 * One measure of a report's RBAC and NetworkPolicy summaries, as stored and shown.
 *
 * @param area {@code rbac}, {@code risk} (a risky permission of the catalog) or {@code netpol}
 * @param measure the JSON field name, or the risk id
 * @param label the words the dashboard shows
 * @param severity of a risk; null for the other areas
 * @param amount how many identities, pods, namespaces or policies
 */
public record SummaryRow(String area, String measure, String label, String severity, int amount) {
  public static final String RBAC = "rbac";
  public static final String RISK = "risk";
  public static final String NETPOL = "netpol";
}
