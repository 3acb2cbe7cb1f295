package dev.kordon.control.image;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/** Images must come from a registry the operator trusts ({@code --allowed-registries}). */
public final class ImageRegistryNotAllowed implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0064")
          .title("Image from a registry outside the allowlist")
          .severity(Severity.MEDIUM)
          .description(
              "An image from an unvetted registry can carry anything: malware, a cryptominer, a"
                  + " typo-squatted copy of a well-known image. Restricting images to trusted"
                  + " registries is the first supply-chain boundary.")
          .remediation(
              "Mirror the image into an allowed registry and reference it there, or add its"
                  + " registry to --allowed-registries after vetting it.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("mitre:T1204.003")
          .peers("kubescape:C-0078", "trivy:KSV-0125")
          .build();

  private final List<String> allowed;

  public ImageRegistryNotAllowed(List<String> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    if (allowed.isEmpty()) {
      return List.of();
    }
    return ImageFindings.perReference(
        pod,
        (c, ref) ->
            allowed.stream().anyMatch(ref::allowedBy)
                ? Optional.empty()
                : Optional.of(
                    INFO.finding(
                        pod.object(),
                        c.field("image"),
                        ImageFindings.subject(c)
                            + " comes from registry \""
                            + ref.registry()
                            + "\", which is not in the allowed registries")));
  }
}
