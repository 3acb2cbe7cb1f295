package dev.kordon.source;

import dev.kordon.model.ScanError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Reads manifests from files, directories (recursively, hidden folders included) and standard
 * input. Files are parsed in parallel; objects come out in a deterministic order: arguments in the
 * order given, files of a directory sorted by path, documents in file order.
 */
public final class FileSource {

  /** The argument that means standard input. */
  public static final String STDIN = "-";

  private static final int BINARY_SNIFF_BYTES = 8000;

  private final ManifestReader reader;
  private final ReaderLimits limits;
  private final DefaultNamespace defaultNamespace;

  /**
   * A source whose objects without a namespace are in {@code defaultNamespace} (see {@link
   * DefaultNamespace}), resolved once every file is read, so that a CustomResourceDefinition in one
   * file decides the scope of its objects in another.
   */
  public FileSource(ReaderLimits limits, DefaultNamespace defaultNamespace) {
    this.limits = limits;
    this.reader = new ManifestReader(limits);
    this.defaultNamespace = defaultNamespace;
  }

  public FileSource(ReaderLimits limits) {
    this(limits, DefaultNamespace.KUBECTL);
  }

  public FileSource() {
    this(ReaderLimits.DEFAULT);
  }

  /** One input to read: a file on disk, or standard input. */
  public record Input(String name, Path path) {
    boolean isStdin() {
      return path == null;
    }
  }

  /**
   * The files that the arguments name, notes or errors about arguments that name none, and the
   * inputs that must be rendered before they are manifests, whose files are not read as such: Helm
   * charts (directories with a Chart.yaml, or chart archives named as arguments) and Kustomize
   * directories (with a kustomization.yaml).
   */
  public record Listing(
      List<Input> inputs, List<ScanError> problems, List<String> charts, List<String> overlays) {
    public Listing(List<Input> inputs, List<ScanError> problems, List<String> charts) {
      this(inputs, problems, charts, List.of());
    }

    public Listing(List<Input> inputs, List<ScanError> problems) {
      this(inputs, problems, List.of(), List.of());
    }

    /** The same listing with other inputs (e.g. some excluded). */
    public Listing withInputs(List<Input> kept) {
      return new Listing(kept, problems, charts, overlays);
    }
  }

  /** The names of the file that makes a directory a Kustomize directory. */
  private static final List<String> KUSTOMIZATIONS =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /** Lists the files to read; {@code -} becomes standard input. */
  public Listing list(List<String> arguments) {
    List<Input> inputs = new ArrayList<>();
    List<ScanError> problems = new ArrayList<>();
    List<String> charts = new ArrayList<>();
    List<String> overlays = new ArrayList<>();
    for (String arg : arguments) {
      if (arg.equals(STDIN)) {
        inputs.add(new Input("<stdin>", null));
        continue;
      }
      Path path = Path.of(arg);
      if (Files.isDirectory(path)) {
        walk(path, inputs, problems, charts, overlays);
      } else if (Files.isRegularFile(path) && isChartArchive(path)) {
        charts.add(display(path));
      } else if (Files.isRegularFile(path)) {
        inputs.add(new Input(display(path), path));
      } else {
        problems.add(ScanError.error(arg, 0, "no such file or directory"));
      }
    }
    return new Listing(inputs, problems, charts, overlays);
  }

