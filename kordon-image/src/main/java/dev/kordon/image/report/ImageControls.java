package dev.kordon.image.report;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.Severity;
import java.util.List;

/**
 * The findings about images (KOR-0450..0499). They judge images, not Kubernetes objects, so they
 * are not in the scan catalog; {@code docs/controls/<ID>.md} documents each.
 */
public final class ImageControls {
  private ImageControls() {}

  public static final ControlInfo VULNERABLE_PACKAGE =
      ControlInfo.builder("KOR-0450")
          .title("Vulnerable package in image")
          .kinds("Image")
          .severity(Severity.HIGH)
          .description(
              "A package installed in the image is affected by a published vulnerability (OSV).")
          .remediation(
              "Upgrade the package to the fixed version, or rebuild the image on a patched base.")
          .refs("nsa:image-scanning")
          .build();

  public static final ControlInfo END_OF_LIFE_OS =
      ControlInfo.builder("KOR-0451")
          .title("End-of-life operating system in image")
          .kinds("Image")
          .severity(Severity.HIGH)
          .description(
              "The image's OS release no longer gets security updates: new vulnerabilities in it"
                  + " stay unfixed.")
          .remediation("Rebuild the image on a supported release of its OS.")
          .refs("nsa:image-scanning")
          .build();

  public static final ControlInfo UNVERIFIED_SIGNATURE =
      ControlInfo.builder("KOR-0452")
          .title("Image signature not verified")
          .kinds("Image")
          .severity(Severity.HIGH)
          .description(
              "No cosign signature by the trusted key or keyless identity covers the image's"
                  + " digest: anyone who can push to the registry can replace what runs.")
          .remediation("Sign the image digest with cosign and deploy it by digest.")
          .refs("cis:5.5.1")
          .peers("kubescape:C-0236", "kubescape:C-0237")
          .build();

  public static List<ControlInfo> all() {
    return List.of(VULNERABLE_PACKAGE, END_OF_LIFE_OS, UNVERIFIED_SIGNATURE);
  }
}
