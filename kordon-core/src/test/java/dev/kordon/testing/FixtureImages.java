package dev.kordon.testing;

import dev.kordon.control.image.ImageFacts;
import dev.kordon.model.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code scan --images} would have read from the images the fixtures of KOR-0453..0455 name:
 * the image controls' equivalent of {@code ControlSettings.FIXED_TODAY}. The real reading (layers,
 * OSV, cosign) is tested in kordon-image and end to end in kordon-cli.
 */
public final class FixtureImages {
  private FixtureImages() {}

  static ImageFacts.Vulnerability vuln(
      String id, String pkg, String version, String fixed, Severity severity) {
    return new ImageFacts.Vulnerability(id, pkg, version, fixed, severity);
  }

  static final ImageFacts.Signature SIGNED = new ImageFacts.Signature(true, "SHA256:f1c7...", "");

  public static final ImageFacts FACTS =
      new ImageFacts(
          Map.of(
              // critical and high with fixes, a high without, a medium; unsigned
              "registry.example.com/shop/api:1.4",
              new ImageFacts.Image(
                  "sha256:" + "a".repeat(64),
                  "Debian GNU/Linux 12 (bookworm)",
                  List.of(
                      vuln(
                          "CVE-2024-0001",
                          "openssl",
                          "3.0.11-1~deb12u2",
                          "3.0.13-1~deb12u1",
                          Severity.CRITICAL),
                      vuln(
                          "CVE-2024-0002",
                          "zlib",
                          "1:1.2.13.dfsg-1",
                          "1:1.2.13.dfsg-1+deb12u1",
                          Severity.HIGH),
                      vuln("CVE-2024-0003", "curl", "7.88.1-10", "", Severity.HIGH),
                      vuln(
                          "CVE-2024-0004",
                          "bash",
                          "5.2.15-2",
                          "5.2.15-2+deb12u1",
                          Severity.MEDIUM)),
                  Optional.empty(),
                  Optional.of(
                      new ImageFacts.Signature(
                          false, "", "no cosign signature (tag sha256-aaaa.sig not found)"))),
              // only a medium is fixable, the high has no fix; signed; supported OS
              "registry.example.com/shop/web@sha256:" + "b".repeat(64),
              new ImageFacts.Image(
                  "sha256:" + "b".repeat(64),
                  "Alpine Linux v3.20",
                  List.of(
                      vuln("CVE-2024-0005", "busybox", "1.36.1-r28", "", Severity.HIGH),
                      vuln("CVE-2024-0006", "musl", "1.2.5-r0", "1.2.5-r1", Severity.MEDIUM)),
                  Optional.empty(),
                  Optional.of(SIGNED)),
              // one fixable high; Debian 9, out of support; a signature that does not verify
              "registry.example.com/legacy/app:2.0",
              new ImageFacts.Image(
                  "sha256:" + "c".repeat(64),
                  "Debian GNU/Linux 9 (stretch)",
                  List.of(
                      vuln("CVE-2023-0007", "glibc", "2.24-11", "2.24-11+deb9u5", Severity.HIGH)),
                  Optional.of(LocalDate.of(2022, 6, 30)),
                  Optional.of(
                      new ImageFacts.Signature(
                          false, "", "signature does not verify with the trusted key"))),
              // nothing to say
              "registry.example.com/shop/worker:3",
              new ImageFacts.Image(
                  "sha256:" + "d".repeat(64),
                  "Debian GNU/Linux 12 (bookworm)",
                  List.of(),
                  Optional.empty(),
                  Optional.of(SIGNED))));
}
