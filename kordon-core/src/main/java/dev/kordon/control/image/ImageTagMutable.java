package dev.kordon.control.image;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/** An image without a tag, or tagged {@code latest}, runs whatever was pushed last. */
public final class ImageTagMutable implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0061")
          .title("Image without tag or tagged latest")
          .severity(Severity.MEDIUM)
          .description(
              "An image reference without a tag, or with the tag latest, names whatever was"
                  + " pushed last: two nodes can run different code under one spec, a rollback"
                  + " brings back nothing, and a compromised registry account changes the"
                  + " workload without any change to the manifest.")
          .remediation(
              "Reference the image by a specific version tag, or better by digest"
                  + " (image@sha256:...).")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .peers("trivy:KSV-0013")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    return ImageFindings.perReference(
        pod,
        (c, ref) -> {
          if (!ref.floating()) {
            return Optional.empty();
          }
          String why = ref.hasTag() ? "is tagged latest" : "has no tag (the runtime pulls latest)";
          return Optional.of(
              INFO.finding(pod.object(), c.field("image"), ImageFindings.subject(c) + " " + why));
        });
  }
}
