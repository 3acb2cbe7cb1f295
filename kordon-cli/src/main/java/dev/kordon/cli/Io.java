package dev.kordon.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * The process's streams and environment, passed in so that commands can run in tests with in-memory
 * streams.
 *
 * @param terminal standard output and error are a terminal (colour and progress allowed)
 */
public record Io(
    InputStream in, PrintStream out, PrintStream err, boolean terminal, Map<String, String> env) {

  public Io {
    env = Map.copyOf(env);
  }

  /** Colour only on a terminal and never when NO_COLOR is set (no-color.org). */
  public boolean colour() {
    return terminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
  }

  /** Progress bars only on a terminal, never in CI logs. */
  public boolean progress() {
    return terminal && !env.containsKey("CI");
  }
}
