package dev.kordon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the CLI in a JVM of its own, as bin/kordon starts a short command. */
final class CliJvm {
  private CliJvm() {}

  /** The launcher's JVM options for a short run (kordon-dist/src/bin/kordon). */
  static final List<String> LAUNCHER_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /**
   * {@code java}, the launcher's options, {@code jvmOptions}, this class path, Main, {@code args}.
   */
  static List<String> command(List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(LAUNCHER_OPTIONS);
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
