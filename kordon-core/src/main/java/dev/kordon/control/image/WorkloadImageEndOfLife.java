package dev.kordon.control.image;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** A container runs an image whose OS release no longer gets security updates. */
public final class WorkloadImageEndOfLife implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0454")
          .title("Workload runs an image on an end-of-life OS")
          .severity(Severity.HIGH)
          .description(
              "The image a container runs is built on an OS release past its end of support"
                  + " (from the image's os-release and Kordon's end-of-life table): new"
                  + " vulnerabilities in its packages are never fixed, so scanning it again later"
                  + " finds more and fixes none. Reported with kordon scan --images.")
          .remediation(
              "Rebuild the image on a supported release of its OS (or a maintained minimal base"
                  + " image) and deploy the new image.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:image-scanning")
          .optional(true)
          .build();

  private final ImageFacts facts;

  public WorkloadImageEndOfLife(ImageFacts facts) {
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
                .osEnded()
                .map(
                    ended ->
                        INFO.finding(
                            pod.object(),
                            c.field("image"),
                            ImageFindings.subject(c, image)
                                + " runs "
                                + image.os()
                                + ", out of support since "
                                + ended)));
  }
}
