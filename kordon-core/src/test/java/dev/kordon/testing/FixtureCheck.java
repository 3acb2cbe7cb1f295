package dev.kordon.testing;

import dev.kordon.control.Catalog;
import dev.kordon.control.Control;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.model.Finding;
import dev.kordon.model.ScanError;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one control over one fixture and compares, both ways, findings with the inline markers:
 * every marked line reported (with the fragment in its message), nothing reported elsewhere.
 */
public final class FixtureCheck {
  private FixtureCheck() {}

  /** The mismatches, as readable lines; empty when the fixture agrees. */
  public static List<String> mismatches(Control control, Fixture fixture) {
    String name = fixture.file().getFileName().toString();
    ReadResult read = new ManifestReader().read(name, fixture.text());
    List<String> problems = new ArrayList<>();
    for (ScanError e : read.problems()) {
      if (e.isError()) {
        problems.add("fixture does not parse: " + e);
      }
    }
    Engine engine =
        new Engine(
            Catalog.of(List.of(control)),
            List.of(),
            new EngineOptions(
                java.util.Optional.empty(),
                dev.kordon.engine.Exceptions.NONE,
                LocalDate.of(2026, 1, 1),
                false,
                List.of(control.info().id())));
    Report report = engine.scan(Snapshot.of(read.objects()), List.of());
    for (ScanError e : report.errors()) {
      problems.add("control failed: " + e);
    }
    String id = control.info().id();
    List<Finding> found = new ArrayList<>(report.findings());
    for (Fixture.Expectation exp : fixture.expectations()) {
      if (!exp.controlId().equals(id)) {
        continue;
      }
      Finding match = null;
      for (Finding f : found) {
        if (f.controlId().equals(id)
            && f.location().map(l -> l.line()).orElse(-1) == exp.line()
            && f.message().contains(exp.fragment())) {
          match = f;
          break;
        }
      }
      if (match == null) {
        problems.add(
            "missing "
                + id
                + " at "
                + name
                + ":"
                + exp.line()
                + (exp.fragment().isEmpty() ? "" : " with \"" + exp.fragment() + "\"")
                + "; reported: "
                + describe(found));
      } else {
        found.remove(match);
      }
    }
    for (Finding f : found) {
      if (f.controlId().equals(id)) {
        problems.add(
            "unexpected "
                + id
                + " at "
                + name
                + ":"
                + f.location().map(l -> Integer.toString(l.line())).orElse("?")
                + " ("
                + f.message()
                + ")");
      }
    }
    return problems;
  }

  private static String describe(List<Finding> findings) {
    List<String> out = new ArrayList<>();
    for (Finding f : findings) {
      out.add(
          f.controlId()
              + "@"
              + f.location().map(l -> Integer.toString(l.line())).orElse("?")
              + " \""
              + f.message()
              + "\"");
    }
    return out.isEmpty() ? "nothing" : String.join("; ", out);
  }
}
