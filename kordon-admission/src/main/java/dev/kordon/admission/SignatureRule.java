package dev.kordon.admission;

import dev.kordon.admission.signature.AcceptedSigners;
import dev.kordon.admission.signature.ImagePattern;
import dev.kordon.image.source.ImageRef;
import java.util.List;

/**
 * One entry of the policy's {@code imageSignatures}: images matching any of the patterns must
 * satisfy the requirement; a violation is treated by the mode.
 *
 * @param name how messages name the rule (the {@code name} field, or its position)
 */
public record SignatureRule(
    String name, List<ImagePattern> images, AcceptedSigners requirement, Mode mode) {

  public SignatureRule {
    images = List.copyOf(images);
  }

  public boolean matches(ImageRef ref) {
    return images.stream().anyMatch(p -> p.matches(ref));
  }

  /** For an image that is not a valid reference: whether a pattern matches its text as written. */
  public boolean matchesText(String image) {
    String lower = image.strip().toLowerCase(java.util.Locale.ROOT);
    return images.stream().anyMatch(p -> p.regex().matcher(lower).matches());
  }
}
