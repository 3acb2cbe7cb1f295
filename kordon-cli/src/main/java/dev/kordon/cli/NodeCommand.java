package dev.kordon.cli;

import dev.kordon.auditpolicy.AuditPolicyLintControl;
import dev.kordon.control.Catalog;
import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import dev.kordon.control.node.NodeControls;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.engine.Exceptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.Severity;
import dev.kordon.node.NodeInventory;
import dev.kordon.node.NodeTree;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kordon node}: CIS sections 1 to 4 on one node's filesystem. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    description =
        "Judge one node against the CIS Kubernetes Benchmark v1.12.0 sections 1 to 4: the"
            + " control-plane static pods and their flags, etcd, the kubelet (config file with"
            + " the flags of its systemd unit laid over it), kube-proxy, and the modes and owners"
            + " of the files they read.",
    footer = {
      "",
      "Paths are the node's own, read under --root; owners are named by the node's"
          + " etc/passwd and etc/group. Symbolic links are followed only inside --root.",
      "A node without control-plane static pods is judged on section 4 only; each absent"
          + " component is one note on standard error and in the report.",
      "Formats: table, json, sarif, junit, markdown, html.",
      "Exit codes:",
      "  0  nothing at or above --fail-on",
      "  1  findings at or above --fail-on",
      "  2  bad usage, or a --root that is not a directory",
      "",
      "Examples:",
      "  kordon node --root /",
      "  kordon node --root /host --format json",
      "  kordon node --root /host --framework cis --fail-on high",
      "  kordon node --root /host --exceptions accepted-risks.yaml"
    })
final class NodeCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin ReportOptions report = new ReportOptions();

  @picocli.CommandLine.Mixin UploadOptions upload = new UploadOptions();

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Where the node's filesystem is mounted (default: /).")
  Path root = Path.of("/");

  @picocli.CommandLine.Mixin FailOnOption failOn = new FailOnOption();

  @Option(
      names = "--framework",
      split = ",",
      paramLabel = "ID",
      description =
          "Only the controls of these frameworks (comma-separated or repeated), each scored:"
              + " cis, nsa, mitre.")
  List<String> frameworks = new ArrayList<>();

  @picocli.CommandLine.Mixin ExceptionsOption exceptions = new ExceptionsOption();

  NodeCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    Format format = report.format(spec, ScanCommand.FORMATS);
    String uploadProblem = upload.problem(io);
    if (uploadProblem != null) {
      throw new ParameterException(spec.commandLine(), uploadProblem);
    }
    Optional<Severity> threshold = failOn.threshold(spec);
    if (!Files.isDirectory(root)) {
      throw new ParameterException(spec.commandLine(), "--root: not a directory: " + root);
    }
    LocalDate today = LocalDate.now();
    Catalog catalog = nodeCatalog(ControlSettings.DEFAULT.withToday(today));
    Exceptions accepted = exceptions.load(spec, catalog);
    Engine engine;
    try {
      engine =
          new Engine(
              catalog,
              Framework.builtIn(),
              new EngineOptions(frameworks, accepted, today, true, List.of()));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    NodeInventory.Result node = NodeInventory.read(NodeTree.at(root));
    Report result = engine.scan(Snapshot.of(node.objects()), node.problems());
    report.write(result, format, io);
    if (upload.active() && !upload.send(result, "node", io)) {
      return ExitCode.ERROR;
    }
    return ScanCommand.exitCode(result, threshold);
  }

  /**
   * The built-in controls that judge a node: those of CIS sections 1 to 4, and the lint of the
   * audit Policy the API server reads (the same checks as {@code kordon audit policy}).
   */
  static Catalog nodeCatalog(ControlSettings settings) {
    List<Control> node = new ArrayList<>();
    for (Control c : Catalog.builtIn(settings).controls()) {
      if (NodeControls.judgesNode(c.info())) {
        node.add(c);
      }
    }
    node.addAll(AuditPolicyLintControl.all());
    return Catalog.of(node);
  }
}
