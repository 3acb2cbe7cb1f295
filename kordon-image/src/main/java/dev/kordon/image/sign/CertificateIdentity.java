package dev.kordon.image.sign;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Who must have signed, keyless: the signing certificate's subject alternative name (an email or a
 * URI such as a CI workflow) and the OIDC issuer that vouched for it.
 *
 * @param identity the SAN, or a Java regular expression over it when {@code regexp}; a regexp must
 *     match the whole SAN (cosign's {@code --certificate-identity-regexp} matches anywhere, so an
 *     unanchored cosign pattern is stricter here, never looser)
 * @param issuer the OIDC issuer URL, compared exactly
 */
public record CertificateIdentity(String identity, boolean regexp, String issuer) {

  public CertificateIdentity {
    if (identity.isBlank()) {
      throw new IllegalArgumentException("the certificate identity is empty");
    }
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("the certificate OIDC issuer is empty");
    }
    if (regexp) {
      try {
        Pattern.compile(identity);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "the identity regexp does not compile: " + e.getDescription(), e);
      }
    }
  }

  public static CertificateIdentity exact(String identity, String issuer) {
    return new CertificateIdentity(identity, false, issuer);
  }

  public static CertificateIdentity regexp(String identityRegexp, String issuer) {
    return new CertificateIdentity(identityRegexp, true, issuer);
  }

  public boolean matches(String san) {
    return regexp ? Pattern.compile(identity).matcher(san).matches() : identity.equals(san);
  }

  /** For messages: {@code identity "ci@example.com" issued by https://accounts.example.com}. */
  public String describe() {
    return describeIdentity() + " issued by " + issuer;
  }

  /**
   * The identity part alone: {@code identity "ci@example.com"} or {@code identity matching /re/}.
   */
  public String describeIdentity() {
    return regexp ? "identity matching /" + identity + "/" : "identity \"" + identity + "\"";
  }
}
