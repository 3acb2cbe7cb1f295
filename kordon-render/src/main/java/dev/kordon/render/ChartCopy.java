package dev.kordon.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private copy of a chart to render: directories copied (regular files only, no symbolic links),
 * archives unpacked, dependency archives in {@code charts/} unpacked too. In every template, {@code
 * lookup} becomes {@code omit (dict)}, which takes the same arguments and gives the empty map:
 * rendering never reaches a cluster, whatever kubeconfig the user has, exactly as {@code helm
 * template} answers lookups. Line numbers are kept.
 */
final class ChartCopy {
  private ChartCopy() {}

  static final long MAX_BYTES = 64L * 1024 * 1024;

  private static final Pattern LOOKUP = Pattern.compile("(\\{\\{-?[^}]*?)\\blookup\\b");

  /** Copies or unpacks {@code chart} under {@code work}; returns the copy's chart directory. */
  static Path of(Path chart, Path work) throws IOException {
    Path root;
    if (Files.isDirectory(chart)) {
      root = work.resolve(chart.toAbsolutePath().normalize().getFileName().toString());
      copyTree(chart, root);
    } else {
      Path unpacked = work.resolve("archive");
      Files.createDirectories(unpacked);
      TarGz.extract(chart, unpacked, MAX_BYTES);
      try (Stream<Path> top = Files.list(unpacked)) {
        List<Path> dirs = top.filter(Files::isDirectory).toList();
        if (dirs.size() != 1 || !Files.isRegularFile(dirs.get(0).resolve("Chart.yaml"))) {
          throw new IOException(
              "not a Helm chart archive: no single top directory with Chart.yaml");
        }
        root = dirs.get(0);
      }
    }
    unpackDependencies(root);
    neutraliseLookups(root);
    return root;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    long[] total = {0};
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(from) && name.equals(".git")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isRegularFile()) {
              total[0] += attrs.size();
              if (total[0] > MAX_BYTES) {
                throw new IOException("chart is larger than " + MAX_BYTES + " bytes; refused");
              }
              Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void unpackDependencies(Path chart) throws IOException {
    Path charts = chart.resolve("charts");
    if (!Files.isDirectory(charts)) {
      return;
    }
    try (Stream<Path> deps = Files.list(charts)) {
      for (Path dep : deps.toList()) {
        String name = dep.getFileName().toString();
        if (Files.isRegularFile(dep) && (name.endsWith(".tgz") || name.endsWith(".tar.gz"))) {
          Path tmp = Files.createTempDirectory(charts, ".unpack");
          TarGz.extract(dep, tmp, MAX_BYTES);
          try (Stream<Path> top = Files.list(tmp)) {
            for (Path d : top.toList()) {
              if (!Files.exists(charts.resolve(d.getFileName().toString()))) {
                Files.move(d, charts.resolve(d.getFileName().toString()));
              }
            }
          }
          Files.delete(dep);
          deleteTree(tmp);
        } else if (Files.isDirectory(dep)) {
          unpackDependencies(dep);
        }
      }
    }
  }

  private static void neutraliseLookups(Path chart) throws IOException {
    try (Stream<Path> files = Files.walk(chart)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (!(name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".tpl"))
            || !f.toString().contains("templates")) {
          continue;
        }
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (text.contains("lookup")) {
          String replaced = text;
          String previous;
          do { // one lookup per pass inside an action: repeat until none is left
            previous = replaced;
            replaced = LOOKUP.matcher(replaced).replaceAll("$1omit (dict)");
          } while (!replaced.equals(previous));
          Files.writeString(f, replaced, StandardCharsets.UTF_8);
        }
      }
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary copy left behind is not worth failing a scan for
    }
  }
}
