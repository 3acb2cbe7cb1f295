package dev.kordon.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --exclude GLOB}: files of a listing that are not read. A glob is matched against the
 * file's path relative to the directory argument it was found under, with {@code /} as separator:
 * {@code *} and {@code ?} stay within one path segment, {@code **} spans any number of them ({@code
 * tests/**}, {@code **}{@code /generated/*.yaml}). A glob without a {@code /} matches the file name
 * at any depth, as in {@code .gitignore} ({@code *.tmpl.yaml}). A file named directly as an
 * argument is matched by its name and by the path as given.
 */
public final class PathExclusions {
  public static final PathExclusions NONE = new PathExclusions(List.of(), List.of());

  private final List<String> globs;
  private final List<Pattern> patterns;

  private PathExclusions(List<String> globs, List<Pattern> patterns) {
    this.globs = globs;
    this.patterns = patterns;
  }

  /**
   * @throws IllegalArgumentException for an empty glob
   */
  public static PathExclusions of(List<String> globs) {
    List<Pattern> patterns = new ArrayList<>();
    for (String g : globs) {
      if (g.isBlank()) {
        throw new IllegalArgumentException("--exclude: an empty pattern excludes nothing");
      }
      patterns.add(compile(g));
    }
    return new PathExclusions(List.copyOf(globs), List.copyOf(patterns));
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** The listing without the excluded files; its problems are kept as they are. */
  public FileSource.Listing apply(List<String> arguments, FileSource.Listing listing) {
    if (isEmpty()) {
      return listing;
    }
    List<Path> roots = new ArrayList<>();
    for (String arg : arguments) {
      if (!arg.equals(FileSource.STDIN)) {
        roots.add(Path.of(arg));
      }
    }
    List<FileSource.Input> kept = new ArrayList<>();
    for (FileSource.Input input : listing.inputs()) {
      if (input.path() == null || !excluded(input.path(), roots)) {
        kept.add(input);
      }
    }
    // charts and overlays are excluded like files: by their directory's path
    return new FileSource.Listing(
        kept,
        listing.problems(),
        listing.charts().stream().filter(c -> !excluded(Path.of(c), roots)).toList(),
        listing.overlays().stream().filter(c -> !excluded(Path.of(c), roots)).toList());
  }

  /** Whether a file found under (or named as) one of the roots is excluded. */
  boolean excluded(Path file, List<Path> roots) {
    List<String> candidates = new ArrayList<>();
    for (Path root : roots) {
      if (file.equals(root)) {
        candidates.add(slashes(file));
      } else if (file.startsWith(root)) {
        candidates.add(slashes(root.relativize(file)));
      }
    }
    if (candidates.isEmpty()) {
      candidates.add(slashes(file));
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    for (int i = 0; i < patterns.size(); i++) {
      boolean nameOnly = !globs.get(i).contains("/");
      if (nameOnly && patterns.get(i).matcher(name).matches()) {
        return true;
      }
      for (String c : candidates) {
        if (patterns.get(i).matcher(c).matches()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String slashes(Path p) {
    String s = p.toString().replace('\\', '/');
    return s.startsWith("./") ? s.substring(2) : s;
  }

  static Pattern compile(String glob) {
    String g = glob.replace('\\', '/');
    if (g.startsWith("./")) {
      g = g.substring(2);
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
        boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
        re.append(slashAfter ? "(?:.*/)?" : ".*");
        i += slashAfter ? 2 : 1;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
