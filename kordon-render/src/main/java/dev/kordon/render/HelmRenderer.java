package dev.kordon.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.kordon.model.ScanError;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a Helm chart in this process with helm-java, which embeds Helm 3 as a native library (no
 * {@code helm} binary needed; its Maven artifact carries the library for linux-amd64 only,
 * elsewhere the chart gets one error saying how to render it instead). Renders a private copy with
 * {@code lookup} answered by an empty map, so nothing ever reaches a cluster.
 */
public final class HelmRenderer {

  // helm-java would otherwise download a native library for another platform from Maven Central
  private static final String SKIP_REMOTE = "com.marcnuri.jkube-helm.skipRemoteJar";

  // "template: kordon/templates/x.yaml:12:3: executing ..." and "execution error at
  // (kordon/t.yaml:4:14): msg"
  private static final Pattern AT =
      Pattern.compile(
          "(?:template: |execution error at \\()([^:()\\s]+):(\\d+)(?::\\d+)?\\)?:\\s*(.*)",
          Pattern.DOTALL);

  private final Object lock = new Object();

  /**
   * Renders {@code chart} (a directory with Chart.yaml, or a {@code .tgz}); {@code display} names
   * it in locations and errors. Never throws: failures become errors naming the chart or the
   * template and line.
   */
  public ReadResult render(Path chart, String display, RenderOptions options) {
    Path work = null;
    try {
      work = Files.createTempDirectory("kordon-chart");
      Path copy = ChartCopy.of(chart, work);
      String output;
      synchronized (lock) { // one native call at a time
        output = template(copy, options);
      }
      return new RenderedManifests().read(output, copy, display);
    } catch (IOException e) {
      return error(display, 0, "cannot render Helm chart: " + e.getMessage());
    } catch (LinkageError | IllegalStateException e) {
      String message = String.valueOf(e.getMessage());
      if (e instanceof LinkageError || message.contains("NativeLibrary")) {
        return error(display, 0, unavailable());
      }
      return helmError(display, message);
    } catch (RuntimeException e) {
      return helmError(display, String.valueOf(e.getMessage()));
    } finally {
      if (work != null) {
        ChartCopy.deleteTree(work);
      }
    }
  }

  private static String template(Path copy, RenderOptions options) {
    System.setProperty(SKIP_REMOTE, "true");
    TemplateCommand t =
        new Helm(copy).template().withName(options.release()).withNamespace(options.namespace());
    for (Path values : options.valuesFiles()) {
      t = t.withValuesFile(values.toAbsolutePath());
    }
    for (String set : options.sets()) {
      int eq = set.indexOf('=');
      t = t.set(set.substring(0, eq), set.substring(eq + 1));
    }
    return t.call();
  }

  /** "kordon/templates/x.yaml:12" becomes the template file in the user's chart, at line 12. */
  private static ReadResult helmError(String display, String message) {
    String firstLine = message.lines().findFirst().orElse(message).trim();
    Matcher m = AT.matcher(firstLine);
    if (m.find()) {
      String source = m.group(1);
      int slash = source.indexOf('/');
      String file = display + "/" + (slash < 0 ? source : source.substring(slash + 1));
      String why = m.group(3).replaceFirst("^executing \"[^\"]*\" at <[^>]*>: ", "");
      return error(file, Integer.parseInt(m.group(2)), "Helm: " + why);
    }
    return error(display, 0, "Helm: " + firstLine);
  }

  static String unavailable() {
    String platform =
        System.getProperty("os.name", "?").toLowerCase(Locale.ROOT).replace(' ', '-')
            + "-"
            + System.getProperty("os.arch", "?");
    return "cannot render Helm charts in-process on "
        + platform
        + ": helm-java publishes its native Helm library for linux-amd64 only; render the chart"
        + " with `helm template CHART | kordon scan -` instead";
  }

  private static ReadResult error(String file, int line, String message) {
    return new ReadResult(List.of(), List.of(ScanError.error(file, line, message)));
  }
}
