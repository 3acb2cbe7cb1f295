package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.server.Database;
import dev.kordon.server.History;
import dev.kordon.server.KordonServer;
import dev.kordon.server.ServerOptions;
import dev.kordon.server.Tokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve token create}, {@code scan --upload} and {@code scan --baseline[-from]}. */
class ServeCommandTest {
  private static final String PRIVILEGED =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: old
        namespace: shop
      spec:
        containers:
          - name: app
            image: registry.example.com/app:1.0
            securityContext:
              privileged: true
      """;
  private static final String ALSO_HOST_PID =
      PRIVILEGED
          + """
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: new
            namespace: shop
          spec:
            hostPID: true
            containers:
              - name: app
                image: registry.example.com/app:1.0
          """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private String db() {
    return Database.h2FileUrl(dir.resolve("history"));
  }

  private static CliRun run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Io io =
        new Io(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            env);
    int code = Main.run(args, io);
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String lastLine(String s) {
    String[] lines = s.strip().split("\n");
    return lines[lines.length - 1];
  }

  @Test
  void tokenCreatePrintsTheTokenAsTheLastLineOnce() {
    CliRun r = CliRun.of("serve", "token", "create", "ci", "--scope", "upload:prod", "--db", db());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(lastLine(r.out())).matches("kdn_[A-Za-z0-9_-]{43}");
    assertThat(r.out()).contains("upload:prod");
    CliRun again = CliRun.of("serve", "token", "create", "ci", "--db", db());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("exists already");
    CliRun bad = CliRun.of("serve", "token", "create", "x", "--scope", "admin", "--db", db());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("not a scope");
    assertThat(CliRun.of("serve", "--db", "jdbc:mysql://x/y").err()).contains("jdbc:h2:");
  }

  @Test
  void aBaselineFailsTheRunOnlyOnNewFindings() throws IOException {
    Path old = write("old.yaml", PRIVILEGED);
    Path both = write("both.yaml", ALSO_HOST_PID);
    Path baseline = dir.resolve("baseline.json");
    assertThat(
            CliRun.of("scan", old.toString(), "--format", "json", "-o", baseline.toString()).code())
        .isZero();

    CliRun same =
        CliRun.of("scan", old.toString(), "--baseline", baseline.toString(), "--fail-on", "high");
    assertThat(same.code()).as(same.err()).isZero();
    assertThat(same.err()).contains("baseline: 0 new finding(s)");
    assertThat(CliRun.of("scan", old.toString(), "--fail-on", "high").code()).isEqualTo(1);

    CliRun grown =
        CliRun.of("scan", both.toString(), "--baseline", baseline.toString(), "--fail-on", "high");
    assertThat(grown.code()).isEqualTo(1);
    assertThat(grown.err()).containsPattern("baseline: [1-9]\\d* new finding\\(s\\)");

    CliRun missing =
        CliRun.of("scan", old.toString(), "--baseline", dir.resolve("nope.json").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read the baseline");
  }

  @Test
  void scanUploadsItsReportAndABaselineComesBackFromTheServer() throws Exception {
    try (Database database = Database.open(db(), Map.of())) {
      Tokens tokens = new Tokens(database);
      String token =
          tokens.create("ci", dev.kordon.server.Scope.parseAll("upload:prod,read:prod"), 1L);
      History history = new History(database);
      KordonServer server =
          KordonServer.start(
              history, tokens, ServerOptions.loopback(), System::currentTimeMillis, line -> {});
      try {
        String url = "http://127.0.0.1:" + server.port();
        Path old = write("old.yaml", PRIVILEGED);
        Map<String, String> env = Map.of("KORDON_TOKEN", token);

        CliRun noToken = run(Map.of(), "scan", old.toString(), "--upload", url);
        assertThat(noToken.code()).isEqualTo(2);
        assertThat(noToken.err()).contains("KORDON_TOKEN");

        CliRun up = run(env, "scan", old.toString(), "--upload", url, "--cluster-name", "prod");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.err()).contains("uploaded: {\"report\":1,\"cluster\":\"prod\"");
        assertThat(history.cluster("prod", Optional.empty()).orElseThrow().counts().total())
            .isPositive();

        CliRun refused =
            run(env, "scan", old.toString(), "--upload", url, "--cluster-name", "staging");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("upload failed").contains("403");

        Path both = write("both.yaml", ALSO_HOST_PID);
        String from = url + "/api/v1/clusters/prod/baseline";
        assertThat(
                run(env, "scan", old.toString(), "--baseline-from", from, "--fail-on", "low")
                    .code())
            .isZero();
        assertThat(
                run(env, "scan", both.toString(), "--baseline-from", from, "--fail-on", "high")
                    .code())
            .isEqualTo(1);
      } finally {
        server.close();
      }
    }
  }

  @Test
  void nodeAuditAndImageReportsUploadAsScanReportsDo() throws Exception {
    try (Database database = Database.open(db(), Map.of())) {
      Tokens tokens = new Tokens(database);
      String token = tokens.create("ci", dev.kordon.server.Scope.parseAll("upload:*"), 1L);
      History history = new History(database);
      KordonServer server =
          KordonServer.start(
              history, tokens, ServerOptions.loopback(), System::currentTimeMillis, line -> {});
      try {
        String url = "http://127.0.0.1:" + server.port();
        Map<String, String> env = Map.of("KORDON_TOKEN", token);
        String worker =
            Path.of("..", "kordon-core", "src", "test", "resources", "node", "worker").toString();
        String[][] runs = {
          {"node", "--root", worker},
          {"audit", "src/test/resources/audit/exec.log"},
          {"image", "scan", "oci:" + Path.of("src/test/resources/image/alpine").toAbsolutePath()}
        };
        int reports = 0;
        for (String[] command : runs) {
          String[] args = java.util.Arrays.copyOf(command, command.length + 4);
          System.arraycopy(
              new String[] {"--upload", url, "--cluster-name", "edge"}, 0, args, command.length, 4);
          CliRun up = run(env, args);
          assertThat(up.err()).as(command[0]).contains("uploaded: {\"report\":" + ++reports);
          assertThat(up.code()).as(up.err()).isNotEqualTo(ExitCode.ERROR);
        }
        assertThat(history.cluster("edge", Optional.empty()).orElseThrow().reports()).isEqualTo(3);
        CliRun noToken = run(Map.of(), "node", "--root", worker, "--upload", url);
        assertThat(noToken.code()).isEqualTo(ExitCode.ERROR);
        assertThat(noToken.err()).contains("KORDON_TOKEN");
      } finally {
        server.close();
      }
    }
  }
}
