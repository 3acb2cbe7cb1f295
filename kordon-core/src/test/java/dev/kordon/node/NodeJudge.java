package dev.kordon.node;

import dev.kordon.control.Catalog;
import dev.kordon.control.Control;
import dev.kordon.control.node.NodeControls;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.engine.Exceptions;
import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The node's objects through the controls of CIS sections 1 to 4, as {@code kordon node} does. */
final class NodeJudge {
  private NodeJudge() {}

  private static final Catalog CATALOG = nodeCatalog();

  static Catalog nodeCatalog() {
    List<Control> node = new ArrayList<>();
    for (Control c : Catalog.builtIn().controls()) {
      if (NodeControls.judgesNode(c.info())) {
        node.add(c);
      }
    }
    return Catalog.of(node);
  }

  static Report judge(List<KubeObject> objects, List<ScanError> problems) {
    Engine engine =
        new Engine(
            CATALOG,
            List.of(),
            new EngineOptions(
                Optional.empty(), Exceptions.NONE, LocalDate.of(2026, 12, 1), false, List.of()));
    return engine.scan(Snapshot.of(objects), problems);
  }
}
