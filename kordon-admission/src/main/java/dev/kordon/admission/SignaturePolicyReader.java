package dev.kordon.admission;

import dev.kordon.admission.signature.AcceptedSigners;
import dev.kordon.admission.signature.ImagePattern;
import dev.kordon.admission.signature.KeyRequirement;
import dev.kordon.admission.signature.KeylessRequirement;
import dev.kordon.image.sign.CertificateIdentity;
import dev.kordon.image.sign.PublicKeys;
import dev.kordon.image.sign.SigstoreException;
import dev.kordon.image.sign.TrustedRoot;
import dev.kordon.model.JsonPointer;
import dev.kordon.source.YamlTrees.ConfigException;
import dev.kordon.source.YamlTrees.Located;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code imageSignatures} rules and the {@code imageVerification} settings of a policy
 * file. Every error names the file, the line and the field ({@code policy.yaml:14:
 * imageSignatures[0].keys[1].file: ...}).
 */
final class SignaturePolicyReader {

  static final Set<String> RULE_KEYS = Set.of("name", "images", "keys", "keyless", "mode");
  static final Set<String> KEY_KEYS = Set.of("pem", "file");
  static final Set<String> KEYLESS_KEYS = Set.of("identities", "trustedRoot");
  static final Set<String> IDENTITY_KEYS = Set.of("subject", "subjectRegExp", "issuer");
  static final Set<String> ROOT_KEYS = Set.of("file");
  static final Set<String> SETTINGS_KEYS = Set.of("budget", "tagTtl", "verifiedTtl", "rejectedTtl");

  /** Largest key file read: a PEM public key is a few hundred bytes. */
  static final long MAX_KEY_FILE = 64 * 1024;

  /** Largest trusted root read: the public-good instance's is about 8 KB. */
  static final long MAX_TRUSTED_ROOT = 4 * 1024 * 1024;

