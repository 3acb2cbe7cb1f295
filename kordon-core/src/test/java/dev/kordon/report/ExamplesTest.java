package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.control.ControlSettings;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped examples at the repository root: both read without errors, the insecure one is
 * caught, and the hardened one passes every built-in control (its images come from the company
 * registry, which a real team would list with --allowed-registries).
 */
class ExamplesTest {

  private static Report scan(String which, ControlSettings settings) {
    Path dir = Path.of("..", "examples", which);
    assertThat(dir).isDirectory();
    ReadResult read =
        new FileSource().read(List.of(dir.toString()), new ByteArrayInputStream(new byte[0]));
    Engine engine =
        new Engine(
            Catalog.builtIn(settings),
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 1, 1)).sequential());
    return engine.scan(Snapshot.of(read.objects()), read.problems());
  }

  @Test
  void insecureExampleIsCaught() {
    Report report = scan("insecure", ControlSettings.DEFAULT);
    assertThat(report.errors()).isEmpty();
    assertThat(report.notes()).isEmpty();
    assertThat(report.summary().objects()).isBetween(10, 25);
    assertThat(report.findings())
        .as("the backup job's privileged container")
        .anyMatch(
            f ->
                f.controlId().equals("KOR-0001")
                    && f.location().map(l -> l.file().endsWith("backup.yaml")).orElse(false));
  }

  /** Every category of misconfiguration the scan issue names, and a control that catches it. */
  private static final Map<String, String> CATEGORIES =
      new java.util.TreeMap<>(
          Map.ofEntries(
              Map.entry("privileged container", "KOR-0001"),
              Map.entry("allowPrivilegeEscalation not false", "KOR-0002"),
              Map.entry("runAsNonRoot not set", "KOR-0003"),
              Map.entry("runAsUser 0", "KOR-0004"),
              Map.entry("runAsGroup 0", "KOR-0005"),
              Map.entry("hostPID", "KOR-0006"),
              Map.entry("hostIPC", "KOR-0007"),
              Map.entry("hostNetwork", "KOR-0008"),
              Map.entry("hostPath volume", "KOR-0009"),
              Map.entry("sensitive host path", "KOR-0010"),
              Map.entry("hostPort", "KOR-0012"),
              Map.entry("dangerous capability added", "KOR-0013"),
              Map.entry("capabilities not dropped", "KOR-0016"),
              Map.entry("writable root filesystem", "KOR-0017"),
              Map.entry("seccomp missing", "KOR-0018"),
              Map.entry("seccomp Unconfined", "KOR-0019"),
              Map.entry("AppArmor unconfined", "KOR-0020"),
              Map.entry("SELinux custom options", "KOR-0021"),
              Map.entry("unmasked /proc", "KOR-0022"),
              Map.entry("unsafe sysctl", "KOR-0023"),
              Map.entry("shareProcessNamespace", "KOR-0024"),
              Map.entry("Windows hostProcess", "KOR-0025"),
              Map.entry("CPU requests missing", "KOR-0050"),
              Map.entry("memory limits missing", "KOR-0053"),
              Map.entry("liveness probe missing", "KOR-0054"),
              Map.entry("readiness probe missing", "KOR-0055"),
              Map.entry("service account token automounted", "KOR-0056"),
              Map.entry("default service account", "KOR-0057"),
              Map.entry("default namespace", "KOR-0058"),
              Map.entry("no sandboxed runtime where required", "KOR-0059"),
              Map.entry("SSH port 22", "KOR-0060"),
              Map.entry("image tagged latest", "KOR-0061"),
              Map.entry("image not pinned by digest", "KOR-0062"),
              Map.entry("pull policy weaker than the tag needs", "KOR-0063"),
              Map.entry("registry outside the allowlist", "KOR-0064"),
              Map.entry("credential in an env var", "KOR-0066"),
              Map.entry("credential in a ConfigMap", "KOR-0067"),
              Map.entry("NodePort Service", "KOR-0069"),
              Map.entry("LoadBalancer Service", "KOR-0070"),
              Map.entry("Ingress without TLS", "KOR-0073"),
              Map.entry("cluster-admin binding", "KOR-0100"),
              Map.entry("wildcard Role", "KOR-0102"),
              Map.entry("namespace without NetworkPolicy", "KOR-0180")));

  @Test
  void insecureExampleHasFindingsOfEveryCategory() {
    Report report = scan("insecure", ControlSettings.DEFAULT);
    java.util.Set<String> fired =
        report.findings().stream().map(Finding::controlId).collect(Collectors.toSet());
    List<String> missing =
        CATEGORIES.entrySet().stream()
            .filter(e -> !fired.contains(e.getValue()))
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .toList();
    assertThat(missing).as("categories the insecure example no longer shows").isEmpty();
  }

  @Test
  void hardenedExampleHasNoFindings() {
    Report report =
        scan(
            "hardened",
            ControlSettings.DEFAULT.withAllowedRegistries(List.of("registry.example.com")));
    assertThat(report.errors()).isEmpty();
    assertThat(report.notes()).isEmpty();
    assertThat(report.failedFindings())
        .as(
            "examples/hardened must pass every control; fix the example or the control:%n%s",
            report.failedFindings().stream()
                .map(Finding::toString)
                .collect(Collectors.joining("\n")))
        .isEmpty();
  }
}
