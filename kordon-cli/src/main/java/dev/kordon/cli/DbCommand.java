package dev.kordon.cli;

import dev.kordon.image.vuln.DbUpdater;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kordon db update}: the vulnerability database that image scans read offline. */
final class DbCommand {

  private DbCommand() {}

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new Group());
    cl.addSubcommand("update", new Update(io));
    return cl;
  }

  @Command(
      name = "db",
      mixinStandardHelpOptions = true,
      description = "The OSV vulnerability database that image scans read offline.",
      footer = {"", "Examples:", "  kordon db update", "  kordon db update --ecosystem Debian"})
  static final class Group extends CommandGroup {}

  @Command(
      name = "update",
      abbreviateSynopsis = true,
      mixinStandardHelpOptions = true,
      description = "Downloads OSV's per-ecosystem archives into the database folder.",
      footer = {
        "",
        "Each archive replaces the previous one atomically once it is complete and readable;"
            + " a failed download leaves the old data in place.",
        "Default folder: $XDG_CACHE_HOME/kordon/osv (or ~/.cache/kordon/osv).",
        "Exit codes: 0 every ecosystem updated, 2 a download failed.",
        "",
        "Examples:",
        "  kordon db update --ecosystem Debian",
        "  kordon db update --ecosystem Debian --ecosystem Maven --db osv/"
      })
  static final class Update implements Callable<Integer> {
    private final Io io;

    @Option(
        names = "--ecosystem",
        paramLabel = "NAME",
        description =
            "OSV ecosystem to download, repeatable (default: Debian, Ubuntu, Alpine,"
                + " Maven, npm, PyPI).")
    List<String> ecosystems = new ArrayList<>();

    @Option(names = "--db", paramLabel = "DIR", description = "Database folder to fill.")
    Path db;

    @Option(
        names = "--base-url",
        paramLabel = "URL",
        description = "Where the archives are served (default: OSV's public bucket).")
    String baseUrl = DbUpdater.DEFAULT_BASE;

    Update(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() {
      Path dir = db != null ? db : DbUpdater.defaultDir(io.env());
      DbUpdater updater = new DbUpdater(URI.create(baseUrl), dir);
      List<String> names = ecosystems.isEmpty() ? DbUpdater.DEFAULT_ECOSYSTEMS : ecosystems;
      boolean bar = io.progress();
      int failed = 0;
      for (String name : names) {
        try {
          updater.update(
              name,
              new DbUpdater.Progress() {
                long shown = -1;

                @Override
                public void update(String ecosystem, long done, long total) {
                  if (!bar) {
                    return;
                  }
                  long step = total > 0 ? done * 40 / total : done >> 20;
                  if (step != shown) {
                    shown = step;
                    io.err().print("\r" + progressLine(ecosystem, done, total));
                  }
                }

                @Override
                public void finished(String ecosystem, long bytes, int records) {
                  if (bar) {
                    io.err().print("\r\033[K");
                  }
                  io.out()
                      .printf(
                          Locale.ROOT,
                          "%s: %d records (%.1f MiB) in %s%n",
                          ecosystem,
                          records,
                          bytes / 1048576.0,
                          dir);
                }
              });
        } catch (IOException e) {
          if (bar) {
            io.err().print("\r\033[K");
          }
          io.err().println("kordon: " + name + ": " + e.getMessage() + " (previous data kept)");
          failed++;
        }
      }
      io.out().flush();
      return failed == 0 ? ExitCode.OK : ExitCode.ERROR;
    }

    static String progressLine(String ecosystem, long done, long total) {
      if (total <= 0) {
        return String.format(Locale.ROOT, "%-10s %.1f MiB", ecosystem, done / 1048576.0);
      }
      int filled = (int) (done * 30 / total);
      return String.format(
          Locale.ROOT,
          "%-10s [%s%s] %3d%% %.1f/%.1f MiB",
          ecosystem,
          "#".repeat(filled),
          " ".repeat(30 - filled),
          done * 100 / total,
          done / 1048576.0,
          total / 1048576.0);
    }
  }
}
