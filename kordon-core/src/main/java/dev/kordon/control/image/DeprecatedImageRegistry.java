package dev.kordon.control.image;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/** {@code k8s.gcr.io} is frozen: images there receive no more security fixes. */
public final class DeprecatedImageRegistry implements PodControl {

  private static final String FROZEN = "k8s.gcr.io";

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0065")
          .title("Image from the frozen k8s.gcr.io registry")
          .severity(Severity.MEDIUM)
          .description(
              "The Kubernetes project froze k8s.gcr.io in April 2023; new releases and security"
                  + " fixes are published only on registry.k8s.io, so an image pulled from the old"
                  + " name stays at its old, unpatched version.")
          .remediation(
              "Replace k8s.gcr.io with registry.k8s.io in the image reference and move to a"
                  + " current version.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .peers("kubescape:C-0253")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    return ImageFindings.perReference(
        pod,
        (c, ref) ->
            ref.registry().equals(FROZEN)
                ? Optional.of(
                    INFO.finding(
                        pod.object(),
                        c.field("image"),
                        ImageFindings.subject(c)
                            + " comes from the frozen registry k8s.gcr.io; use registry.k8s.io"))
                : Optional.empty());
  }
}
