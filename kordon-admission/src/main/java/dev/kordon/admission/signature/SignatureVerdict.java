package dev.kordon.admission.signature;

import java.util.Locale;

/**
 * What the signature check of one image found.
 *
 * @param image the image as the workload names it
 * @param digest the manifest digest that was checked; empty when it could not be resolved
 * @param detail for {@link Status#VERIFIED} the signer, otherwise why not
 */
public record SignatureVerdict(Status status, String image, String digest, String detail) {

  /** The outcomes, grouped by who decides: the rule's mode, or the policy's failure mode. */
  public enum Status {
    /** Signed as the rule requires. */
    VERIFIED,
    /** No signature at all. A violation. */
    UNSIGNED,
    /** Signatures exist and none satisfies the rule. A violation. */
    BAD_SIGNATURE,
    /** The tag names no manifest. A violation: nothing can be verified. */
    NOT_FOUND,
    /** The registry could not be asked. Decided by the failure mode. */
    UNREACHABLE,
    /** The time budget ran out first. Decided by the failure mode. */
    TIMED_OUT;

    /** Whether the check could not be completed (as opposed to a verdict on the image). */
    public boolean unevaluated() {
      return this == UNREACHABLE || this == TIMED_OUT;
    }

    public String word() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public boolean verified() {
    return status == Status.VERIFIED;
  }

  /** {@code image (sha256:...)}: the image and the digest it resolved to. */
  public String subject() {
    return digest.isEmpty() || image.endsWith(digest)
        ? image + (digest.isEmpty() ? " (digest unknown)" : "")
        : image + " (" + digest + ")";
  }
}
