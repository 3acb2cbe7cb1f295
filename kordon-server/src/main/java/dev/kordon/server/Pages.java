package dev.kordon.server;

import static dev.kordon.server.Html.enc;
import static dev.kordon.server.Html.esc;
import static dev.kordon.server.Html.link;
import static dev.kordon.server.Html.params;
import static dev.kordon.server.Html.query;
import static dev.kordon.server.Html.time;

import dev.kordon.server.Views.ClusterSummary;
import dev.kordon.server.Views.ControlRow;
import dev.kordon.server.Views.Counts;
import dev.kordon.server.Views.FindingQuery;
import dev.kordon.server.Views.FindingRow;
import dev.kordon.server.Views.NamespaceCounts;
import dev.kordon.server.Views.Page;
import dev.kordon.server.Views.Period;
import dev.kordon.server.Views.Point;
import dev.kordon.server.Views.Score;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's HTML, rendered on the server. Tables and filters work without script; the one
 * script file only submits a filter when a choice changes. Every value from a report passes {@link
 * Html#esc} or {@link Html#enc}; no page has inline script or style (the CSP forbids both).
 */
final class Pages {
  private Pages() {}

  static String layout(String title, String csrf, String body) {
    StringBuilder sb = new StringBuilder(8192);
    sb.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(esc(title))
        .append(" · Kordon</title>")
        .append("<link rel=\"stylesheet\" href=\"/static/kordon.css\">")
        .append("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">")
        .append("<script src=\"/static/kordon.js\" defer></script></head><body>")
        .append("<header><nav aria-label=\"Main\"><span class=\"brand\">Kordon</span> ")
        .append("<a href=\"/\">Fleet</a> <a href=\"/findings\">Findings</a>");
    if (csrf != null) {
      sb.append("<form method=\"post\" action=\"/logout\" class=\"logout\">")
          .append("<input type=\"hidden\" name=\"csrf\" value=\"")
          .append(esc(csrf))
          .append("\"><button type=\"submit\">Log out</button></form>");
    }
    sb.append("</nav></header><main>").append(body).append("</main></body></html>");
    return sb.toString();
  }

  static String login(String csrf, String next, String error) {
    StringBuilder sb = new StringBuilder("<h1>Log in</h1>");
    if (error != null) {
      sb.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>");
    }
    sb.append("<p>Paste an API token with read scope (")
        .append("<code>kordon serve token create NAME --scope read</code>).</p>")
        .append("<form method=\"post\" action=\"/login\">")
        .append("<input type=\"hidden\" name=\"csrf\" value=\"")
        .append(esc(csrf))
        .append("\"><input type=\"hidden\" name=\"next\" value=\"")
        .append(esc(next))
        .append("\"><label for=\"token\">Token</label> ")
        .append("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\"")
        .append(" required> <button type=\"submit\">Log in</button></form>");
    return layout("Log in", null, sb.toString());
  }

  static String fleet(List<ClusterSummary> clusters, Map<String, List<Point>> trends, String csrf) {
    StringBuilder sb = new StringBuilder("<h1>Fleet</h1>");
    if (clusters.isEmpty()) {
      sb.append("<p>No reports yet. Upload one with <code>kordon scan --cluster --upload")
          .append(" URL --cluster-name NAME</code>.</p>");
      return layout("Fleet", csrf, sb.toString());
    }
    sb.append("<table class=\"fleet\"><caption>Clusters and their latest report</caption>")
        .append("<thead><tr><th scope=\"col\">Cluster</th><th scope=\"col\">Latest report</th>")
        .append(severityHeads())
        .append("<th scope=\"col\">New</th><th scope=\"col\">Fixed</th>")
        .append("<th scope=\"col\">Framework scores</th><th scope=\"col\">Trend</th>")
        .append("</tr></thead><tbody>");
    for (ClusterSummary c : clusters) {
      sb.append("<tr><th scope=\"row\">")
          .append(link("/clusters/" + enc(c.name()), c.name()))
          .append("</th><td>")
          .append(esc(time(c.receivedMs())))
          .append("</td>")
          .append(severityCells(c.counts(), c.name()))
          .append("<td class=\"num\">")
          .append(c.newFindings())
          .append("</td><td class=\"num\">")
          .append(c.fixedFindings())
          .append("</td><td>")
          .append(scoreList(c.scores()))
          .append("</td><td>")
          .append(
              Svg.sparkline(
                  trends.getOrDefault(c.name(), List.of()),
                  "Failing findings of " + c.name() + " over its last reports"))
          .append("</td></tr>");
    }
    sb.append("</tbody></table>");
    return layout("Fleet", csrf, sb.toString());
  }

  private static String severityHeads() {
    return "<th scope=\"col\">Failing</th><th scope=\"col\">Critical</th>"
        + "<th scope=\"col\">High</th><th scope=\"col\">Medium</th><th scope=\"col\">Low</th>";
  }

  private static String severityCells(Counts k, String cluster) {
    StringBuilder sb = new StringBuilder();
    sb.append("<td class=\"num\">")
        .append(link(query("/findings", params("cluster", cluster)), Integer.toString(k.total())))
        .append("</td>");
    int[] values = {k.critical(), k.high(), k.medium(), k.low()};
    for (int i = 0; i < 4; i++) {
      String sev = Severities.WORDS.get(i);
      sb.append("<td class=\"num\">")
          .append(
              link(
                  query("/findings", params("cluster", cluster, "severity", sev)),
                  Integer.toString(values[i])))
          .append("</td>");
    }
    return sb.toString();
  }

  private static String score(Score s) {
    return s.score().isPresent()
        ? String.format(Locale.ROOT, "%.1f", s.score().getAsDouble())
        : "n/a";
  }

  private static String scoreList(List<Score> scores) {
    if (scores.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder("<ul class=\"scores\">");
    for (Score s : scores) {
      sb.append("<li>").append(esc(s.framework())).append(' ').append(score(s)).append("</li>");
    }
    return sb.append("</ul>").toString();
  }

  static String cluster(
      ClusterSummary c,
      List<Point> trend,
      List<NamespaceCounts> namespaces,
      List<ControlRow> controls,
      Page<FindingRow> opened,
      Page<FindingRow> fixed,
      List<SummaryRow> summaries,
      String csrf) {
    StringBuilder sb = new StringBuilder();
    sb.append("<h1>Cluster ")
        .append(esc(c.name()))
        .append("</h1><p>Latest report ")
        .append(esc(time(c.receivedMs())))
        .append(" from ")
        .append(esc(c.source()))
        .append(", Kordon ")
        .append(esc(c.toolVersion()))
        .append(", ")
        .append(c.objects())
        .append(" objects, ")
        .append(c.reports())
        .append(" reports kept.</p>");
    sb.append("<p class=\"changes\"><span id=\"new-count\">")
        .append(c.newFindings())
        .append(" new</span> and <span id=\"fixed-count\">")
        .append(c.fixedFindings())
        .append(" fixed</span> since the previous report.</p>");
    sb.append("<h2>Trend</h2>")
        .append(Svg.chart(trend, "trend", "Failing findings of " + c.name() + " per report"))
        .append("<p class=\"legend\"><span class=\"key all\">all failing</span> ")
        .append("<span class=\"key severe\">critical and high</span></p>");

    sb.append("<h2>Findings by severity</h2><table><caption>Failing findings in the latest")
        .append(" report</caption><thead><tr>")
        .append(severityHeads())
        .append("<th scope=\"col\">Excepted</th></tr></thead><tbody><tr>")
        .append(severityCells(c.counts(), c.name()))
        .append("<td class=\"num\">")
        .append(c.counts().excepted())
        .append("</td></tr></tbody></table>");

    sb.append("<h2>Framework scores</h2>");
    if (c.scores().isEmpty()) {
      sb.append("<p>The latest report scores no framework.</p>");
    } else {
      sb.append("<table><caption>Scores of the latest report</caption><thead><tr>")
          .append("<th scope=\"col\">Framework</th><th scope=\"col\">Score</th>")
          .append("<th scope=\"col\">Controls passed</th><th scope=\"col\">Controls failed</th>")
          .append("</tr></thead><tbody>");
      for (Score s : c.scores()) {
        sb.append("<tr><th scope=\"row\">")
            .append(esc(s.title().isEmpty() ? s.framework() : s.title()))
            .append("</th><td class=\"num\">")
            .append(score(s))
            .append("</td><td class=\"num\">")
            .append(s.passed())
            .append("</td><td class=\"num\">")
            .append(s.failed())
            .append("</td></tr>");
      }
      sb.append("</tbody></table>");
    }

    sb.append("<h2 id=\"new\">New since the previous report</h2>")
        .append(findingList(opened, "No new findings."));
    sb.append("<h2 id=\"fixed\">Fixed since the previous report</h2>")
        .append(findingList(fixed, "Nothing was fixed."));

    sb.append("<h2>Namespaces</h2>");
    if (namespaces.isEmpty()) {
      sb.append("<p>No open failing findings.</p>");
    } else {
      sb.append("<table><caption>Open failing findings per namespace</caption><thead><tr>")
          .append("<th scope=\"col\">Namespace</th>")
          .append(severityHeads())
          .append("</tr></thead><tbody>");
      for (NamespaceCounts n : namespaces) {
        String label = n.namespace().isEmpty() ? "(cluster-scoped)" : n.namespace();
        sb.append("<tr><th scope=\"row\">");
        if (n.namespace().isEmpty()) {
          sb.append(esc(label));
        } else {
          sb.append(
              link(
                  query("/findings", params("cluster", c.name(), "namespace", n.namespace())),
                  label));
        }
        sb.append("</th><td class=\"num\">")
            .append(n.counts().total())
            .append("</td><td class=\"num\">")
            .append(n.counts().critical())
            .append("</td><td class=\"num\">")
            .append(n.counts().high())
            .append("</td><td class=\"num\">")
            .append(n.counts().medium())
            .append("</td><td class=\"num\">")
            .append(n.counts().low())
            .append("</td></tr>");
      }
      sb.append("</tbody></table>");
    }

    summaries(summaries, sb);

    sb.append("<h2>Controls</h2>");
    if (controls.isEmpty()) {
      sb.append("<p>The latest report has no control view.</p>");
    } else {
      sb.append("<table><caption>Failed and judged resources per control</caption><thead><tr>")
          .append("<th scope=\"col\">Control</th><th scope=\"col\">Title</th>")
          .append("<th scope=\"col\">Severity</th><th scope=\"col\">Failed</th>")
          .append("<th scope=\"col\">Judged</th></tr></thead><tbody>");
      for (ControlRow k : controls) {
        sb.append("<tr><th scope=\"row\">")
            .append(
                k.failedResources() > 0
                    ? link(
                        query("/findings", params("cluster", c.name(), "control", k.controlId())),
                        k.controlId())
                    : esc(k.controlId()))
            .append("</th><td>")
            .append(esc(k.title()))
            .append("</td><td>")
            .append(esc(k.severity()))
            .append("</td><td class=\"num\">")
            .append(k.failedResources())
            .append("</td><td class=\"num\">")
            .append(k.resources())
            .append("</td></tr>");
      }
      sb.append("</tbody></table>");
    }
    return layout("Cluster " + c.name(), csrf, sb.toString());
  }

  /** The RBAC and NetworkPolicy summaries of the latest report, as tables. */
  private static void summaries(List<SummaryRow> rows, StringBuilder sb) {
    List<SummaryRow> rbac = rows.stream().filter(r -> r.area().equals(SummaryRow.RBAC)).toList();
    List<SummaryRow> risks = rows.stream().filter(r -> r.area().equals(SummaryRow.RISK)).toList();
    List<SummaryRow> netpol =
        rows.stream().filter(r -> r.area().equals(SummaryRow.NETPOL)).toList();
    sb.append("<h2 id=\"rbac\">RBAC</h2>");
    if (rbac.isEmpty() && risks.isEmpty()) {
      sb.append("<p>The latest report has no RBAC summary: reports of <code>kordon scan</code>")
          .append(" carry one, those of other commands and of older versions do not.</p>");
    } else {
      measures(rbac, "Identities by RBAC access in the latest report", "Identities", sb);
      if (!risks.isEmpty()) {
        sb.append("<table id=\"risky-permissions\"><caption>Risky permissions: identities")
            .append(" holding each (built-in ones excepted)</caption><thead><tr>")
            .append("<th scope=\"col\">Risk</th><th scope=\"col\">Severity</th>")
            .append("<th scope=\"col\">Identities</th></tr></thead><tbody>");
        for (SummaryRow r : risks) {
          sb.append("<tr><th scope=\"row\">")
              .append(esc(r.label()))
              .append(" <span class=\"id\">")
              .append(esc(r.measure()))
              .append("</span></th><td>")
              .append(esc(r.severity() == null ? "" : r.severity()))
              .append("</td><td class=\"num\">")
              .append(r.amount())
              .append("</td></tr>");
        }
        sb.append("</tbody></table>");
      }
    }
    sb.append("<h2 id=\"network-policies\">NetworkPolicies</h2>");
    if (netpol.isEmpty()) {
      sb.append("<p>The latest report has no NetworkPolicy summary.</p>");
    } else {
      measures(netpol, "NetworkPolicy coverage in the latest report", "Count", sb);
    }
  }

  private static void measures(
      List<SummaryRow> rows, String caption, String column, StringBuilder sb) {
    if (rows.isEmpty()) {
      return;
    }
    sb.append("<table><caption>")
        .append(esc(caption))
        .append("</caption><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">")
        .append(esc(column))
        .append("</th></tr></thead><tbody>");
    for (SummaryRow r : rows) {
      sb.append("<tr id=\"")
          .append(esc(r.area() + "-" + r.measure()))
          .append("\"><th scope=\"row\">")
          .append(esc(r.label()))
          .append("</th><td class=\"num\">")
          .append(r.amount())
          .append("</td></tr>");
    }
    sb.append("</tbody></table>");
  }

  private static String findingList(Page<FindingRow> page, String none) {
    if (page.total() == 0) {
      return "<p>" + esc(none) + "</p>";
    }
    StringBuilder sb = findingTable(page.items());
    if (page.total() > page.items().size()) {
      sb.append("<p>")
          .append(page.items().size())
          .append(" of ")
          .append(page.total())
          .append(" shown.</p>");
    }
    return sb.toString();
  }

  private static StringBuilder findingTable(List<FindingRow> rows) {
    StringBuilder sb = new StringBuilder("<table class=\"findings\"><thead><tr>");
    sb.append("<th scope=\"col\">Severity</th><th scope=\"col\">Control</th>")
        .append("<th scope=\"col\">Resource</th><th scope=\"col\">Cluster</th>")
        .append("<th scope=\"col\">Message</th><th scope=\"col\">State</th></tr></thead><tbody>");
    for (FindingRow f : rows) {
      sb.append("<tr><td><span class=\"sev ")
          .append(esc(f.severity()))
          .append("\">")
          .append(esc(f.severity()))
          .append("</span></td><td>")
          .append(esc(f.controlId()))
          .append("</td><td>")
          .append(link("/findings/" + f.id(), resource(f)))
          .append("</td><td>")
          .append(esc(f.cluster()))
          .append("</td><td>")
          .append(esc(f.message()))
          .append("</td><td>")
          .append(state(f))
          .append("</td></tr>");
    }
    return sb.append("</tbody></table>");
  }

  private static String state(FindingRow f) {
    if (!f.open()) {
      return "fixed";
    }
    return f.status().equals("excepted") ? "excepted" : "open";
  }

  static String resource(FindingRow f) {
    String kind = f.kind() == null ? "?" : f.kind();
    String name = f.name() == null ? "?" : f.name();
    return f.namespace() == null || f.namespace().isEmpty()
        ? kind + "/" + name
        : kind + " " + f.namespace() + "/" + name;
  }

  static String search(FindingQuery q, Page<FindingRow> page, List<String> clusters, String csrf) {
    StringBuilder sb = new StringBuilder("<h1>Findings</h1>");
    sb.append("<form method=\"get\" action=\"/findings\" class=\"filters\" id=\"filters\">")
        .append(select("cluster", "Cluster", q.cluster(), prepend("", clusters)))
        .append(
            select(
                "severity",
                "Severity",
                q.severity(),
                List.of("", "critical", "high", "medium", "low")))
        .append(input("control", "Control", q.controlId()))
        .append(input("namespace", "Namespace", q.namespace()))
        .append(select("state", "State", q.state(), List.of("open", "fixed", "all")))
        .append(input("q", "Text", q.text()))
        .append("<button type=\"submit\">Filter</button></form>");
    sb.append("<p id=\"result-count\">");
    if (page.totalCapped()) {
      sb.append("More than ").append(String.format("%,d", page.total())).append(" findings");
    } else {
      sb.append(page.total()).append(page.total() == 1 ? " finding" : " findings");
    }
    sb.append(", page ").append(page.page());
    if (!page.totalCapped()) {
      sb.append(" of ").append(page.pages());
    }
    sb.append(".</p>");
    if (!page.items().isEmpty()) {
      sb.append(findingTable(page.items()));
    }
    // pages after the first are read by keyset: the links carry the finding they start after
    sb.append("<nav aria-label=\"Pages\" class=\"pager\">");
    if (page.page() > 1) {
      String previous =
          page.page() == 2 || page.items().isEmpty()
              ? pageUrl(q, 1)
              : cursorUrl(q, "before", page.items().get(0).id(), page.page() - 1);
      sb.append(link(previous, "Previous page")).append(' ');
    }
    if (page.hasNext() && !page.items().isEmpty()) {
      long last = page.items().get(page.items().size() - 1).id();
      sb.append(link(cursorUrl(q, "after", last, page.page() + 1), "Next page"));
    }
    sb.append("</nav>");
    return layout("Findings", csrf, sb.toString());
  }

  private static List<String> prepend(String first, List<String> rest) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  static String cursorUrl(FindingQuery q, String direction, long id, int page) {
    return query(
        "/findings",
        params(
            "cluster",
            q.cluster(),
            "severity",
            q.severity(),
            "control",
            q.controlId(),
            "namespace",
            q.namespace(),
            "state",
            q.state(),
            "q",
            q.text(),
            "page",
            Integer.toString(page),
            direction,
            Long.toString(id)));
  }

  static String pageUrl(FindingQuery q, int page) {
    return query(
        "/findings",
        params(
            "cluster", q.cluster(),
            "severity", q.severity(),
            "control", q.controlId(),
            "namespace", q.namespace(),
            "state", q.state(),
            "q", q.text(),
            "page", Integer.toString(page)));
  }

  private static String select(String name, String label, String chosen, List<String> options) {
    StringBuilder sb =
        new StringBuilder("<label for=\"f-")
            .append(name)
            .append("\">")
            .append(esc(label))
            .append("</label> <select id=\"f-")
            .append(name)
            .append("\" name=\"")
            .append(name)
            .append("\">");
    for (String o : options) {
      sb.append("<option value=\"")
          .append(esc(o))
          .append('"')
          .append(o.equals(chosen == null ? "" : chosen) ? " selected" : "")
          .append('>')
          .append(esc(o.isEmpty() ? "any" : o))
          .append("</option>");
    }
    return sb.append("</select> ").toString();
  }

  private static String input(String name, String label, String value) {
    return "<label for=\"f-"
        + name
        + "\">"
        + esc(label)
        + "</label> <input id=\"f-"
        + name
        + "\" name=\""
        + name
        + "\" value=\""
        + esc(value)
        + "\" size=\"12\"> ";
  }

  static String finding(FindingRow f, List<Period> periods, String csrf) {
    StringBuilder sb =
        new StringBuilder("<h1>")
            .append(esc(f.controlId()))
            .append(": ")
            .append(esc(f.title()))
            .append("</h1><dl class=\"finding\">");
    item(sb, "Cluster", link("/clusters/" + enc(f.cluster()), f.cluster()));
    item(
        sb,
        "Severity",
        "<span class=\"sev " + esc(f.severity()) + "\">" + esc(f.severity()) + "</span>");
    item(sb, "State", esc(state(f)));
    item(sb, "Resource", esc((f.apiVersion() == null ? "" : f.apiVersion() + " ") + resource(f)));
    if (f.file() != null) {
      item(
          sb,
          "Location",
          "<code>"
              + esc(f.file() + (f.line() == null ? "" : ":" + f.line()))
              + (f.column() == null ? "" : esc(":" + f.column()))
              + "</code>");
    } else {
      item(sb, "Location", "cluster object");
    }
    if (f.path() != null) {
      item(sb, "Field", "<code>" + esc(f.path()) + "</code>");
    }
    item(sb, "Message", esc(f.message()));
    item(sb, "Remediation", esc(f.remediation()));
    item(sb, "References", f.refs().isBlank() ? "none" : esc(f.refs()));
    item(sb, "Fingerprint", "<code>" + esc(f.fingerprint()) + "</code>");
    item(sb, "First seen", esc(time(f.firstSeenMs())));
    item(sb, "Last seen", esc(time(f.lastSeenMs())));
    item(sb, "Fixed", f.fixedMs() == null ? "not fixed" : esc(time(f.fixedMs())));
    item(sb, "Reopened", f.reopened() == 0 ? "never" : f.reopened() + " time(s)");
    item(
        sb,
        "Exception",
        f.status().equals("excepted")
            ? "excepted: " + esc(f.note() == null ? "(no reason given)" : f.note())
            : "No exception covers this finding.");
    sb.append("</dl><h2>History</h2><table><caption>Periods this finding was open</caption>")
        .append("<thead><tr><th scope=\"col\">Opened</th><th scope=\"col\">Fixed</th></tr>")
        .append("</thead><tbody>");
    for (Period p : periods) {
      sb.append("<tr><td>")
          .append(esc(time(p.openedMs())))
          .append("</td><td>")
          .append(p.closedMs() == null ? "still open" : esc(time(p.closedMs())))
          .append("</td></tr>");
    }
    sb.append("</tbody></table>");
    return layout(f.controlId() + " " + resource(f), csrf, sb.toString());
  }

  private static void item(StringBuilder sb, String term, String html) {
    sb.append("<dt>").append(esc(term)).append("</dt><dd>").append(html).append("</dd>");
  }

  static String error(int status, String message, String csrf) {
    return layout(
        "Error " + status,
        csrf,
        "<h1>Error " + status + "</h1><p>" + esc(message) + "</p><p><a href=\"/\">Fleet</a></p>");
  }
}
