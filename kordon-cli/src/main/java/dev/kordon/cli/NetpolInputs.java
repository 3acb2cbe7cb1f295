package dev.kordon.cli;

import dev.kordon.model.ScanError;
import dev.kordon.netpol.Flow;
import dev.kordon.netpol.FlowReader;
import dev.kordon.netpol.Reachability;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ReadResult;
import dev.kordon.source.ReaderLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What every {@code kordon netpol} command reads: the objects (through {@link InputOptions}) and,
 * for flows and suggest, a flow file. Problems are printed to standard error as they are met;
 * {@link #failed()} says whether any was an error, for exit code 2.
 */
final class NetpolInputs {

  private final Io io;
  private boolean failed;

  NetpolInputs(Io io) {
    this.io = io;
  }

  Reachability read(InputOptions inputs) {
    ReadResult read = inputs.read(io);
    for (ScanError e : read.problems()) {
      io.err().println("kordon: " + (e.isError() ? "" : "note: ") + e);
      failed |= e.isError();
    }
    Reachability reach = Reachability.of(Snapshot.of(read.objects()));
    for (String w : reach.model().warnings()) {
      io.err().println("kordon: warning: " + w);
    }
    return reach;
  }

  /** The flows of a file, or of standard input for {@code -}; unreadable lines are reported. */
  List<Flow> flows(String file) throws IOException {
    byte[] bytes;
    long max = ReaderLimits.DEFAULT.maxFileBytes();
    if (file.equals("-")) {
      bytes = readCapped(io.in(), max, file);
    } else {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new IOException(file + ": no such file");
      }
      try (InputStream in = Files.newInputStream(path)) {
        bytes = readCapped(in, max, file);
      }
    }
    FlowReader.Result result =
        new FlowReader().read(file, new String(bytes, StandardCharsets.UTF_8));
    for (String p : result.problems()) {
      io.err().println("kordon: " + p);
      failed = true;
    }
    return result.flows();
  }

  private static byte[] readCapped(InputStream in, long max, String name) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    if (bytes.length > max) {
      throw new IOException(name + ": larger than " + max + " bytes");
    }
    return bytes;
  }

  boolean failed() {
    return failed;
  }
}
