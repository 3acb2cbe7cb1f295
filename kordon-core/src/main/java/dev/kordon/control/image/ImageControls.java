package dev.kordon.control.image;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import java.util.List;

/** Image provenance controls: tags, digests, pull policy, registries. */
public final class ImageControls {
  private ImageControls() {}

  public static List<Control> all(ControlSettings settings) {
    return List.of(
        new ImageTagMutable(),
        new ImageNotPinnedByDigest(),
        new MutableImageNotAlwaysPulled(),
        new ImageRegistryNotAllowed(settings.allowedRegistries()),
        new DeprecatedImageRegistry(),
        new MalformedImageReference());
  }
}