  private static boolean isChartArchive(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".tgz") || name.endsWith(".tar.gz");
  }

  /** Lists, then reads everything; {@code progress} is told each time a file is done. */
  public ReadResult read(List<String> arguments, InputStream stdin, IntConsumer progress) {
    return read(list(arguments), stdin, progress);
  }

  /** Reads the files of a listing made before (e.g. to size a progress bar). */
  public ReadResult read(Listing listing, InputStream stdin, IntConsumer progress) {
    List<ReadResult> parts =
        listing.inputs().parallelStream()
            .map(
                input -> {
                  ReadResult r = read(input, stdin);
                  progress.accept(1);
                  return r;
                })
            .toList();
    List<ReadResult> all = new ArrayList<>();
    all.add(new ReadResult(List.of(), listing.problems()));
    all.addAll(parts);
    ReadResult read = ReadResult.concat(all);
    return new ReadResult(defaultNamespace.apply(read.objects()), read.problems());
  }

  public ReadResult read(List<String> arguments, InputStream stdin) {
    return read(arguments, stdin, n -> {});
  }

  /** Reads one input, never throwing: every failure becomes a problem naming the file. */
  public ReadResult read(Input input, InputStream stdin) {
    try {
      byte[] bytes;
      if (input.isStdin()) {
        bytes = stdin.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
      } else {
        if (Files.size(input.path()) > limits.maxFileBytes()) {
          return problem(
              ScanError.error(
                  input.name(),
                  0,
                  "file is larger than " + limits.maxFileBytes() + " bytes; refused"));
        }
        bytes = Files.readAllBytes(input.path());
      }
      if (bytes.length > limits.maxFileBytes()) {
        return problem(
            ScanError.error(
                input.name(),
                0,
                "input is larger than " + limits.maxFileBytes() + " bytes; refused"));
      }
      if (looksBinary(bytes)) {
        return problem(ScanError.note(input.name(), 0, "skipped: binary file"));
      }
      String text;
      try {
        text = decode(bytes);
      } catch (CharacterCodingException e) {
        return problem(ScanError.error(input.name(), 0, "not UTF-8 text; skipped"));
      }
      return reader.read(input.name(), text);
    } catch (IOException | UncheckedIOException e) {
      return problem(ScanError.error(input.name(), 0, "cannot read: " + e.getMessage()));
    } catch (StackOverflowError e) {
      // a heap too small for the whole scan is not this file's fault: OutOfMemoryError goes up to
      // the command, which advises more heap
      return problem(ScanError.error(input.name(), 0, "input too complex to read safely; refused"));
    }
  }

  private static ReadResult problem(ScanError e) {
    return new ReadResult(List.of(), List.of(e));
  }

  /**
   * The text of a UTF-8 file without its byte order mark; malformed input is refused. Manifests are
   * mostly ASCII, and ASCII bytes are their own Latin-1 string: copied as they are, instead of
   * decoded into a char buffer that the string then compresses back to one byte a char.
   */
  static String decode(byte[] bytes) throws CharacterCodingException {
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xEF
                && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF
            ? 3
            : 0;
    if (ascii(bytes, start)) {
      return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
    }
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
        .toString();
  }

  // one pass without a branch per byte (a loop C2 vectorises): files that are not ASCII are few
  private static boolean ascii(byte[] bytes, int from) {
    int all = 0;
    for (int i = from; i < bytes.length; i++) {
      all |= bytes[i];
    }
    return all >= 0;
  }

  private static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  static boolean isManifestName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static String display(Path p) {
    String s = p.normalize().toString();
    return s.isEmpty() ? "." : s;
  }

  private void walk(
      Path root,
      List<Input> inputs,
      List<ScanError> problems,
      List<String> charts,
      List<String> overlays) {
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      problems.add(ScanError.error(root.toString(), 0, "cannot read: " + e.getMessage()));
      return;
    }
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              // rendered once as a whole, never read file by file: the charts/ of a chart are its
              // dependencies, the templates are not manifests
              Path chart = chartOf(dir, dir.equals(root));
              if (chart != null) {
                charts.add(display(chart));
                return FileVisitResult.SKIP_SUBTREE;
              }
              for (String k : KUSTOMIZATIONS) {
                if (Files.isRegularFile(dir.resolve(k))) {
                  overlays.add(display(dir));
                  return FileVisitResult.SKIP_SUBTREE;
                }
              }
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              if (name.equals(".git")) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!isManifestName(file)) {
                return FileVisitResult.CONTINUE;
              }
              if (attrs.isSymbolicLink()) {
                symlink(file, realRoot, found, problems);
              } else if (attrs.isRegularFile()) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              problems.add(ScanError.error(display(file), 0, "cannot read: " + e.getMessage()));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      problems.add(ScanError.error(display(root), 0, "cannot read: " + e.getMessage()));
    }
    found.sort(null);
    for (Path p : found) {
      inputs.add(new Input(display(p), p));
    }
  }

  /**
   * The chart whose sources {@code dir} holds: the directory itself when it has a Chart.yaml, or,
   * for a directory named on the command line, the chart whose templates/ it is.
   */
  private static Path chartOf(Path dir, boolean isArgument) {
    if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
      return dir;
    }
    Path parent = dir.toAbsolutePath().normalize().getParent();
    boolean templates =
        dir.getFileName() != null && dir.getFileName().toString().equals("templates");
    if (isArgument
        && templates
        && parent != null
        && Files.isRegularFile(parent.resolve("Chart.yaml"))) {
      Path shown = dir.normalize().getParent();
      return shown == null ? Path.of(".") : shown;
    }
    return null;
  }

  private static void symlink(
      Path link, Path realRoot, List<Path> found, List<ScanError> problems) {
    try {
      Path target = link.toRealPath();
      if (!target.startsWith(realRoot)) {
        problems.add(
            ScanError.note(
                display(link),
                0,
                "skipped: symbolic link to " + target + ", outside the scanned tree"));
      } else if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        found.add(link);
      }
    } catch (IOException e) {
      problems.add(ScanError.note(display(link), 0, "skipped: broken symbolic link"));
    }
  }
}
