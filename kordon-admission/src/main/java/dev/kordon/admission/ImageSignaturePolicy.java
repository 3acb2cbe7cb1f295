package dev.kordon.admission;

import java.time.Duration;
import java.util.List;

/**
 * The signature part of the policy: the rules ({@code imageSignatures}) and how checks are timed
 * and cached ({@code imageVerification}).
 *
 * @param budget the time all image checks of one review may take together; beyond it the unfinished
 *     ones are decided by the failure mode. It must fit, with the evaluation timeout, below the
 *     webhook's {@code timeoutSeconds}
 * @param tagTtl how long a tag's digest is reused before the registry is asked again
 * @param verifiedTtl how long a verified digest is not verified again
 * @param rejectedTtl how long an unsigned, badly signed or unknown image is not checked again
 * @param keyFiles the key files the rules name, as written (relative to the policy file)
 */
public record ImageSignaturePolicy(
    List<SignatureRule> rules,
    Duration budget,
    Duration tagTtl,
    Duration verifiedTtl,
    Duration rejectedTtl,
    List<String> keyFiles) {

  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(2);
  public static final Duration DEFAULT_TAG_TTL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_VERIFIED_TTL = Duration.ofHours(1);
  public static final Duration DEFAULT_REJECTED_TTL = Duration.ofSeconds(15);

  /** No rule: no image is checked, the registry is never asked. */
  public static final ImageSignaturePolicy NONE =
      new ImageSignaturePolicy(
          List.of(),
          DEFAULT_BUDGET,
          DEFAULT_TAG_TTL,
          DEFAULT_VERIFIED_TTL,
          DEFAULT_REJECTED_TTL,
          List.of());

  public ImageSignaturePolicy {
    rules = List.copyOf(rules);
    keyFiles = List.copyOf(keyFiles);
    for (Duration d : List.of(budget, tagTtl, verifiedTtl, rejectedTtl)) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative");
      }
    }
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }
}
