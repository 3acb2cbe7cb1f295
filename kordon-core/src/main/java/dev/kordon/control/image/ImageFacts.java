package dev.kordon.control.image;

import dev.kordon.model.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading the images of a scan found ({@code kordon scan --images}), keyed by the image
 * reference exactly as the workloads write it. The image controls judge workloads against these
 * facts; reading the images (network, layers, OSV) happens before the engine runs, so the controls
 * stay pure. An image that could not be read has no entry, and its workloads get no verdict.
 */
public record ImageFacts(Map<String, Image> byReference) {

  public static final ImageFacts NONE = new ImageFacts(Map.of());

  public ImageFacts {
    byReference = Map.copyOf(byReference);
  }

  public Optional<Image> of(String reference) {
    return Optional.ofNullable(byReference.get(reference.strip()));
  }

  /**
   * One image as read.
   *
   * @param digest the manifest digest that was read (for the platform asked)
   * @param os the OS as its os-release names it ({@code PRETTY_NAME}, else id and version)
   * @param osEnded when the OS's support ended, if it has
   * @param signature the cosign verdict, when signatures were checked
   */
  public record Image(
      String digest,
      String os,
      List<Vulnerability> vulnerabilities,
      Optional<LocalDate> osEnded,
      Optional<Signature> signature) {
    public Image {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(os, "os");
      vulnerabilities = List.copyOf(vulnerabilities);
      Objects.requireNonNull(osEnded, "osEnded");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /**
   * One vulnerability matched in an image.
   *
   * @param pkg the package the advisory names (a source package for Debian and Alpine)
   * @param fixedVersion the first fixed version, or empty when no fix is known
   */
  public record Vulnerability(
      String id, String pkg, String version, String fixedVersion, Severity severity) {
    public Vulnerability {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(pkg, "pkg");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(fixedVersion, "fixedVersion");
      Objects.requireNonNull(severity, "severity");
    }

    public boolean fixable() {
      return !fixedVersion.isEmpty();
    }
  }

  /**
   * A cosign signature check of the image's digest.
   *
   * @param reason why it is not verified ("no signature", "signature does not verify ..."), empty
   *     when it is
   */
  public record Signature(boolean verified, String signer, String reason) {
    public Signature {
      Objects.requireNonNull(signer, "signer");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
