package dev.kordon.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user meets it: unpacked outside the checkout, run from another directory
 * and through a symbolic link, refusing a Java older than 17.
 */
class ReleaseArchiveIT {

  private static final String VERSION = System.getProperty("kordon.version", "0.1.0-SNAPSHOT");
  private static final Path TARGET = Path.of(System.getProperty("kordon.dist.dir", "target"));
  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

  @TempDir static Path unpacked;
  private static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    assumeTrue(
        Processes.available("tar"), "tar is not installed: the archive tests need it (skipped)");
    Path tgz = TARGET.resolve("kordon-" + VERSION + ".tar.gz");
    assertThat(tgz).exists();
    Processes.Result r =
        Processes.run(unpacked, List.of("tar", "-xzf", tgz.toAbsolutePath().toString(), "-C", "."));
    assertThat(r.code()).as(r.toString()).isZero();
    home = unpacked.resolve("kordon-" + VERSION);
  }

  @Test
  void archiveHoldsLaunchersJarLicencesAndDocs() throws IOException {
    assertThat(home.resolve("bin/kordon")).isRegularFile().isExecutable();
    assertThat(home.resolve("bin/kordon.bat")).isRegularFile();
    assertThat(home.resolve("lib/kordon.jar")).isRegularFile();
    assertThat(home.resolve("licenses/THIRD-PARTY.txt"))
        .content()
        .contains("picocli")
        .contains("Apache");
    assertThat(home.resolve("docs/ci.md")).isRegularFile();
    assertThat(home.resolve("README.md")).isRegularFile();
    assertThat(home.resolve("LICENSE")).content().contains("Apache License");
    assertThat(Files.readString(home.resolve("bin/kordon.bat"))).contains("\r\n");
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/kordon")))
        .contains(PosixFilePermission.OTHERS_EXECUTE);
  }

  @Test
  void zipHoldsTheSameFilesAsTheTarball() throws IOException {
    TreeSet<String> zipped = new TreeSet<>();
    try (InputStream in = Files.newInputStream(TARGET.resolve("kordon-" + VERSION + ".zip"));
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (!e.isDirectory()) {
          zipped.add(e.getName());
        }
      }
    }
    TreeSet<String> tarred = new TreeSet<>();
    try (Stream<Path> files = Files.walk(home)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> !home.relativize(p).startsWith("lib/cds")) // made by a test run
          .forEach(p -> tarred.add("kordon-" + VERSION + "/" + home.relativize(p)));
    }
    assertThat(zipped).isEqualTo(tarred);
  }

  @Test
  void scansTheExamplesFromAnotherDirectoryAndFindsTheInsecureOnes(@TempDir Path elsewhere)
      throws Exception {
    Path report = elsewhere.resolve("report.json");
    Processes.Result r =
        Processes.run(
            elsewhere,
            List.of(
                home.resolve("bin/kordon").toString(),
                "scan",
                home.resolve("examples").toString(),
                "--format",
                "json",
                "--output",
                report.toString(),
                "--fail-on",
                "high"));
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(Files.readString(report))
        .contains("\"name\" : \"kordon\"")
        .contains("\"controlId\" : \"KOR-0001\"")
        .contains("examples/insecure/");

    // the second run uses the class-data archive the first one left behind
    Processes.Result again =
        Processes.run(elsewhere, List.of(home.resolve("bin/kordon").toString(), "--version"));
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).isEqualTo("kordon " + VERSION + "\n");
    assertThat(again.err()).isEmpty();
    try (Stream<Path> cds = Files.list(home.resolve("lib/cds"))) {
      assertThat(cds.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith(".jsa"))
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void onlyAScanMakesTheClassDataArchive(@TempDir Path cds) throws Exception {
    Map<String, String> env = Map.of("KORDON_CDS_DIR", cds.toString());
    Processes.Result version =
        Processes.run(cds, env, List.of(home.resolve("bin/kordon").toString(), "--version"));
    assertThat(version.code()).as(version.toString()).isZero();
    try (Stream<Path> files = Files.list(cds)) {
      assertThat(files).as("an archive of what --version loads would not help a scan").isEmpty();
    }

    Processes.Result scan =
        Processes.run(
            cds,
            env,
            List.of(
                home.resolve("bin/kordon").toString(),
                "scan",
                CHECKOUT.resolve("examples/hardened").toString()));
    assertThat(scan.code()).as(scan.toString()).isZero();
    try (Stream<Path> files = Files.list(cds)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .singleElement()
          .satisfies(n -> assertThat(n).endsWith(".jsa"));
    }
  }

  @Test
  void runsThroughASymbolicLinkOnThePath(@TempDir Path bin) throws Exception {
    Files.createSymbolicLink(bin.resolve("kordon"), home.resolve("bin/kordon"));
    Processes.Result r =
        Processes.run(
            bin,
            Map.of("PATH", bin + ":" + System.getenv("PATH")),
            List.of(
                bin.resolve("kordon").toString(),
                "scan",
                CHECKOUT.resolve("examples/hardened").toString()));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Deployment");
  }

  @Test
  void startsShortRunsOnC1AndTheSerialCollectorAndServersOnTheFullCompiler(@TempDir Path fake)
      throws Exception {
    Path java = fake.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\n"
            + "if [ \"$1\" = -version ]; then echo 'openjdk version \"17.0.9\" 2023-10-17' >&2;"
            + " exit 0; fi\n"
            + "echo \"$@\"\n");
    java.toFile().setExecutable(true);
    // nothing inherited chooses a collector
    Map<String, String> env =
        Map.of(
            "KORDON_JAVA", java.toString(),
            "KORDON_CDS", "off",
            "KORDON_JAVA_OPTS", "",
            "JAVA_TOOL_OPTIONS", "",
            "JDK_JAVA_OPTIONS", "");

    assertThat(launch(fake, env, "scan", "examples"))
        .startsWith("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC ")
        .endsWith(" scan examples");
    assertThat(launch(fake, env, "admission", "serve"))
        .startsWith("-XX:TieredStopAtLevel=4 ")
        .doesNotContain("SerialGC");
    assertThat(launch(fake, env, "serve", "--listen", ":8080"))
        .startsWith("-XX:TieredStopAtLevel=4 ")
        .doesNotContain("SerialGC");
    // a collector the user chose wins: the JVM refuses to start with two
    Map<String, String> g1 = new java.util.HashMap<>(env);
    g1.put("KORDON_JAVA_OPTS", "-XX:+UseG1GC");
    assertThat(launch(fake, g1, "scan", "examples"))
        .startsWith("-XX:TieredStopAtLevel=1 ")
        .contains("-XX:+UseG1GC")
        .doesNotContain("SerialGC");
  }

  /** The JVM options and arguments the launcher passes to a java that only prints them. */
  private static String launch(Path dir, Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(home.resolve("bin/kordon").toString());
    command.addAll(List.of(args));
    Processes.Result r = Processes.run(dir, env, command);
    assertThat(r.code()).as(r.toString()).isZero();
    return r.out().strip();
  }

  @Test
  void refusesAJavaOlderThan17AndNamesWhatToInstall(@TempDir Path fake) throws Exception {
    Path java = fake.resolve("java");
    Files.writeString(
        java, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\nexit 0\n");
    java.toFile().setExecutable(true);
    Processes.Result old =
        Processes.run(
            fake,
            Map.of("KORDON_JAVA", java.toString()),
            List.of(home.resolve("bin/kordon").toString(), "--version"));
    assertThat(old.code()).isEqualTo(2);
    assertThat(old.err()).contains("Java 11.0.2").contains("needs Java 17 or newer");

    Processes.Result none =
        Processes.run(
            fake,
            Map.of("KORDON_JAVA", fake.resolve("no-such-java").toString()),
            List.of(home.resolve("bin/kordon").toString(), "--version"));
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("no Java runtime found").contains("Java 17");
  }
}
