package dev.kordon.report.html;

import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.ReportWriter;
import dev.kordon.report.Summary;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page: summary cards, framework scores with bars, findings grouped by
 * resource, analyzer sections and input problems. No external fonts, scripts or styles; a
 * Content-Security-Policy allows only the inline style and the one small filter script (by hash),
 * so that even a missed escape could not run anything. The page reads fully without the script.
 */
public final class HtmlReportWriter implements ReportWriter {

  private static final String SCRIPT =
      "(function(){var f=document.getElementById('filters');if(!f){return;}f.hidden=false;"
          + "f.querySelectorAll('input').forEach(function(box){"
          + "box.addEventListener('change',function(){"
          + "document.body.classList.toggle('hide-'+box.value,!box.checked);});});})();";

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
          "body{margin:0 auto;max-width:72rem;padding:1.5rem;color:var(--fg);background:var(--bg);"
              + "font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}",
          "h1{margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid var(--line)}",
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
          "th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid var(--line);"
              + "vertical-align:top}",
          ".bar{background:var(--card);border:1px solid var(--line);border-radius:4px;"
              + "height:.8rem;min-width:8rem}",
          ".bar span{display:block;height:100%;background:var(--ok);border-radius:3px}",
          ".badge{display:inline-block;border-radius:1em;padding:0 .55em;font-size:12px;"
              + "font-weight:600;color:#fff;background:var(--muted)}",
          ".badge.critical{background:var(--critical)}.badge.high{background:var(--high)}",
          ".badge.medium{background:var(--medium)}.badge.low{background:var(--low)}",
          "details.resource{border:1px solid var(--line);border-radius:8px;margin:.75rem 0}",
          "details.resource>summary{cursor:pointer;padding:.5rem .75rem;background:var(--card);"
              + "border-radius:8px}",
          "ul.findings{list-style:none;margin:0;padding:0 .75rem}",
          "li.finding{padding:.6rem 0;border-top:1px solid var(--line)}",
          "li.finding p{margin:.25rem 0}",
          "li.excepted{opacity:.7}",
          ".fix{color:var(--muted)}",
          ".msg{white-space:pre-wrap;overflow-wrap:anywhere}",
          "#filters{margin:.5rem 0}#filters label{margin-right:1rem}",
          ".hide-critical .sev-critical,.hide-high .sev-high,.hide-medium .sev-medium,"
              + ".hide-low .sev-low,.hide-excepted .sev-excepted{display:none}",
          "@media print{details.resource{break-inside:avoid}#filters{display:none}}");

  @Override
  public Format format() {
    return Format.HTML;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" style-src 'unsafe-inline'; script-src 'sha256-")
        .append(SCRIPT_HASH)
        .append("'\">\n");
    h.append("<title>")
        .append(report.isScan() ? "Kordon report" : "Kordon: " + Html.escape(report.command()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("\n</style>\n");
    h.append("</head>\n<body>\n<header>\n<h1>")
        .append(report.isScan() ? "Kordon report" : "Kordon: " + Html.escape(report.command()))
        .append("</h1>\n<p class=\"muted\">")
        .append(Html.escape(report.tool().name() + " " + report.tool().version()))
        .append("</p>\n</header>\n<main>\n");
    if (report.isScan()) {
      cards(report, h);
      frameworks(report, h);
      findings(report, h);
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

  private static void frameworks(Report report, StringBuilder h) {
    if (report.frameworks().isEmpty()) {
      return;
    }
    h.append("<section id=\"frameworks\">\n<h2>Frameworks</h2>\n<table>\n");
    h.append("<thead><tr><th>Framework</th><th>Score</th><th></th>")
        .append("<th>Controls passed</th><th>Controls failed</th></tr></thead>\n<tbody>\n");
    for (FrameworkScore fs : report.frameworks()) {
      String pct = String.format(Locale.ROOT, "%.1f", fs.score().orElse(0)); // n/a: no bar
      h.append("<tr><td>")
          .append(Html.escape(fs.name()))
          .append(" <span class=\"muted\">(")
          .append(Html.escape(fs.id()))
          .append(")</span></td><td>")
          .append(fs.percent())
          .append("</td><td><div class=\"bar\" role=\"img\" aria-label=\"")
          .append(fs.percent())
          .append("\"><span style=\"width:")
          .append(pct)
          .append("%\"></span></div></td><td>")
          .append(fs.passed())
          .append("</td><td>")
          .append(fs.failed())
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private static void findings(Report report, StringBuilder h) {
    h.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (report.findings().isEmpty()) {
      h.append("<p>No findings.</p>\n</section>\n");
      return;
    }
    h.append("<div id=\"filters\" hidden>Show: ");
    for (Severity sev : descending()) {
      filter(h, sev.word());
    }
    filter(h, "excepted");
    h.append("</div>\n");
    Map<ObjectRef, List<Finding>> byResource = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      byResource.computeIfAbsent(f.resource(), k -> new ArrayList<>()).add(f);
    }
    for (Map.Entry<ObjectRef, List<Finding>> e : byResource.entrySet()) {
      resource(e.getKey(), e.getValue(), h);
    }
    h.append("</section>\n");
  }

  private static void filter(StringBuilder h, String word) {
    h.append("<label><input type=\"checkbox\" value=\"")
        .append(word)
        .append("\" checked> ")
        .append(word)
        .append("</label>");
  }

  private static void resource(ObjectRef ref, List<Finding> findings, StringBuilder h) {
    h.append("<details class=\"resource\" open>\n<summary><strong>")
        .append(Html.escape(ref.display()))
        .append("</strong>");
    findings.stream()
        .flatMap(f -> f.location().stream())
        .findFirst()
        .ifPresent(
            l ->
                h.append(" <span class=\"muted\">")
                    .append(Html.escape(l.file()))
                    .append("</span>"));
    for (Severity sev : descending()) {
      long n = findings.stream().filter(f -> f.failed() && f.severity() == sev).count();
      if (n > 0) {
        h.append(" <span class=\"badge ")
            .append(sev.word())
            .append("\">")
            .append(n)
            .append(' ')
            .append(sev.word())
            .append("</span>");
      }
    }
    h.append("</summary>\n<ul class=\"findings\">\n");
    for (Finding f : findings) {
      finding(f, h);
    }
    h.append("</ul>\n</details>\n");
  }

  private static void finding(Finding f, StringBuilder h) {
    String cls = f.failed() ? f.severity().word() : "excepted";
    h.append("<li class=\"finding sev-")
        .append(cls)
        .append(f.failed() ? "" : " excepted")
        .append("\">\n<p><span class=\"badge ")
        .append(f.severity().word())
        .append("\">")
        .append(f.severity().word())
        .append("</span> ");
    if (!f.failed()) {
      h.append("<span class=\"badge\">excepted</span> ");
    }
    h.append("<code>")
        .append(Html.escape(f.controlId()))
        .append("</code> <strong>")
        .append(Html.escape(f.title()))
        .append("</strong></p>\n<p class=\"muted\">")
        .append(Html.escape(f.location().map(l -> l.toString()).orElse("no file location")))
        .append(" · <code>")
        .append(Html.escape(f.path().toString()))
        .append("</code></p>\n<p class=\"msg\">")
        .append(Html.escape(f.message()))
        .append("</p>\n");
    if (!f.note().isEmpty()) {
      h.append("<p><em>")
          .append(f.failed() ? "" : "Excepted: ")
          .append(Html.escape(f.note()))
          .append("</em></p>\n");
    }
    h.append("<p class=\"fix\"><strong>Fix:</strong> ")
        .append(Html.escape(f.remediation()))
        .append("</p>\n");
    if (!f.refs().isEmpty()) {
      h.append("<p class=\"muted\">");
      for (int i = 0; i < f.refs().size(); i++) {
        h.append(i == 0 ? "" : " ").append("<code>").append(Html.escape(f.refs().get(i)));
        h.append("</code>");
      }
      h.append("</p>\n");
    }
    h.append("</li>\n");
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
