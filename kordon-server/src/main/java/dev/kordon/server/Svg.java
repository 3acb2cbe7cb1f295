package dev.kordon.server;

import dev.kordon.server.Views.Point;
import java.util.List;
import java.util.Locale;

/** Trend charts as inline SVG drawn by the server: no script, no external library. */
final class Svg {
  private Svg() {}

  /** A small line of failing findings over the given reports, for a table cell. */
  static String sparkline(List<Point> points, String label) {
    int w = 120;
    int h = 28;
    return "<svg class=\"spark\" width=\""
        + w
        + "\" height=\""
        + h
        + "\" viewBox=\"0 0 "
        + w
        + " "
        + h
        + "\" role=\"img\" aria-label=\""
        + Html.esc(label)
        + "\">"
        + polyline(points, w, h, 2, "line")
        + "</svg>";
  }

  /** A chart with axes: failing findings, and the critical and high ones, per report. */
  static String chart(List<Point> points, String id, String title) {
    int w = 640;
    int h = 220;
    int pad = 36;
    int max = Math.max(1, points.stream().mapToInt(p -> p.counts().total()).max().orElse(1));
    StringBuilder sb = new StringBuilder();
    String desc =
        points.isEmpty()
            ? "No reports yet."
            : points.size()
                + " reports from "
                + Html.time(points.get(0).receivedMs())
                + " to "
                + Html.time(points.get(points.size() - 1).receivedMs())
                + "; failing findings went from "
                + points.get(0).counts().total()
                + " to "
                + points.get(points.size() - 1).counts().total()
                + ".";
    sb.append("<svg class=\"chart\" id=\"")
        .append(Html.esc(id))
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(h)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(Html.esc(id))
        .append("-t ")
        .append(Html.esc(id))
        .append("-d\"><title id=\"")
        .append(Html.esc(id))
        .append("-t\">")
        .append(Html.esc(title))
        .append("</title><desc id=\"")
        .append(Html.esc(id))
        .append("-d\">")
        .append(Html.esc(desc))
        .append("</desc>");
    sb.append("<line class=\"axis\" x1=\"")
        .append(pad)
        .append("\" y1=\"")
        .append(h - pad)
        .append("\" x2=\"")
        .append(w - 8)
        .append("\" y2=\"")
        .append(h - pad)
        .append("\"/>");
    sb.append("<line class=\"axis\" x1=\"")
        .append(pad)
        .append("\" y1=\"8\" x2=\"")
        .append(pad)
        .append("\" y2=\"")
        .append(h - pad)
        .append("\"/>");
    sb.append("<text class=\"tick\" x=\"")
        .append(pad - 4)
        .append("\" y=\"14\" text-anchor=\"end\">")
        .append(max)
        .append("</text><text class=\"tick\" x=\"")
        .append(pad - 4)
        .append("\" y=\"")
        .append(h - pad)
        .append("\" text-anchor=\"end\">0</text>");
    if (!points.isEmpty()) {
      sb.append("<text class=\"tick\" x=\"")
          .append(pad)
          .append("\" y=\"")
          .append(h - pad + 16)
          .append("\">")
          .append(Html.esc(Html.time(points.get(0).receivedMs())))
          .append("</text><text class=\"tick\" x=\"")
          .append(w - 8)
          .append("\" y=\"")
          .append(h - pad + 16)
          .append("\" text-anchor=\"end\">")
          .append(Html.esc(Html.time(points.get(points.size() - 1).receivedMs())))
          .append("</text>");
    }
    sb.append("<g transform=\"translate(")
        .append(pad)
        .append(" 8)\">")
        .append(series(points, w - pad - 8, h - pad - 8, max, p -> p.counts().total(), "line"))
        .append(
            series(
                points,
                w - pad - 8,
                h - pad - 8,
                max,
                p -> p.counts().critical() + p.counts().high(),
                "line severe"))
        .append("</g></svg>");
    return sb.toString();
  }

  private static String polyline(List<Point> points, int w, int h, int pad, String cls) {
    int max = Math.max(1, points.stream().mapToInt(p -> p.counts().total()).max().orElse(1));
    return "<g transform=\"translate("
        + pad
        + " "
        + pad
        + ")\">"
        + series(points, w - 2 * pad, h - 2 * pad, max, p -> p.counts().total(), cls)
        + "</g>";
  }

  private static String series(
      List<Point> points,
      int w,
      int h,
      int max,
      java.util.function.ToIntFunction<Point> value,
      String cls) {
    if (points.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("<polyline class=\"").append(cls).append("\" points=\"");
    int n = points.size();
    for (int i = 0; i < n; i++) {
      double x = n == 1 ? w / 2.0 : (double) i * w / (n - 1);
      double y = h - (double) value.applyAsInt(points.get(i)) * h / max;
      sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    sb.append("\"/>");
    if (n == 1) {
      Point p = points.get(0);
      double y = h - (double) value.applyAsInt(p) * h / max;
      sb.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>",
              cls,
              w / 2.0,
              y));
    }
    return sb.toString();
  }
}
