package dev.kordon.control.image;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/** A tag can be moved to other content; only a digest names exactly one image. */
public final class ImageNotPinnedByDigest implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0062")
          .title("Image not pinned by digest")
          .severity(Severity.LOW)
          .description(
              "Every tag, even a version tag, can be pushed again with other content. Without a"
                  + " digest the image that runs is whatever the tag points at when a node pulls"
                  + " it, so what was scanned and approved need not be what runs.")
          .remediation(
              "Append the digest of the approved image (image: repo:tag@sha256:...), for example"
                  + " with crane digest or a tool that pins and updates digests.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("mitre:T1525")
          .peers("kubescape:C-0306")
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
            ref.hasDigest()
                ? Optional.empty()
                : Optional.of(
                    INFO.finding(
                        pod.object(),
                        c.field("image"),
                        ImageFindings.subject(c) + " is not pinned by digest")));
  }
}
