package dev.kordon.control.image;

import dev.kordon.model.Finding;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What the image controls share: the walk over a pod's containers whose image reference parses, or
 * whose image was read with {@code --images}, and the wording that names the container, image and
 * digest.
 */
final class ImageFindings {
  private ImageFindings() {}

  /**
   * The findings of one judgement over every container (init, regular, ephemeral) of a pod whose
   * image was read; a container whose image could not be read gets no verdict.
   */
  static List<Finding> perContainer(
      ImageFacts facts,
      PodSpecView pod,
      BiFunction<ContainerView, ImageFacts.Image, Optional<Finding>> judge) {
    List<Finding> out = new ArrayList<>();
    for (ContainerView c : pod.allContainers()) {
      facts.of(c.image()).flatMap(image -> judge.apply(c, image)).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The findings of one judgement over every container (init, regular, ephemeral) of a pod whose
   * image is a reference that parses; {@link MalformedImageReference} reports the others.
   */
  static List<Finding> perReference(
      PodSpecView pod, BiFunction<ContainerView, ImageReference, Optional<Finding>> judge) {
    List<Finding> out = new ArrayList<>();
    for (ContainerView c : pod.allContainers()) {
      ImageReference.parse(c.image()).flatMap(ref -> judge.apply(c, ref)).ifPresent(out::add);
    }
    return out;
  }

  /**
   * {@code container "app" image "nginx:1.25"}: what a message about an image reference is about.
   */
  static String subject(ContainerView c) {
    return c.describe() + " image \"" + c.image() + "\"";
  }

  /**
   * {@code container "app" image "nginx:1.25" (sha256:0123456789ab)}: the same, for a read image.
   */
  static String subject(ContainerView c, ImageFacts.Image image) {
    return subject(c) + " (" + shortDigest(image.digest()) + ")";
  }

  /** {@code sha256:0123456789ab}: enough to tell digests apart in a message. */
  static String shortDigest(String digest) {
    return digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) : digest;
  }
}
