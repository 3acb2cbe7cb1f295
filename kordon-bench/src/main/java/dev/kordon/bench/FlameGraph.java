package dev.kordon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collapsed stacks ({@code frame;frame;frame count} per line, as async-profiler's {@code collapsed}
 * output or a JFR summary gives them) to a flame graph in SVG: the root at the bottom, each frame
 * as wide as its share of the samples, a tooltip with the frame and its share, colours by origin
 * (Kordon green, Netty and Vert.x blue, JDK orange, JVM and native red). Frames narrower than a
 * tenth of a percent are left out.
 *
 * <p>Arguments: COLLAPSED SVG [TITLE]
 */
public final class FlameGraph {
  private FlameGraph() {}

  private static final int WIDTH = 1600;
  private static final int ROW = 16;
  private static final double MIN_WIDTH = WIDTH / 400.0;

  /** One frame of the merged tree. */
  private static final class Node {
    final String name;
    long samples;
    final Map<String, Node> children = new LinkedHashMap<>();

    Node(String name) {
      this.name = name;
    }
  }

  public static void main(String[] args) throws IOException {
    Node root = new Node("all");
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      long n = Long.parseLong(line.substring(space + 1).trim());
      root.samples += n;
      Node at = root;
      for (String frame : line.substring(0, space).split(";")) {
        at = at.children.computeIfAbsent(frame, Node::new);
        at.samples += n;
      }
    }
    int depth = depth(root, root.samples);
    int height = (depth + 2) * ROW + 30;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"monospace\" font-size=\"11\">%n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#fdfdf6\"/>%n"
                + "<text x=\"8\" y=\"18\" font-size=\"14\">%s (%d samples)</text>%n",
            WIDTH,
            height,
            escape(args.length > 2 ? args[2] : "Flame graph"),
            root.samples));
    List<String> out = new ArrayList<>();
    draw(root, 0, 0, WIDTH, root.samples, height, out);
    out.forEach(svg::append);
    svg.append("</svg>\n");
    Files.writeString(Path.of(args[1]), svg, StandardCharsets.UTF_8);
  }

  /** Levels of the frames wide enough to be drawn. */
  private static int depth(Node n, long total) {
    int d = 0;
    for (Node c : n.children.values()) {
      if (WIDTH * (double) c.samples / total >= MIN_WIDTH) {
        d = Math.max(d, depth(c, total));
      }
    }
    return d + 1;
  }

  private static void draw(
      Node n, int level, double x, double width, long total, int height, List<String> out) {
    if (width < MIN_WIDTH) {
      return;
    }
    double y = height - (level + 1) * ROW - 4;
    double share = 100.0 * n.samples / total;
    String label = n.name + String.format(Locale.ROOT, " (%.2f%%)", share);
    int chars = (int) ((width - 4) / 6.6);
    String text =
        chars < 3 ? "" : label.length() <= chars ? label : label.substring(0, chars - 2) + "..";
    out.add(
        String.format(
            Locale.ROOT,
            "<g><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\""
                + " fill=\"%s\" stroke=\"#fdfdf6\" stroke-width=\"0.5\"/>"
                + "<text x=\"%.1f\" y=\"%.1f\">%s</text></g>%n",
            escape(label),
            x,
            y,
            width,
            ROW - 1,
            colour(n.name),
            x + 2,
            y + ROW - 4,
            escape(text)));
    double cx = x;
    for (Node c : n.children.values()) {
      double w = width * c.samples / n.samples;
      draw(c, level + 1, cx, w, total, height, out);
      cx += w;
    }
  }

  private static String colour(String frame) {
    int h = Math.abs(frame.hashCode() % 40);
    if (frame.startsWith("dev/kordon") || frame.startsWith("dev.kordon")) {
      return "rgb(" + (80 + h) + ",190," + (80 + h) + ")";
    }
    if (frame.startsWith("io/netty") || frame.startsWith("io/vertx") || frame.startsWith("io.")) {
      return "rgb(" + (90 + h) + "," + (150 + h) + ",230)";
    }
    if (frame.startsWith("java")
        || frame.startsWith("sun")
        || frame.startsWith("jdk")
        || frame.startsWith("tools/jackson")
        || frame.startsWith("org/")) {
      return "rgb(240," + (150 + h) + ",60)";
    }
    return "rgb(230," + (80 + h) + "," + (60 + h) + ")";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
