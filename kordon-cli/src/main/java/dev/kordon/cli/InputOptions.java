package dev.kordon.cli;

import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/**
 * Where the objects of a command come from: files, directories and {@code -} for stdin. Every
 * command that reads Kubernetes objects mixes this in, so that each new source (a live cluster) is
 * added in one place and reaches every command.
 */
final class InputOptions {

  @Parameters(paramLabel = "PATH", description = "Files or directories to read; - for stdin.")
  List<String> paths = new ArrayList<>();

  /** Whether any input was named. */
  boolean isEmpty() {
    return paths.isEmpty();
  }

  /** Reads every input, with a progress bar on a terminal when there are many files. */
  ReadResult read(Io io) {
    FileSource source = new FileSource();
    int files = source.list(paths).inputs().size();
    try (Progress progress =
        new Progress(io.err(), "reading", files, io.progress() && files > 20)) {
      return source.read(paths, io.in(), progress);
    }
  }
}
