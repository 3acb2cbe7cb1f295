package dev.kordon.node;

import dev.kordon.model.ScanError;
import dev.kordon.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A service's command line as systemd builds it: the unit file from the first unit directory that
 * has it, then every drop-in {@code <unit>.d/*.conf} of every unit directory (a drop-in of the same
 * name in a directory of higher priority replaces a lower one), applied in file-name order, with
 * {@code ExecStart=} reset by an empty assignment and {@code $VAR} / {@code ${VAR}} expanded from
 * {@code Environment=} and then {@code EnvironmentFile=} (which overrides it). Every word keeps the
 * line it came from: a flag set through a variable points at the variable's definition.
 */
public final class SystemdUnit {

  /** System unit directories, highest priority first. */
  public static final List<String> UNIT_DIRS =
      List.of(
          "etc/systemd/system",
          "run/systemd/system",
          "usr/local/lib/systemd/system",
          "usr/lib/systemd/system",
          "lib/systemd/system");

  /** One word of the command line and where it came from. */
  public record Word(String text, SourceLocation at) {}

  /**
   * The result.
   *
   * @param files the unit file and the drop-ins read, in the order applied
   * @param words the command line of the last ExecStart, expanded; empty when none
   * @param execStart the line of that ExecStart
   */
  public record Command(List<String> files, List<Word> words, Optional<SourceLocation> execStart) {
    public Command {
      files = List.copyOf(files);
      words = List.copyOf(words);
    }

    public List<String> texts() {
      return words.stream().map(Word::text).toList();
    }
  }

  private record Assignment(String value, SourceLocation at) {}

  private SystemdUnit() {}

  /** Reads {@code unit} (e.g. {@code kubelet.service}) from the tree; problems go to the list. */
  public static Command read(NodeTree tree, String unit, List<ScanError> problems) {
    List<String> files = new ArrayList<>();
    List<String> seenDirs = new ArrayList<>();
    String main = null;
    Map<String, String> dropIns = new TreeMap<>();
    for (String dir : UNIT_DIRS) {
      // /lib is often a link to /usr/lib: one directory read twice would double every drop-in
      String real =
          tree.resolve(dir) instanceof NodeTree.Found f ? f.nodePath() : NodeTree.normalize(dir);
      if (seenDirs.contains(real)) {
        continue;
      }
      seenDirs.add(real);
      if (main == null && tree.resolve(dir + "/" + unit) instanceof NodeTree.Found) {
        main = dir + "/" + unit;
      }
      for (String d : tree.list(dir + "/" + unit + ".d")) {
        String name = d.substring(d.lastIndexOf('/') + 1);
        if (name.endsWith(".conf")) {
          dropIns.putIfAbsent(name, dir + "/" + unit + ".d/" + name);
        }
      }
    }
    if (main != null) {
      files.add(main);
    }
    files.addAll(dropIns.values());

    Map<String, Assignment> environment = new LinkedHashMap<>();
    List<Assignment> environmentFiles = new ArrayList<>();
    Assignment exec = null;
    for (String file : files) {
      NodeTree.Read read = tree.read(file);
      if (read instanceof NodeTree.Unreadable u) {
        problems.add(ScanError.note(file, 0, "unit file " + u.why()));
        continue;
      }
      if (!(read instanceof NodeTree.Text text)) {
        continue;
      }
      String section = "";
      for (LogicalLine l : lines(text.text())) {
        String s = l.text().strip();
        if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
          continue;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
          section = s;
          continue;
        }
        if (!section.equals("[Service]")) {
          continue;
        }
        int eq = s.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = s.substring(0, eq).strip();
        String value = s.substring(eq + 1).strip();
        SourceLocation at = new SourceLocation(file, l.line(), 1);
        switch (key) {
          case "Environment" -> {
            if (value.isEmpty()) {
              environment.clear();
            }
            for (String assignment : split(value)) {
              int e = assignment.indexOf('=');
              if (e > 0) {
                environment.put(
                    assignment.substring(0, e), new Assignment(assignment.substring(e + 1), at));
              }
            }
          }
          case "EnvironmentFile" -> {
            if (value.isEmpty()) {
              environmentFiles.clear();
            } else {
              environmentFiles.add(new Assignment(value, at));
            }
          }
          case "ExecStart" -> exec = value.isEmpty() ? null : new Assignment(value, at);
          default -> {
            // other settings do not change the command line
          }
        }
      }
    }
    for (Assignment f : environmentFiles) {
      boolean optional = f.value().startsWith("-");
      String path = optional ? f.value().substring(1) : f.value();
      NodeTree.Read read = tree.read(path);
      if (read instanceof NodeTree.Text t) {
        readEnvironmentFile(t, environment);
      } else if (read instanceof NodeTree.Unreadable u) {
        problems.add(
            ScanError.note(
                NodeTree.normalize(path), 0, "environment file of " + unit + " " + u.why()));
      } else if (!optional) {
        problems.add(
            ScanError.note(
                f.at().file(),
                f.at().line(),
                "EnvironmentFile " + path + " does not exist (systemd would refuse to start)"));
      }
    }
    if (exec == null) {
      return new Command(files, List.of(), Optional.empty());
    }
    String line = exec.value();
    while (!line.isEmpty() && "-@+!:".indexOf(line.charAt(0)) >= 0) {
      line = line.substring(1);
    }
    List<Word> words = new ArrayList<>();
    for (String w : split(line)) {
      if (w.matches("\\$[A-Za-z_][A-Za-z0-9_]*")) {
        Assignment a = environment.get(w.substring(1));
        if (a != null) {
          for (String part : a.value().strip().split("\\s+")) {
            if (!part.isEmpty()) {
              words.add(new Word(part, a.at()));
            }
          }
        }
      } else {
        words.add(new Word(expandBraces(w, environment), exec.at()));
      }
    }
    return new Command(files, words, Optional.of(exec.at()));
  }

  private static String expandBraces(String word, Map<String, Assignment> env) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < word.length()) {
      int start = word.indexOf("${", i);
      int end = start < 0 ? -1 : word.indexOf('}', start);
      if (start < 0 || end < 0) {
        out.append(word, i, word.length());
        break;
      }
      out.append(word, i, start);
      Assignment a = env.get(word.substring(start + 2, end));
      if (a != null) {
        out.append(a.value());
      }
      i = end + 1;
    }
    return out.toString();
  }

  private static void readEnvironmentFile(NodeTree.Text file, Map<String, Assignment> env) {
    String[] lines = file.text().split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String s = lines[n].strip();
      if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
        continue;
      }
      int eq = s.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String value = s.substring(eq + 1).strip();
      if (value.length() >= 2
          && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      env.put(
          s.substring(0, eq).strip(),
          new Assignment(value, new SourceLocation(file.nodePath(), n + 1, 1)));
    }
  }

  private record LogicalLine(String text, int line) {}

  /** Joins lines ending in a backslash, keeping the first line's number. */
  private static List<LogicalLine> lines(String text) {
    List<LogicalLine> out = new ArrayList<>();
    String[] raw = text.split("\r?\n", -1);
    StringBuilder cur = null;
    int start = 0;
    for (int i = 0; i < raw.length; i++) {
      String l = raw[i];
      if (cur == null) {
        cur = new StringBuilder();
        start = i + 1;
      }
      if (l.endsWith("\\")) {
        cur.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      cur.append(l);
      out.add(new LogicalLine(cur.toString(), start));
      cur = null;
    }
    if (cur != null) {
      out.add(new LogicalLine(cur.toString(), start));
    }
    return out;
  }

  /** Splits on whitespace, honouring double and single quotes (removed) as systemd does. */
  static List<String> split(String value) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && i + 1 < value.length()) {
          cur.append(value.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
