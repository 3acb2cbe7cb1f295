package dev.kordon.cli;

import dev.kordon.image.sign.CertificateIdentity;
import dev.kordon.image.sign.PublicKeys;
import dev.kordon.image.sign.SignatureRequirement;
import dev.kordon.image.sign.SigstoreException;
import dev.kordon.image.sign.TrustedRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Who must have signed an image, keyless: a certificate identity, its OIDC issuer and the Sigstore
 * trusted root to check them against offline. Shared by {@code image verify} and {@code scan
 * --images}; each command names its own key flag ({@code --key}, {@code --verify-key}).
 */
final class SignerOptions {

  @Option(
      names = "--certificate-identity",
      paramLabel = "ID",
      description = "Keyless: the signer's email or URI, as in the certificate's SAN.")
  String identity;

  @Option(
      names = "--certificate-identity-regexp",
      paramLabel = "REGEXP",
      description = "Keyless: a Java regular expression the whole SAN must match.")
  String identityRegexp;

  @Option(
      names = "--certificate-oidc-issuer",
      paramLabel = "URL",
      description = "Keyless: the OIDC issuer that vouched for the identity (exact).")
  String issuer;

  @Option(
      names = "--trusted-root",
      paramLabel = "FILE",
      description = "Keyless: the Sigstore trusted_root.json (Fulcio CAs, Rekor and CT log keys).")
  Path trustedRoot;

  /** Whether any keyless option is given. */
  boolean keyless() {
    return identity != null || identityRegexp != null || issuer != null || trustedRoot != null;
  }

  /**
   * The requirement the options and the command's key flag describe, empty when neither is given;
   * every contradiction is a usage error.
   */
  Optional<SignatureRequirement> requirement(CommandSpec spec, Path key, String keyFlag) {
    if (key != null && keyless()) {
      throw new ParameterException(
          spec.commandLine(),
          keyFlag
              + " and the keyless options (--certificate-identity[-regexp],"
              + " --certificate-oidc-issuer, --trusted-root) exclude each other");
    }
    if (key != null) {
      try {
        return Optional.of(
            new SignatureRequirement.Key(PublicKeys.parsePem(Files.readString(key))));
      } catch (IOException | GeneralSecurityException e) {
        throw new ParameterException(
            spec.commandLine(), keyFlag + " " + key + ": " + e.getMessage());
      }
    }
    if (!keyless()) {
      return Optional.empty();
    }
    if ((identity == null) == (identityRegexp == null)) {
      throw new ParameterException(
          spec.commandLine(),
          "give one of --certificate-identity and --certificate-identity-regexp");
    }
    if (issuer == null) {
      throw new ParameterException(
          spec.commandLine(), "--certificate-oidc-issuer is required for keyless verification");
    }
    CertificateIdentity id;
    try {
      id =
          identity != null
              ? CertificateIdentity.exact(identity, issuer)
              : CertificateIdentity.regexp(identityRegexp, issuer);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path rootFile = trustedRoot != null ? trustedRoot : defaultTrustedRoot(System.getenv());
    if (trustedRoot == null && !Files.exists(rootFile)) {
      throw new ParameterException(
          spec.commandLine(),
          "no trusted root: pass --trusted-root FILE or put the Sigstore trusted_root.json at "
              + rootFile
              + " (nothing is downloaded)");
    }
    try {
      return Optional.of(new SignatureRequirement.Keyless(id, TrustedRoot.read(rootFile)));
    } catch (SigstoreException e) {
      throw new ParameterException(spec.commandLine(), "--trusted-root " + e.getMessage());
    }
  }

  /** Where the trusted root is read from when --trusted-root is not given. */
  static Path defaultTrustedRoot(Map<String, String> env) {
    String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
    Path config =
        xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg);
    return config.resolve("kordon").resolve("trusted_root.json");
  }
}
