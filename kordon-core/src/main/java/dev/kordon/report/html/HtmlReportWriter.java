package dev.kordon.report.html;

import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.ControlSummary;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.ReportWriter;
import dev.kordon.report.Summary;
import dev.kordon.report.WriterOptions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page: summary cards, framework scores, the control view (one row and one
 * remediation per control), then the findings grouped by control, most severe first, each group
 * collapsed, then analyzer sections and input problems. A page for a large scan stays small: each
 * finding is one row (resource, location, message), and when the rows would pass {@link
 * #FINDINGS_BUDGET} every group shows the same number of rows at most and says how many it left
 * out. No external fonts, scripts or styles; a Content-Security-Policy allows only the page's own
 * style sheet and its one small filter script, both by hash, so that even a missed escape could not
 * run anything. The page reads fully without the script (which only adds the severity filter and
 * the search box).
 */
public final class HtmlReportWriter implements ReportWriter {

  /** Bytes that the finding rows of one page may take, so that the page stays under 5 MB. */
  static final long FINDINGS_BUDGET = 4_000_000;

  private static final String SCRIPT =
      "(function(){var f=document.getElementById('filters');if(!f){return;}f.hidden=false;"
          + "var b=document.body;f.querySelectorAll('input[type=checkbox]').forEach(function(x){"
          + "x.addEventListener('change',function(){b.classList.toggle('hide-'+x.value,"
          + "!x.checked);});});var q=document.getElementById('q'),t=0;function run(){"
          + "var s=q.value.trim().toLowerCase();"
          + "document.querySelectorAll('.searchable').forEach(function(g){"
          + "var h=g.querySelector('summary'),all=s===''||(h&&h.textContent.toLowerCase()"
          + ".indexOf(s)>=0),n=0;g.querySelectorAll('tbody tr').forEach(function(r){"
          + "if(r.k===undefined){r.k=r.textContent.toLowerCase();}"
          + "var m=all||r.k.indexOf(s)>=0;r.classList.toggle('nomatch',!m);if(m){n++;}});"
          + "if(h){g.classList.toggle('nomatch',n===0);if(s!==''&&n>0){g.open=true;}}});}"
          + "q.addEventListener('input',function(){clearTimeout(t);t=setTimeout(run,200);});})();";

  private static final String SCRIPT_HASH = sha256(SCRIPT);

  private static final String CSS =
      String.join(
          "\n",
          ":root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--card:#f6f8fa;--line:#d1d9e0;"
              + "--critical:#a40e26;--high:#d1242f;--medium:#9a6700;--low:#0969da;--ok:#1a7f37}",
          "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;"
              + "--card:#151b23;--line:#3d444d;--critical:#ff7b72;--high:#f85149;"
              + "--medium:#d29922;--low:#4493f8;--ok:#3fb950}}",
          "*{box-sizing:border-box}",
          "body{margin:0 auto;max-width:80rem;padding:1.5rem;color:var(--fg);background:var(--bg);"
              + "font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}",
          "h1{margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid var(--line)}",
          "a{color:inherit}",
          "code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
              + "overflow-wrap:anywhere}",
          ".muted{color:var(--muted)}",
          ".cards{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1rem}",
          ".card{background:var(--card);border:1px solid var(--line);border-radius:8px;"
              + "padding:.6rem 1rem;min-width:7.5rem}",
          ".card .num{display:block;font-size:1.6rem;font-weight:600}",
          ".card.critical .num{color:var(--critical)}.card.high .num{color:var(--high)}",
          ".card.medium .num{color:var(--medium)}.card.low .num{color:var(--low)}",
          "table{border-collapse:collapse;width:100%}",
          "th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid var(--line);"
              + "vertical-align:top;overflow-wrap:anywhere}",
          "td.n{text-align:right;white-space:nowrap}",
          "meter{width:6rem}",
          ".badge{display:inline-block;border-radius:1em;padding:0 .55em;font-size:12px;"
              + "font-weight:600;color:#fff;background:var(--muted)}",
          ".badge.critical{background:var(--critical)}.badge.high{background:var(--high)}",
          ".badge.medium{background:var(--medium)}.badge.low{background:var(--low)}",
          "details.group{border:1px solid var(--line);border-radius:8px;margin:.5rem 0}",
          "details.group>summary{cursor:pointer;padding:.45rem .75rem;background:var(--card);"
              + "border-radius:8px}",
          "details.group>table,details.group>p{margin:0;padding:0 .75rem}",
          "tr.sev-excepted{opacity:.7}",
          "#filters{margin:1rem 0}#filters label{margin-right:1rem}",
          "#filters input[type=search]{min-width:16rem}",
          ".nomatch,.hide-critical .sev-critical,.hide-high .sev-high,.hide-medium .sev-medium,"
              + ".hide-low .sev-low,.hide-excepted .sev-excepted{display:none}",
          "@media print{#filters{display:none}}");

  private static final String CSS_HASH = sha256(CSS);

  private final WriterOptions options;

  public HtmlReportWriter() {
    this(WriterOptions.PLAIN);
  }

  public HtmlReportWriter(WriterOptions options) {
    this.options = options;
  }

  @Override
  public Format format() {
    return Format.HTML;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    StringBuilder h = new StringBuilder(16_384);
    String title = report.isScan() ? "Kordon report" : "Kordon: " + Html.escape(report.command());
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" style-src 'sha256-")
        .append(CSS_HASH)
        .append("'; script-src 'sha256-")
        .append(SCRIPT_HASH)
        .append("'\">\n");
    h.append("<title>").append(title).append("</title>\n<style>").append(CSS).append("</style>\n");
    h.append("</head>\n<body>\n<header>\n<h1>")
        .append(title)
        .append("</h1>\n<p class=\"muted\">")
        .append(Html.escape(report.tool().name() + " " + report.tool().version()))
        .append("</p>\n</header>\n<main>\n");
    if (report.hasFindings()) {
      boolean withFindings = !options.controlsOnly();
      FindingGroups groups =
          FindingGroups.of(
              withFindings ? report.findings() : List.of(),
              row(commonDirectory(report.findings())),
              FINDINGS_BUDGET);
      cards(report, h);
      filters(report, withFindings, h);
      frameworks(report, h);
      controls(report, groups, h);
      if (withFindings) {
        findings(report, groups, h);
      }
    }
    sections(report, h);
    problems(report, h);
    h.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    out.write(h.toString());
    out.flush();
  }

  private static void cards(Report report, StringBuilder h) {
    Summary s = report.summary();
    h.append("<section class=\"cards\" aria-label=\"Summary\">\n");
    card(h, "", s.objects(), s.objects() == 1 ? "object" : "objects");
    card(h, "", s.findings(), s.findings() == 1 ? "finding" : "findings");
    for (Severity sev : descending()) {
      card(h, sev.word(), s.count(sev), sev.word());
    }
    card(h, "", s.excepted(), "excepted");
    card(
        h,
        "",
        report.errors().size(),
        report.errors().size() == 1 ? "input error" : "input errors");
    h.append("</section>\n");
    if (s.shown().isPresent()) {
      h.append("<p class=\"shown\">")
          .append(Html.escape(s.shown().get().describe(s)))
          .append("</p>\n");
    }
  }

  private static void card(StringBuilder h, String cls, int n, String label) {
    h.append("<div class=\"card")
        .append(cls.isEmpty() ? "" : " " + cls)
        .append("\"><span class=\"num\">")
        .append(n)
        .append("</span><span class=\"muted\">")
        .append(label)
        .append("</span></div>\n");
  }

  /** The severity boxes and the search box, hidden until the script shows them. */
  private static void filters(Report report, boolean withFindings, StringBuilder h) {
    if (report.controlSummaries().isEmpty() && report.findings().isEmpty()) {
      return;
    }
    h.append("<div id=\"filters\" hidden>Show: ");
    for (Severity sev : descending()) {
      filter(h, sev.word());
    }
    if (withFindings && report.summary().excepted() > 0) {
      filter(h, "excepted");
    }
    h.append("<label>Search: <input type=\"search\" id=\"q\" placeholder=\"")
        .append(withFindings ? "control, resource, file or message" : "control")
        .append("\"></label></div>\n");
  }

  private static void filter(StringBuilder h, String word) {
    h.append("<label><input type=\"checkbox\" value=\"")
        .append(word)
        .append("\" checked> ")
        .append(word)
        .append("</label>");
  }

  private static void frameworks(Report report, StringBuilder h) {
    if (report.frameworks().isEmpty()) {
      return;
    }
    h.append("<section id=\"frameworks\">\n<h2>Frameworks</h2>\n<table>\n");
    h.append("<thead><tr><th>Framework</th><th>Score</th><th></th>")
        .append("<th>Controls passed</th><th>Controls failed</th><th>Not evaluated</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (FrameworkScore fs : report.frameworks()) {
      h.append("<tr><td>")
          .append(Html.escape(fs.name()))
          .append(" <span class=\"muted\">(")
          .append(Html.escape(fs.id()))
          .append(")</span></td><td class=\"n\">")
          .append(fs.percent()) // n/a when the framework judged nothing: no meter then
          .append("</td><td>")
          .append(fs.score().isPresent() ? meter(fs.score().getAsDouble()) : "")
          .append("</td><td class=\"n\">")
          .append(fs.passed())
          .append("</td><td class=\"n\">")
          .append(fs.failed())
          .append("</td><td class=\"n\">")
          .append(fs.notEvaluated())
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  /** The control view: per control its severity, failed and judged resources, and the fix. */
  private static void controls(Report report, FindingGroups groups, StringBuilder h) {
    if (report.controlSummaries().isEmpty()) {
      return;
    }
    java.util.Set<String> linked = new java.util.HashSet<>();
    groups.groups().forEach(g -> linked.add(g.controlId()));
    h.append("<section id=\"controls\">\n<h2>Controls</h2>\n<table class=\"searchable\">\n")
        .append("<thead><tr><th>Severity</th><th>Control</th><th>Failed resources</th>")
        .append("<th>Resources</th><th>Compliance</th><th>How to fix</th></tr></thead>\n")
        .append("<tbody>\n");
    for (ControlSummary c : report.controlSummaries()) {
      String id = Html.escape(c.controlId());
      h.append("<tr class=\"sev-")
          .append(c.severity().word())
          .append("\"><td><span class=\"badge ")
          .append(c.severity().word())
          .append("\">")
          .append(c.severity().word())
          .append("</span></td><td>");
      if (linked.contains(c.controlId())) {
        h.append("<a href=\"#g-").append(id).append("\"><code>").append(id).append("</code></a>");
      } else {
        h.append("<code>").append(id).append("</code>");
      }
      h.append(' ')
          .append(Html.escape(c.title()))
          .append("</td><td class=\"n\">")
          .append(c.failedResources())
          .append("</td><td class=\"n\">")
          .append(c.resources())
          .append("</td><td class=\"n\">");
      if (c.resources() == 0) {
        h.append("<span class=\"muted\">n/a</span>");
      } else {
        h.append(percent(c.compliance())).append("% ").append(meter(c.compliance()));
      }
      h.append("</td><td class=\"muted\">")
          .append(c.failed() ? Html.escape(c.remediation()) : "")
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private static void findings(Report report, FindingGroups groups, StringBuilder h) {
    h.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (report.findings().isEmpty()) {
      h.append("<p>No findings.</p>\n</section>\n");
      return;
    }
    h.append("<p class=\"muted\">Grouped by control, most severe first; open a group to see")
        .append(" its findings.");
    String base = commonDirectory(report.findings());
    if (!base.isEmpty()) {
      h.append(" Locations are relative to <code>").append(Html.escape(base)).append("</code>.");
    }
    h.append("</p>\n");
    if (groups.leftOut() > 0) {
      h.append("<p><strong>This page lists ")
          .append(groups.total() - groups.leftOut())
          .append(" of ")
          .append(groups.total())
          .append(" findings</strong>, at most ")
          .append(maxShown(groups))
          .append(" per control, to stay small enough to open; the JSON and SARIF reports")
          .append(" (<code>--format json</code>) have them all.</p>\n");
    }
    for (FindingGroups.Group g : groups.groups()) {
      group(g, groups.shown(g), h);
    }
    h.append("</section>\n");
  }

  private static int maxShown(FindingGroups groups) {
    int max = 0;
    for (FindingGroups.Group g : groups.groups()) {
      max = Math.max(max, groups.shown(g));
    }
    return max;
  }

  private static void group(FindingGroups.Group g, int shown, StringBuilder h) {
    Finding first = g.findings().get(0);
    int failed = g.failed();
    String cls = failed == 0 ? "excepted" : g.severity().word();
    h.append("<details class=\"group searchable sev-")
        .append(cls)
        .append("\" id=\"g-")
        .append(Html.escape(g.controlId()))
        .append("\">\n<summary><span class=\"badge ")
        .append(g.severity().word())
        .append("\">")
        .append(g.severity().word())
        .append("</span> <code>")
        .append(Html.escape(g.controlId()))
        .append("</code> <strong>")
        .append(Html.escape(first.title()))
        .append("</strong> <span class=\"muted\">")
        .append(count(g.findings().size(), "finding"))
        .append(" in ")
        .append(count((int) g.resources(), "resource"));
    int excepted = g.findings().size() - failed;
    if (excepted > 0) {
      h.append(", ").append(excepted).append(" excepted");
    }
    h.append("</span></summary>\n<table>\n<thead><tr><th>Resource</th><th>Location</th>")
        .append("<th>Message</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < shown; i++) {
      h.append(g.rows().get(i));
    }
    h.append("</tbody>\n</table>\n");
    int left = g.rows().size() - shown;
    if (left > 0) {
      h.append("<p class=\"muted\">")
          .append(count(left, "more finding"))
          .append(" of this control left out of this page.</p>\n");
    }
    h.append("</details>\n");
  }

  /**
   * One finding as a table row: resource, location, message (and the exception's note). End tags of
   * cells and rows are optional in HTML and left out: on a large scan they would be a third of the
   * page.
   */
  private static java.util.function.Function<Finding, String> row(String base) {
    return f -> {
      StringBuilder r = new StringBuilder(160);
      r.append(f.failed() ? "<tr><td>" : "<tr class=\"sev-excepted\"><td>")
          .append(Html.escape(f.resource().display()))
          .append("<td>");
      if (f.location().isPresent()) {
        String file = f.location().get().file();
        r.append(Html.escape(file.startsWith(base) ? file.substring(base.length()) : file))
            .append(':')
            .append(f.location().get().line());
      } else {
        r.append("<code>").append(Html.escape(f.path().toString())).append("</code>");
      }
      r.append("<td>").append(Html.escape(f.message()));
      if (!f.note().isEmpty()) {
        r.append(" <em>")
            .append(f.failed() ? "" : "excepted: ")
            .append(Html.escape(f.note()))
            .append("</em>");
      }
      return r.append('\n').toString();
    };
  }

  /**
   * The directory every finding's file lies under (ending in a slash), or empty when they share
   * none: a scan of one large tree would otherwise repeat its absolute path on every row.
   */
  static String commonDirectory(List<Finding> findings) {
    String common = null;
    for (Finding f : findings) {
      if (f.location().isEmpty()) {
        continue;
      }
      String file = f.location().get().file();
      if (common == null) {
        common = file;
      } else {
        int n = 0;
        int max = Math.min(common.length(), file.length());
        while (n < max && common.charAt(n) == file.charAt(n)) {
          n++;
        }
        common = common.substring(0, n);
      }
      if (common.isEmpty()) {
        return "";
      }
    }
    if (common == null) {
      return "";
    }
    int slash = common.lastIndexOf('/');
    return slash <= 0 ? "" : common.substring(0, slash + 1);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String meter(double value) {
    String v = percent(value);
    return "<meter min=\"0\" max=\"100\" value=\"" + v + "\">" + v + "%</meter>";
  }

  private static void sections(Report report, StringBuilder h) {
    for (ReportSection s : report.sections()) {
      h.append("<section>\n");
      if (!s.title().isEmpty()) {
        h.append("<h2>").append(Html.escape(s.title())).append("</h2>\n");
      }
      if (s instanceof ReportSection.Table t) {
        table(t, h);
      } else if (s instanceof ReportSection.Text t) {
        pre(t.lines(), h);
      } else if (s instanceof ReportSection.Graph g) {
        pre(g.lines(), h);
      }
      h.append("</section>\n");
    }
  }

  private static void table(ReportSection.Table t, StringBuilder h) {
    h.append("<table>\n<thead><tr>");
    for (String c : t.columns()) {
      h.append("<th>").append(Html.escape(c)).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : t.rows()) {
      h.append("<tr>");
      for (String cell : row) {
        h.append("<td>").append(Html.escape(cell)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
    for (String line : t.footer()) {
      h.append("<p>").append(Html.escape(line)).append("</p>\n");
    }
  }

  private static void pre(List<String> lines, StringBuilder h) {
    if (lines.isEmpty()) {
      return;
    }
    h.append("<pre>");
    for (String line : lines) {
      h.append(Html.escape(line.replace('\n', ' ').replace('\r', ' '))).append('\n');
    }
    h.append("</pre>\n");
  }

  private static void problems(Report report, StringBuilder h) {
    if (report.errors().isEmpty() && report.notes().isEmpty()) {
      return;
    }
    h.append("<section id=\"problems\">\n<h2>Errors and notes</h2>\n<ul>\n");
    for (ScanError e : report.errors()) {
      h.append("<li><span class=\"badge critical\">error</span> ")
          .append(Html.escape(e.toString()))
          .append("</li>\n");
    }
    for (ScanError e : report.notes()) {
      h.append("<li><span class=\"badge\">note</span> ")
          .append(Html.escape(e.toString()))
          .append("</li>\n");
    }
    h.append("</ul>\n</section>\n");
  }

  private static List<Severity> descending() {
    List<Severity> out = new ArrayList<>(List.of(Severity.values()));
    java.util.Collections.reverse(out);
    return out;
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
