package dev.kordon.cli;

import dev.kordon.image.ImageReader;
import dev.kordon.image.layer.ImageLimits;
import dev.kordon.image.source.CredentialHelpers;
import dev.kordon.image.source.DockerConfig;
import dev.kordon.image.source.Platform;
import java.nio.file.Path;
import java.time.Duration;
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

  /** A reader with the user's own registry credentials. */
  ImageReader reader(CommandSpec spec, Io io) {
    return reader(spec, dockerConfig(io));
  }

  /** A reader with these credentials (the user's, maybe after a workload's pull secrets). */
  ImageReader reader(CommandSpec spec, DockerConfig credentials) {
    return new ImageReader(credentials, platform(spec), plainHttp, ImageLimits.DEFAULT);
  }

  Platform platform(CommandSpec spec) {
    try {
      return Platform.parse(platform);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--platform: " + e.getMessage());
    }
  }

  /**
   * The user's Docker config ({@code --docker-config}, else {@code ~/.docker/config.json}); its
   * credential helpers are looked up on the PATH of {@code io}'s environment.
   */
  DockerConfig dockerConfig(Io io) {
    Path config =
        dockerConfig != null
            ? dockerConfig
            : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    return DockerConfig.load(config, new CredentialHelpers(io.env(), HELPER_TIMEOUT));
  }

  /** How long one {@code docker-credential-NAME get} may take. */
  static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);
}