  private static final Pattern PEM_BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z ]*)-----[A-Za-z0-9+/=\\s]*?-----END \\1-----", Pattern.DOTALL);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private final String name;
  private final Located doc;
  private final Path base;
  private final List<String> keyFiles = new ArrayList<>();

  private SignaturePolicyReader(String name, Located doc, Path base) {
    this.name = name;
    this.doc = doc;
    this.base = base;
  }

  static ImageSignaturePolicy read(String name, Located doc, Path base) {
    return new SignaturePolicyReader(name, doc, base).read();
  }

  private ImageSignaturePolicy read() {
    JsonNode root = doc.root();
    Duration budget = ImageSignaturePolicy.DEFAULT_BUDGET;
    Duration tagTtl = ImageSignaturePolicy.DEFAULT_TAG_TTL;
    Duration verifiedTtl = ImageSignaturePolicy.DEFAULT_VERIFIED_TTL;
    Duration rejectedTtl = ImageSignaturePolicy.DEFAULT_REJECTED_TTL;
    JsonNode settings = root.path("imageVerification");
    JsonPointer sp = JsonPointer.of("imageVerification");
    if (!settings.isMissingNode() && !settings.isNull()) {
      if (!settings.isObject()) {
        throw error(sp, "imageVerification", "must be a mapping");
      }
      keys(sp, "imageVerification", settings, SETTINGS_KEYS);
      budget = duration(sp, "budget", settings, budget);
      if (budget.isZero()) {
        throw error(sp.append("budget"), "imageVerification.budget", "must be more than 0");
      }
      tagTtl = duration(sp, "tagTtl", settings, tagTtl);
      verifiedTtl = duration(sp, "verifiedTtl", settings, verifiedTtl);
      rejectedTtl = duration(sp, "rejectedTtl", settings, rejectedTtl);
    }
    List<SignatureRule> rules = new ArrayList<>();
    JsonNode list = root.path("imageSignatures");
    JsonPointer lp = JsonPointer.of("imageSignatures");
    if (!list.isMissingNode() && !list.isNull()) {
      if (!list.isArray()) {
        throw error(lp, "imageSignatures", "must be a list of rules");
      }
      for (int i = 0; i < list.size(); i++) {
        rules.add(rule(lp.append(i), "imageSignatures[" + i + "]", list.get(i)));
      }
    }
    return new ImageSignaturePolicy(
        rules, budget, tagTtl, verifiedTtl, rejectedTtl, keyFiles.stream().distinct().toList());
  }

  private SignatureRule rule(JsonPointer at, String field, JsonNode n) {
    if (!n.isObject()) {
      throw error(at, field, "must be a mapping with images and keys or keyless");
    }
    keys(at, field, n, RULE_KEYS);
    String ruleName = field;
    if (n.has("name")) {
      ruleName = n.path("name").asString("");
      if (!n.path("name").isString() || ruleName.isBlank()) {
        throw error(at.append("name"), field + ".name", "must be a non-empty string");
      }
    }
    List<ImagePattern> images = new ArrayList<>();
    JsonNode list = n.path("images");
    if (!list.isArray() || list.isEmpty()) {
      throw error(
          list.isMissingNode() ? at : at.append("images"),
          field + ".images",
          "must be a non-empty list of image patterns (e.g. registry.example.com/team/*)");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode p = list.get(i);
      String where = field + ".images[" + i + "]";
      if (!p.isString()) {
        throw error(at.append("images").append(i), where, "must be a string");
      }
      try {
        images.add(ImagePattern.parse(p.stringValue()));
      } catch (IllegalArgumentException e) {
        throw error(at.append("images").append(i), where, e.getMessage());
      }
    }
    if (n.has("keys") == n.has("keyless")) {
      throw error(
          at,
          field,
          "must have exactly one of keys (cosign public keys) or keyless (certificate identities)");
    }
    AcceptedSigners requirement =
        n.has("keys")
            ? new KeyRequirement(keyList(at, field, n.path("keys")))
            : keyless(at.append("keyless"), field + ".keyless", n.path("keyless"));
    Mode mode = Mode.ENFORCE;
    if (n.has("mode")) {
      JsonNode m = n.path("mode");
      String w = m.isBoolean() && !m.booleanValue() ? "off" : m.asString("");
      mode =
          Mode.parse(w)
              .orElseThrow(
                  () ->
                      error(
                          at.append("mode"),
                          field + ".mode",
                          "must be enforce, warn, audit or off, not '" + w + "'"));
    }
    return new SignatureRule(ruleName, images, requirement, mode);
  }

  private List<PublicKey> keyList(JsonPointer at, String field, JsonNode keyList) {
    if (!keyList.isArray() || keyList.isEmpty()) {
      throw error(
          at.append("keys"),
          field + ".keys",
          "must be a non-empty list of cosign public keys ({pem: ...} or {file: ...})");
    }
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < keyList.size(); i++) {
      keys.addAll(key(at.append("keys").append(i), field + ".keys[" + i + "]", keyList.get(i)));
    }
    return keys;
  }

  private KeylessRequirement keyless(JsonPointer at, String field, JsonNode n) {
    if (!n.isObject()) {
      throw error(at, field, "must be a mapping with identities and trustedRoot");
    }
    keys(at, field, n, KEYLESS_KEYS);
    JsonNode list = n.path("identities");
    if (!list.isArray() || list.isEmpty()) {
      throw error(
          list.isMissingNode() ? at : at.append("identities"),
          field + ".identities",
          "must be a non-empty list of {subject or subjectRegExp, issuer}");
    }
    List<CertificateIdentity> identities = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      identities.add(
          identity(
              at.append("identities").append(i), field + ".identities[" + i + "]", list.get(i)));
    }
    JsonPointer rootAt = at.append("trustedRoot");
    String rootField = field + ".trustedRoot";
    JsonNode root = n.path("trustedRoot");
    if (!root.isObject()) {
      throw error(
          root.isMissingNode() ? at : rootAt,
          rootField,
          "must be {file: trusted_root.json}, the Sigstore trusted root to verify against offline");
    }
    keys(rootAt, rootField, root, ROOT_KEYS);
    String p = root.path("file").asString("");
    if (p.isEmpty()) {
      throw error(rootAt.append("file"), rootField + ".file", "must be a file path");
    }
    Path file = base.resolve(p);
    keyFiles.add(p);
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_TRUSTED_ROOT) {
        throw error(
            rootAt.append("file"),
            rootField + ".file",
            file + " is larger than " + MAX_TRUSTED_ROOT + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw error(rootAt.append("file"), rootField + ".file", "cannot read " + file + ": " + e);
    }
    try {
      return new KeylessRequirement(
          identities, TrustedRoot.parse(file.toString(), bytes), sha256(bytes));
    } catch (SigstoreException e) {
      throw error(rootAt.append("file"), rootField + ".file", e.getMessage());
    }
  }

  private CertificateIdentity identity(JsonPointer at, String field, JsonNode n) {
    if (!n.isObject()) {
      throw error(at, field, "must be a mapping with subject (or subjectRegExp) and issuer");
    }
    keys(at, field, n, IDENTITY_KEYS);
    if (n.has("subject") == n.has("subjectRegExp")) {
      throw error(at, field, "must have exactly one of subject or subjectRegExp");
    }
    String key = n.has("subject") ? "subject" : "subjectRegExp";
    String subject = n.path(key).asString("");
    String issuer = n.path("issuer").asString("");
    if (issuer.isBlank()) {
      throw error(
          n.has("issuer") ? at.append("issuer") : at,
          field + ".issuer",
          "must be the OIDC issuer URL (e.g. https://token.actions.githubusercontent.com)");
    }
    try {
      return new CertificateIdentity(subject, key.equals("subjectRegExp"), issuer);
    } catch (IllegalArgumentException e) {
      throw error(at.append(key), field + "." + key, e.getMessage());
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<PublicKey> key(JsonPointer at, String field, JsonNode n) {
    if (!n.isObject() || n.size() != 1) {
      throw error(at, field, "must be a mapping with exactly one of pem or file");
    }
    keys(at, field, n, KEY_KEYS);
    String text;
    String source;
    if (n.has("pem")) {
      at = at.append("pem");
      field = field + ".pem";
      text = n.path("pem").asString("");
      source = "the inline key";
    } else {
      at = at.append("file");
      field = field + ".file";
      String p = n.path("file").asString("");
      if (p.isEmpty()) {
        throw error(at, field, "must be a file path");
      }
      Path file = base.resolve(p);
      keyFiles.add(p);
      try {
        if (Files.size(file) > MAX_KEY_FILE) {
          throw error(at, field, file + " is larger than " + MAX_KEY_FILE + " bytes");
        }
        text = Files.readString(file, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw error(at, field, "cannot read " + file + ": " + e.getMessage());
      }
      source = file.toString();
    }
    List<PublicKey> out = new ArrayList<>();
    Matcher m = PEM_BLOCK.matcher(text);
    while (m.find()) {
      if (!m.group(1).equals("PUBLIC KEY")) {
        throw error(
            at,
            field,
            source
                + " holds a "
                + m.group(1)
                + "; give the public key (cosign.pub), never a private one");
      }
      try {
        out.add(PublicKeys.parsePem(m.group()));
      } catch (GeneralSecurityException e) {
        throw error(at, field, source + ": " + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw error(at, field, source + " holds no PEM public key (-----BEGIN PUBLIC KEY-----)");
    }
    return out;
  }

  private Duration duration(JsonPointer at, String key, JsonNode settings, Duration fallback) {
    if (!settings.has(key)) {
      return fallback;
    }
    String w = settings.path(key).asString("");
    Matcher m = DURATION.matcher(w);
    if (!m.matches()) {
      throw error(
          at.append(key),
          "imageVerification." + key,
          "must be a duration such as 500ms, 2s, 5m or 1h, not '" + w + "'");
    }
    long v = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(v);
      case "s" -> Duration.ofSeconds(v);
      case "m" -> Duration.ofMinutes(v);
      default -> Duration.ofHours(v);
    };
  }

  private void keys(JsonPointer at, String field, JsonNode n, Set<String> allowed) {
    for (String k : n.propertyNames()) {
      if (!allowed.contains(k)) {
        throw error(
            at.append(k),
            field,
            "unknown key '"
                + k
                + "' (expected one of "
                + String.join(", ", new TreeSet<>(allowed))
                + ")");
      }
    }
  }

  private ConfigException error(JsonPointer at, String field, String message) {
    return new ConfigException(doc.where(name, at) + ": " + field + ": " + message);
  }
}
