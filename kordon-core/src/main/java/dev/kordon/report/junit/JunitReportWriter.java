package dev.kordon.report.junit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.Finding;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportWriter;
import dev.kordon.report.Resource;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML for CI test tabs: one test suite per scanned resource, one test case per control that
 * applies to the resource's kind; a case fails when the control found something on the resource and
 * is skipped when every finding is excepted. Unreadable inputs form an extra suite of errors.
 */
public final class JunitReportWriter implements ReportWriter {

  static final String INPUTS_SUITE = "kordon inputs";

  @Override
  public Format format() {
    return Format.JUNIT;
  }

  /** One resource's suite: its origin and its findings per control id, in report order. */
  private record Suite(ObjectRef ref, String origin, Map<String, List<Finding>> byControl) {}

  /** One rendered test case and how it ended. */
  private record Case(String xml, boolean failed, boolean skipped, boolean error) {}

  @Override
  public void write(Report report, Writer out) throws IOException {
    List<String> suites = new ArrayList<>();
    int tests = 0;
    int failures = 0;
    int skipped = 0;
    int errors = 0;
    for (Suite suite : suites(report)) {
      List<Case> cases = cases(suite, report.controls());
      suites.add(suite(suite.ref().display(), suite.origin(), cases));
      tests += cases.size();
      for (Case c : cases) {
        failures += c.failed() ? 1 : 0;
        skipped += c.skipped() ? 1 : 0;
      }
    }
    if (!report.errors().isEmpty() || !report.notes().isEmpty()) {
      List<Case> cases = new ArrayList<>();
      for (ScanError e : report.errors()) {
        cases.add(problem(e, true));
      }
      for (ScanError e : report.notes()) {
        cases.add(problem(e, false));
      }
      suites.add(suite(INPUTS_SUITE, "", cases));
      tests += cases.size();
      errors += report.errors().size();
      skipped += report.notes().size();
    }

    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<testsuites name=\"")
        .append(Xml.attribute(report.tool().name() + " " + report.tool().version()))
        .append("\" tests=\"")
        .append(tests)
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(errors)
        .append("\" skipped=\"")
        .append(skipped)
        .append("\">\n");
    suites.forEach(sb::append);
    sb.append("</testsuites>\n");
    out.write(sb.toString());
    out.flush();
  }

  /** Suites in the order of the scanned resources, then resources only findings name. */
  private static List<Suite> suites(Report report) {
    Map<ObjectRef, Suite> suites = new LinkedHashMap<>();
    for (Resource r : report.resources()) {
      suites.putIfAbsent(r.ref(), new Suite(r.ref(), r.origin(), new LinkedHashMap<>()));
    }
    for (Finding f : report.findings()) {
      Suite s =
          suites.computeIfAbsent(
              f.resource(),
              ref ->
                  new Suite(
                      ref, f.location().map(l -> l.file()).orElse(""), new LinkedHashMap<>()));
      s.byControl().computeIfAbsent(f.controlId(), k -> new ArrayList<>()).add(f);
    }
    return List.copyOf(suites.values());
  }

  private static List<Case> cases(Suite suite, List<ControlInfo> controls) {
    List<Case> cases = new ArrayList<>();
    List<String> done = new ArrayList<>();
    for (ControlInfo c : controls) {
      List<Finding> found = suite.byControl().getOrDefault(c.id(), List.of());
      if (done.contains(c.id()) || !c.kinds().contains(suite.ref().kind()) && found.isEmpty()) {
        continue;
      }
      done.add(c.id());
      cases.add(testCase(suite.ref(), c.id() + " " + c.title(), found));
    }
    for (Map.Entry<String, List<Finding>> e : suite.byControl().entrySet()) {
      if (!done.contains(e.getKey())) {
        done.add(e.getKey());
        Finding first = e.getValue().get(0);
        cases.add(testCase(suite.ref(), first.controlId() + " " + first.title(), e.getValue()));
      }
    }
    return cases;
  }

  private static Case testCase(ObjectRef ref, String name, List<Finding> found) {
    List<Finding> failed = found.stream().filter(Finding::failed).toList();
    List<Finding> excepted = found.stream().filter(f -> !f.failed()).toList();
    StringBuilder sb = new StringBuilder();
    sb.append("    <testcase name=\"")
        .append(Xml.attribute(name))
        .append("\" classname=\"")
        .append(Xml.attribute(ref.display()))
        .append('"');
    found.stream()
        .flatMap(f -> f.location().stream())
        .findFirst()
        .ifPresent(l -> sb.append(" file=\"").append(Xml.attribute(l.file())).append('"'));
    if (failed.isEmpty() && excepted.isEmpty()) {
      sb.append("/>\n");
      return new Case(sb.toString(), false, false, false);
    }
    sb.append(">\n");
    if (!failed.isEmpty()) {
      Finding first = failed.get(0);
      String message =
          failed.size() == 1
              ? first.message()
              : first.message() + " (and " + (failed.size() - 1) + " more)";
      sb.append("      <failure message=\"")
          .append(Xml.attribute(message))
          .append("\" type=\"")
          .append(first.severity().word())
          .append("\">");
      List<String> details = new ArrayList<>();
      for (Finding f : found) {
        details.add(details(f));
      }
      sb.append(Xml.text(String.join("\n", details)));
      sb.append("</failure>\n");
    } else {
      sb.append("      <skipped message=\"")
          .append(Xml.attribute("excepted: " + excepted.get(0).note()))
          .append("\"/>\n");
    }
    sb.append("    </testcase>\n");
    return new Case(sb.toString(), !failed.isEmpty(), failed.isEmpty(), false);
  }

  private static String details(Finding f) {
    StringBuilder sb = new StringBuilder();
    sb.append('[').append(f.failed() ? f.severity().word() : "excepted").append("] ");
    sb.append(f.location().map(l -> l.toString()).orElse(f.resource().display()));
    sb.append(' ').append(f.path()).append('\n');
    sb.append(f.message()).append('\n');
    if (f.failed()) {
      sb.append("Fix: ").append(f.remediation()).append('\n');
    }
    if (!f.note().isEmpty()) {
      sb.append("Note: ").append(f.note()).append('\n');
    }
    return sb.toString();
  }

  private static Case problem(ScanError e, boolean error) {
    String name = e.line() > 0 ? e.file() + ":" + e.line() : e.file();
    StringBuilder sb = new StringBuilder();
    sb.append("    <testcase name=\"")
        .append(Xml.attribute(name))
        .append("\" classname=\"")
        .append(Xml.attribute(INPUTS_SUITE))
        .append("\">\n");
    if (error) {
      sb.append("      <error message=\"")
          .append(Xml.attribute(e.message()))
          .append("\" type=\"input\"/>\n");
    } else {
      sb.append("      <skipped message=\"").append(Xml.attribute(e.message())).append("\"/>\n");
    }
    sb.append("    </testcase>\n");
    return new Case(sb.toString(), false, !error, error);
  }

  private static String suite(String name, String origin, List<Case> cases) {
    int failures = 0;
    int skipped = 0;
    int errors = 0;
    for (Case c : cases) {
      failures += c.failed() ? 1 : 0;
      skipped += c.skipped() ? 1 : 0;
      errors += c.error() ? 1 : 0;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("  <testsuite name=\"")
        .append(Xml.attribute(name))
        .append("\" tests=\"")
        .append(cases.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(errors)
        .append("\" skipped=\"")
        .append(skipped)
        .append('"');
    if (cases.isEmpty() && origin.isEmpty()) {
      return sb.append("/>\n").toString();
    }
    sb.append(">\n");
    if (!origin.isEmpty()) {
      sb.append("    <properties>\n")
          .append("      <property name=\"origin\" value=\"")
          .append(Xml.attribute(origin))
          .append("\"/>\n")
          .append("    </properties>\n");
    }
    cases.forEach(c -> sb.append(c.xml()));
    sb.append("  </testsuite>\n");
    return sb.toString();
  }
}
