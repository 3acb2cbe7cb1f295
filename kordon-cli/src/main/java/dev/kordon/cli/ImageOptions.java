package dev.kordon.cli;

import dev.kordon.image.ImageReader;
import dev.kordon.image.layer.ImageLimits;
import dev.kordon.image.source.DockerConfig;
import dev.kordon.image.source.Platform;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How images are fetched: platform, registry transport and credentials. */
final class ImageOptions {

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH",
      description = "Platform to take from a multi-platform image (default: linux/amd64).")
  String platform = "linux/amd64";

  @Option(
      names = "--plain-http",
      description = "Talk plain HTTP to the registry (always allowed for localhost).")
  boolean plainHttp;

  @Option(
      names = "--docker-config",
      paramLabel = "FILE",
      description = "Registry credentials file (default: the Docker client's own).")
  Path dockerConfig;

  ImageReader reader(CommandSpec spec) {
    Platform p;
    try {
      p = Platform.parse(platform);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--platform: " + e.getMessage());
    }
    Path config =
        dockerConfig != null
            ? dockerConfig
            : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    return new ImageReader(DockerConfig.load(config), p, plainHttp, ImageLimits.DEFAULT);
  }
}
