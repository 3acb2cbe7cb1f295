package dev.kordon.control.image;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * A container runs an image that no valid cosign signature of the trusted key or keyless identity
 * covers: unsigned, or signed by someone else, or with a signature that does not verify.
 */
public final class WorkloadImageUnsigned implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0455")
          .title("Workload runs an image without a valid signature")
          .severity(Severity.HIGH)
          .description(
              "No cosign signature by the trusted key or keyless identity (kordon scan --images"
                  + " --verify-key, or --certificate-identity with --certificate-oidc-issuer) covers the digest of the image a container runs: whoever can push to the"
                  + " registry, or replace a tag, decides what code runs in the cluster.")
          .remediation(
              "Sign the image digest with cosign (cosign sign, with a key or keyless) in the release pipeline,"
                  + " deploy it by digest, and enforce signatures at admission.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.5.1", "mitre:T1525", "mitre:T1204.003")
          .peers("kubescape:C-0236", "kubescape:C-0237")
          .optional(true)
          .build();

  private final ImageFacts facts;

  public WorkloadImageUnsigned(ImageFacts facts) {
    this.facts = facts;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    return ImageFindings.perContainer(
        facts,
        pod,
        (c, image) ->
            image
                .signature()
                .filter(sig -> !sig.verified())
                .map(
                    sig ->
                        INFO.finding(
                            pod.object(),
                            c.field("image"),
                            ImageFindings.subject(c, image) + ": " + sig.reason())));
  }
}
