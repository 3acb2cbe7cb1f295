package dev.kordon.cli;

import dev.kordon.model.ScanError;
import dev.kordon.netpol.Flow;
import dev.kordon.netpol.FlowReader;
import dev.kordon.source.ReaderLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The flow file of {@code netpol flows|suggest}: the first positional argument (a file, or - for
 * stdin); the rest are the inputs. Unreadable lines become input errors of the report.
 */
final class FlowFile {
  private FlowFile() {}

  static List<Flow> read(AnalyzerCommand command) throws IOException {
    if (command.inputs.paths.isEmpty()) {
      throw command.usage("missing FLOWS: a flow file, or - for stdin");
    }
    String file = command.takeLeading(1, "FLOWS").get(0);
    if (command.inputs.isEmpty()) {
      throw command.usage("nothing to read: give a file, a directory, or - for stdin");
    }
    if (file.equals("-") && command.inputs.paths.contains("-")) {
      throw command.usage("stdin can be read only once");
    }
    long max = ReaderLimits.DEFAULT.maxFileBytes();
    byte[] bytes;
    if (file.equals("-")) {
      bytes = readCapped(command.io.in(), max, file);
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
      command.problems.add(problem(file, p));
    }
    return result.flows();
  }

  /** "FILE:LINE: message" or "FILE: message", as the flow reader words its problems. */
  static ScanError problem(String file, String text) {
    String rest = text.startsWith(file + ":") ? text.substring(file.length() + 1) : text;
    int colon = rest.indexOf(": ");
    if (colon > 0 && rest.substring(0, colon).chars().allMatch(Character::isDigit)) {
      return ScanError.error(
          file, Integer.parseInt(rest.substring(0, colon)), rest.substring(colon + 2));
    }
    return ScanError.error(file, 0, rest.strip());
  }

  private static byte[] readCapped(InputStream in, long max, String name) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    if (bytes.length > max) {
      throw new IOException(name + ": larger than " + max + " bytes");
    }
    return bytes;
  }
}
