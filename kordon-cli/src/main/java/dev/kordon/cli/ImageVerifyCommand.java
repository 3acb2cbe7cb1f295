package dev.kordon.cli;

import dev.kordon.image.ImageReader;
import dev.kordon.image.report.ImageControls;
import dev.kordon.image.report.ImageReports;
import dev.kordon.image.sign.CosignVerifier;
import dev.kordon.image.sign.PublicKeys;
import dev.kordon.image.sign.SignatureResult;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Checks cosign signatures of images against a public key.",
    footer = {
      "",
      "The signature is read from the sha256-<digest>.sig tag beside the image (registry or OCI"
          + " layout); it counts when it verifies with the key over the simple-signing payload"
          + " and the payload names the image's digest.",
      "Keyless (Sigstore bundle) verification is not supported yet.",
      "Formats: table, json, sarif, markdown, html.",
      "Exit codes: 0 every image verified, 1 an image not verified, 2 bad usage or an unreadable"
          + " image.",
      "",
      "Examples:",
      "  kordon image verify registry.example.com/shop/api:1.4 --key cosign.pub",
      "  kordon image verify oci:build/app --key cosign.pub --format json"
    })
final class ImageVerifyCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Images to verify.")
  List<String> images = new ArrayList<>();

  @Option(
      names = "--key",
      paramLabel = "FILE",
      required = true,
      description = "The cosign public key (PEM).")
  Path key;

  @Mixin ImageOptions imageOptions = new ImageOptions();

  @Mixin ReportOptions report = new ReportOptions();

  ImageVerifyCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    Format format = report.format(spec, ImageScanCommand.FORMATS);
    PublicKey publicKey;
    try {
      publicKey = PublicKeys.parsePem(Files.readString(key));
    } catch (IOException | GeneralSecurityException e) {
      throw new ParameterException(spec.commandLine(), "--key " + key + ": " + e.getMessage());
    }
    CosignVerifier verifier = new CosignVerifier(publicKey);
    ImageReader reader = imageOptions.reader(spec, io);
    List<ScanError> problems = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    List<SignatureResult> results = new ArrayList<>();
    for (String image : images.stream().distinct().toList()) {
      SignatureResult r;
      try {
        r = reader.verify(image, verifier);
      } catch (IOException e) {
        problems.add(
            ScanError.error(
                image, 0, ImageScanCommand.withoutImage(String.valueOf(e.getMessage()), image)));
        continue;
      }
      results.add(r);
      rows.add(
          List.of(
              r.image(),
              r.digest(),
              r.verified() ? "verified" : "NOT VERIFIED",
              r.verified() ? r.signer() : r.reason()));
      if (!r.verified()) {
        ObjectRef ref = new ObjectRef("kordon.dev/v1", "Image", "", image);
        findings.add(
            ImageReports.finding(
                ImageControls.UNVERIFIED_SIGNATURE,
                ImageControls.UNVERIFIED_SIGNATURE.severity(),
                ref,
                JsonPointer.of("signature"),
                r.digest() + " is not signed by the key: " + r.reason()));
      }
    }
    ReportSection section =
        new ReportSection.Table(
            "signatures",
            "Signatures (key " + PublicKeys.fingerprint(publicKey) + ")",
            List.of("IMAGE", "DIGEST", "RESULT", "SIGNER OR REASON"),
            rows,
            List.of(),
            results);
    Report result =
        new Report(
            Report.Tool.KORDON,
            Summary.of(results.size(), findings),
            findings,
            List.of(),
            problems,
            List.of(),
            ImageControls.all(),
            List.of(),
            List.of(section),
            "image verify");
    report.write(result, format, io);
    if (!problems.isEmpty()) {
      return ExitCode.ERROR;
    }
    return findings.isEmpty() ? ExitCode.OK : ExitCode.FINDINGS;
  }
}
