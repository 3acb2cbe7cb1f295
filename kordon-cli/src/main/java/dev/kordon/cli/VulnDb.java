package dev.kordon.cli;

import dev.kordon.image.report.ImageReports;
import dev.kordon.image.vuln.DbUpdater;
import dev.kordon.image.vuln.OsvDatabase;
import dev.kordon.model.ScanError;
import dev.kordon.report.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The OSV data of a command that matches images: {@code --vuln-db DIR}, else the folder {@code
 * kordon db update} fills when it exists, else none. Loading says on stderr what was loaded.
 */
record VulnDb(OsvDatabase db, ImageReports.DbInfo info) {

  static final VulnDb NONE = new VulnDb(OsvDatabase.EMPTY, ImageReports.DbInfo.NONE);

  boolean present() {
    return !info.path().isEmpty();
  }

  /** Skipped records become notes in {@code problems}; an unreadable folder is a usage error. */
  static VulnDb load(Path explicit, Io io, CommandSpec spec, List<ScanError> problems) {
    Path dir = explicit;
    if (dir == null && Files.isDirectory(DbUpdater.defaultDir(io.env()))) {
      dir = DbUpdater.defaultDir(io.env());
    }
    if (dir == null) {
      return NONE;
    }
    OsvDatabase db;
    try {
      db = OsvDatabase.load(dir);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--vuln-db: " + e.getMessage());
    }
    for (String p : db.problems()) {
      problems.add(ScanError.note(dir.toString(), 0, "OSV record skipped: " + p));
    }
    io.err()
        .println(
            "kordon: vulnerability data: "
                + db.records()
                + " OSV records from "
                + SafeText.line(dir.toString())
                + (db.dataDate().isEmpty() ? "" : ", newest modified " + db.dataDate()));
    return new VulnDb(db, ImageReports.DbInfo.of(dir.toString(), db));
  }
}
