package dev.kordon.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One log to read as one ordered stream: a file with its rotated predecessors (oldest first), or
 * standard input. Several logs given together are merged by time ({@link MergedEvents}).
 *
 * @param name how messages name the log: the file given, or {@code -}
 * @param files the files in the order written: {@code audit.log.2.gz}, {@code audit.log.1}, {@code
 *     audit.log}; empty for standard input
 */
public record LogInput(String name, List<Path> files) {

  public static final String STDIN = "-";

  public LogInput {
    files = List.copyOf(files);
  }

  public boolean isStdin() {
    return files.isEmpty();
  }

  /** {@code audit.log.3}, {@code audit.log.3.gz}: logrotate's numbered copies. */
  private static final Pattern NUMBERED = Pattern.compile("\\.(\\d{1,6})(\\.gz)?$");

  /**
   * The logs named by the arguments. A file is read with its rotated copies beside it ({@code
   * NAME.1}, {@code NAME.2.gz}, ..., and the API server's own {@code BASE-TIMESTAMP.EXT}), each
   * read once even when also named; {@code -} is standard input.
   */
  public static List<LogInput> of(List<String> arguments) throws IOException {
    List<LogInput> out = new ArrayList<>();
    Set<Path> taken = new LinkedHashSet<>();
    List<String> sorted = new ArrayList<>(arguments);
    // the live file first, so that its rotated copies join it rather than standing alone
    sorted.sort(Comparator.comparing(a -> NUMBERED.matcher(a).find() ? 1 : 0));
    for (String a : sorted) {
      if (a.equals(STDIN)) {
        out.add(new LogInput(STDIN, List.of()));
        continue;
      }
      Path p = Path.of(a).toAbsolutePath().normalize();
      if (taken.contains(p)) {
        continue;
      }
      List<Path> set = new ArrayList<>(rotated(p));
      set.removeIf(taken::contains);
      set.add(p);
      taken.addAll(set);
      out.add(new LogInput(a, set));
    }
    return out;
  }

  /** The rotated copies of a file, oldest first, without the file itself. */
  static List<Path> rotated(Path live) throws IOException {
    Path dir = live.getParent();
    if (dir == null || !Files.isDirectory(dir) || NUMBERED.matcher(live.toString()).find()) {
      return List.of();
    }
    String name = live.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot < 0 ? name : name.substring(0, dot);
    String ext = dot < 0 ? "" : name.substring(dot);
    Pattern stamped =
        Pattern.compile(
            Pattern.quote(base)
                + "-\\d{4}-\\d{2}-\\d{2}T[\\d.-]+"
                + Pattern.quote(ext)
                + "(\\.gz)?");
    List<long[]> numbered = new ArrayList<>();
    List<Path> numberedPaths = new ArrayList<>();
    List<Path> stampedPaths = new ArrayList<>();
    try (var list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String n = p.getFileName().toString();
        if (n.startsWith(name + ".")) {
          Matcher m = NUMBERED.matcher(n.substring(name.length()));
          if (m.matches()) {
            numbered.add(new long[] {Long.parseLong(m.group(1)), numberedPaths.size()});
            numberedPaths.add(p);
          }
        } else if (stamped.matcher(n).matches()) {
          stampedPaths.add(p);
        }
      }
    }
    List<Path> out = new ArrayList<>();
    stampedPaths.sort(Comparator.comparing(Path::toString));
    out.addAll(stampedPaths);
    numbered.sort((a, b) -> Long.compare(b[0], a[0]));
    for (long[] n : numbered) {
      out.add(numberedPaths.get((int) n[1]));
    }
    return out.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** Opens one file, gunzipping it when it starts with the gzip magic bytes. */
  static InputStream open(Path file) throws IOException {
    return gunzipped(Files.newInputStream(file));
  }

  static InputStream gunzipped(InputStream raw) throws IOException {
    java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw, 64 * 1024);
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    if (a == 0x1f && b == 0x8b) {
      return new java.util.zip.GZIPInputStream(in, 64 * 1024);
    }
    return in;
  }
}
