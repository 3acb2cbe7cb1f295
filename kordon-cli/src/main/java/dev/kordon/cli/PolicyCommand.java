package dev.kordon.cli;

import dev.kordon.model.ScanError;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.rules.InvalidExpression;
import dev.kordon.rules.KubeCel;
import dev.kordon.rules.PolicyEvaluator;
import dev.kordon.rules.PolicySet;
import dev.kordon.rules.PolicyTestReport;
import dev.kordon.rules.Requester;
import dev.kordon.rules.RuleFiles;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.EmptyInput;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import dev.kordon.source.YamlTrees.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code kordon policy test}: ValidatingAdmissionPolicies evaluated offline against manifests. */
final class PolicyCommand {
  private PolicyCommand() {}

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new Group());
    cl.addSubcommand("test", new TestCommand(io));
    return cl;
  }

  @Command(
      name = "policy",
      mixinStandardHelpOptions = true,
      description = "Work with ValidatingAdmissionPolicies offline.",
      footer = {"", "Example:", "  kordon policy test policies/ --resources k8s/"})
  static final class Group extends CommandGroup {}

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description =
          "Evaluate ValidatingAdmissionPolicies and their bindings against manifests, each"
              + " object as a CREATE, and show what they would deny, warn about or audit.",
      footer = {
        "",
        "POLICY files hold ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding"
            + " objects and param objects; policies, bindings and params among the resources"
            + " count too. Namespace objects among the resources supply namespaceObject and"
            + " namespaceSelector labels.",
        "Formats: table, json.",
        "Exit codes: 0 nothing denied, 1 something denied, 2 bad usage, unreadable input, or a"
            + " policy that does not compile.",
        "",
        "Examples:",
        "  kordon policy test policies/replica-limit.yaml --resources k8s/",
        "  kordon policy test policies/ --resources k8s/ --format json --output vap.json",
        "  kordon policy test vap.yaml --resources - --user alice --group dev \\",
        "      < deploy.yaml"
      })
  static final class TestCommand implements Callable<Integer> {
    static final List<Format> FORMATS = List.of(Format.TABLE, Format.JSON);

    private final Io io;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "POLICY", arity = "1..*", description = "Policy files or directories.")
    List<String> policies = new ArrayList<>();

    @Option(
        names = {"-r", "--resources"},
        paramLabel = "PATH",
        arity = "1..*",
        required = true,
        description = "Manifests to evaluate (files, directories, - for stdin).")
    List<String> resources = new ArrayList<>();

    @picocli.CommandLine.Mixin ReportOptions report = new ReportOptions();

    @Option(
        names = "--user",
        paramLabel = "NAME",
        description = "request.userInfo.username (default: ${DEFAULT-VALUE}).")
    String user = Requester.DEFAULT.username();

    @Option(
        names = "--group",
        paramLabel = "GROUP",
        description = "request.userInfo.groups (repeatable; default: system:authenticated).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--verbose", description = "Print stack traces of internal errors.")
    boolean verbose;

    TestCommand(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws IOException {
      Format format = report.format(spec, FORMATS);
      Requester requester =
          new Requester(user, groups.isEmpty() ? Requester.DEFAULT.groups() : groups);
      KubeCel cel = new KubeCel();
      RuleFiles files;
      try {
        files = RuleFiles.load(policies, cel, requester);
      } catch (ConfigException | InvalidExpression e) {
        io.err().println("kordon: " + e.getMessage());
        return ExitCode.ERROR;
      }
      FileSource source = new FileSource();
      FileSource.Listing listing = source.list(resources);
      ReadResult read = source.read(listing, io.in(), n -> {});
      List<ScanError> problems = new ArrayList<>(read.problems());
      EmptyInput.check(resources, listing, read).ifPresent(problems::add);
      PolicySet set;
      try {
        set = files.policies().plus(PolicySet.of(read.objects(), cel));
      } catch (ConfigException e) {
        io.err().println("kordon: " + e.getMessage());
        return ExitCode.ERROR;
      }
      if (set.bindings().isEmpty()) {
        // a note of the report, which also prints it on standard error
        problems.add(
            ScanError.note(
                String.join(", ", policies),
                0,
                "no ValidatingAdmissionPolicyBinding found: nothing is enforced"));
      }
      Snapshot snapshot = Snapshot.of(read.objects());
      PolicyTestReport result =
          new PolicyTestReport(
              new PolicyEvaluator(requester).evaluate(set, snapshot),
              PolicyTestReport.errorsOf(set));
      JsonNode data = result.json();
      ReportSection section =
          new ReportSection.Text("policy-test", "", result.table().lines().toList(), data);
      Report written =
          report.writeAnalysis(spec, format, read.objects().size(), problems, List.of(section), io);
      for (PolicyTestReport.PolicyError e : result.errors()) {
        io.err().println("kordon: " + e.describe());
      }
      if (!written.errors().isEmpty() || !result.errors().isEmpty()) {
        return ExitCode.ERROR;
      }
      return result.denies() ? ExitCode.FINDINGS : ExitCode.OK;
    }
  }
}
