package dev.kordon.control.image;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import java.util.List;

/**
 * Image controls: provenance from the reference alone (tags, digests, pull policy, registries), and
 * what is inside the image once {@code scan --images} has read it (optional controls that {@code
 * --images} turns on).
 */
public final class ImageControls {
  private ImageControls() {}

  public static List<Control> all(ControlSettings settings) {
    return List.of(
        new ImageTagMutable(),
        new ImageNotPinnedByDigest(),
        new MutableImageNotAlwaysPulled(),
        new ImageRegistryNotAllowed(settings.allowedRegistries()),
        new DeprecatedImageRegistry(),
        new MalformedImageReference(),
        new WorkloadImageVulnerable(settings.images()),
        new WorkloadImageEndOfLife(settings.images()),
        new WorkloadImageUnsigned(settings.images()));
  }

  /** The controls that judge images read by {@code scan --images}; it enables them. */
  public static List<String> contentControlIds() {
    return List.of(
        WorkloadImageVulnerable.INFO.id(),
        WorkloadImageEndOfLife.INFO.id(),
        WorkloadImageUnsigned.INFO.id());
  }
}
