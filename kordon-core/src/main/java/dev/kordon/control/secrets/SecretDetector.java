package dev.kordon.control.secrets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a literal value looks like a credential, and says why in words that never contain
 * the value: a known token format anywhere in the value, a URL with an embedded password, an HTTP
 * {@code Bearer}/{@code Basic} authorization value, or a credential-named key whose literal value
 * is random enough or shaped like a password, rather than a placeholder, a reference or a flag.
 */
final class SecretDetector {

  /** Values longer than this are only searched for known formats in their first part. */
  static final int MAX_SCAN = 64 * 1024;

  /** Minimum length and entropy (bits per character) of a credential-named literal. */
  static final int MIN_LENGTH = 8;

  static final double MIN_ENTROPY = 3.0;

  /**
   * A token format. {@code anchors}: literal pieces one of which every match contains; a value
   * holding none is skipped without running the regex, which matters on multi-megabyte ConfigMaps
   * (dashboards), where a leading lookbehind defeats the regex engine's own search.
   */
  private record Format(String description, List<String> anchors, Pattern pattern) {
    boolean mayMatch(String value) {
      for (String a : anchors) {
        if (value.contains(a)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final String NOT_ALNUM_BEFORE = "(?<![A-Za-z0-9])";
  private static final String NOT_ALNUM_AFTER = "(?![A-Za-z0-9])";

  private static final List<Format> FORMATS =
      List.of(
          new Format(
              "an AWS access key id",
              List.of("AKIA", "ASIA"),
              Pattern.compile(NOT_ALNUM_BEFORE + "(?:AKIA|ASIA)[0-9A-Z]{16}" + NOT_ALNUM_AFTER)),
          new Format(
              "a GitHub token",
              List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
              Pattern.compile(
                  NOT_ALNUM_BEFORE + "gh[pousr]_[A-Za-z0-9]{36,255}" + NOT_ALNUM_AFTER)),
          new Format(
              "a GitHub fine-grained token",
              List.of("github_pat_"),
              Pattern.compile(NOT_ALNUM_BEFORE + "github_pat_[A-Za-z0-9_]{50,255}")),
          new Format(
              "a GitLab token",
              List.of("glpat-"),
              Pattern.compile(NOT_ALNUM_BEFORE + "glpat-[A-Za-z0-9_-]{20,}")),
          new Format(
              "a Slack token",
              List.of("xox"),
              Pattern.compile(NOT_ALNUM_BEFORE + "xox[abposr]-[A-Za-z0-9-]{10,}")),
          new Format(
              "a Stripe live key",
              List.of("k_live_"),
              Pattern.compile(NOT_ALNUM_BEFORE + "[sr]k_live_[A-Za-z0-9]{20,}")),
          new Format(
              "a Google API key",
              List.of("AIza"),
              Pattern.compile(NOT_ALNUM_BEFORE + "AIza[0-9A-Za-z_-]{35}" + NOT_ALNUM_AFTER)),
          new Format(
              "a private key",
              List.of("PRIVATE KEY"),
              Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")),
          new Format(
              "a JSON Web Token",
              List.of("eyJ"),
              Pattern.compile(
                  NOT_ALNUM_BEFORE
                      + "eyJ[A-Za-z0-9_-]{8,4096}\\.eyJ[A-Za-z0-9_-]{8,8192}\\.[A-Za-z0-9_-]*")));

  /**
   * scheme://user:password@host, where the password is a literal. Quantifiers are bounded so that a
   * hostile value cannot make the search quadratic; so are the JWT segments above.
   */
  private static final Pattern URL_PASSWORD =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{0,31}://[^/\\s:@]{1,256}:([^@\\s/]{1,256})@");

  /**
   * An HTTP Authorization value: {@code Bearer <token>} or {@code Basic <base64 of user:password>},
   * in an env var or anywhere in a configuration file.
   */
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          NOT_ALNUM_BEFORE
              + "(Bearer|Basic|BEARER|BASIC|bearer|basic)[ \\t]{1,8}([A-Za-z0-9._~+/=\\-]{8,2048})"
              + "(?![A-Za-z0-9._~+/=\\-])");

  /** Minimum length of a Bearer token: shorter words are prose ("bearer tokens"). */
  static final int MIN_BEARER = 16;

  /**
   * Values of a credential-named key that are not credentials though they mix letters with digits
   * or symbols: versions ({@code v1.2.3}, {@code v1beta1}), durations and quantities ({@code
   * 120000ms}, {@code 512Mi}) and plain numbers. Compared in lower case.
   */
  private static final Pattern NOT_A_PASSWORD =
      Pattern.compile(
          "v?\\d+(?:\\.\\d+)+(?:[-+][0-9a-z.-]+)?"
              + "|v\\d+(?:(?:alpha|beta)\\d+)?"
              + "|(?:\\d+(?:\\.\\d+)?(?:ns|us|ms|s|m|h|d|w|y|k|ki|mi|gi|ti|kb|mb|gb|tb))+"
              + "|\\d+");

  /**
   * An object or host name: lower-case words joined by {@code -} or {@code .}, perhaps with a short
   * number or version ({@code postgres-credentials-v1}, {@code vault.example.com}). Such a value
   * says where a credential is ({@code existingSecret}), not what it is; a random token split by
   * dashes (a UUID) has mixed segments and is no name.
   */
  private static final Pattern OBJECT_NAME =
      Pattern.compile("(?:[a-z]+|v?\\d{1,3})(?:[-.](?:[a-z]+|v?\\d{1,3}))+");

  /** A key word equal to, or ending in, one of these names a credential. */
  private static final List<String> CREDENTIAL_WORDS =
      List.of(
          "password",
          "passwd",
          "passphrase",
          "secret",
          "secrets",
          "token",
          "tokens",
          "apikey",
          "credential",
          "credentials");

  /** Short words that name a credential only on their own. */
  private static final Set<String> CREDENTIAL_EXACT = Set.of("pwd", "pass", "creds", "pat");

  /**
   * Two adjacent key words that together name a credential: {@code api_key}, {@code privateKey}.
   */
  private static final Set<String> CREDENTIAL_PAIRS =
      Set.of(
          "apikey",
          "privatekey",
          "accesskey",
          "authkey",
          "signingkey",
          "encryptionkey",
          "secretkey",
          "clientkey",
          "masterkey",
          "accountkey",
          "storagekey",
          "hmackey",
          "sharedkey",
          "sessionkey",
          "subscriptionkey");

  /** A key ending in one of these names something about a credential, not the credential. */
  private static final Set<String> DESCRIPTIVE_SUFFIXES =
      Set.of(
          "name",
          "names",
          "file",
          "filename",
          "path",
          "dir",
          "url",
          "uri",
          "endpoint",
          "host",
          "ref",
          "reference",
          "ttl",
          "expiry",
          "expiration",
          "expires",
          "lifetime",
          "timeout",
          "length",
          "len",
          "size",
          "policy",
          "type",
          "mode",
          "enabled",
          "enable",
          "header",
          "format",
          "version",
          "count",
          "duration",
          "seconds",
          "interval",
          "rotation",
          "issuer",
          "audience",
          "location",
          "id",
          "provider",
          "store",
          "backend",
          "source",
          "required");

  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "true",
          "false",
          "yes",
          "no",
          "on",
          "off",
          "null",
          "none",
          "nil",
          "undefined",
          "empty",
          "changeme",
          "change_me",
          "changeit",
          "password",
          "secret",
          "token",
          "redacted",
          "placeholder",
          "example",
          "dummy",
          "test",
          "todo",
          "tbd",
          "replaceme",
          "replace_me",
          "notasecret",
          "not-a-secret",
          "disabled",
          "enabled",
          "required",
          "optional",
          "default",
          "unused",
          "nopassword",
          "notused",
          "<redacted>");

  /**
   * Shapes that are not secrets: references and templates ({@code $(VAR)}, {@code ${VAR}}, {@code
   * {{ x }}}, {@code #{x}}, {@code __TOKEN__}, {@code @TOKEN@}), instructions to the reader ({@code
   * <your-key>}, {@code yourpassword}, {@code INSERT_TOKEN}), one repeated character, plain URLs
   * and paths, and upper-case identifiers ({@code MY_APP_TOKEN}), which name a value rather than
   * hold one.
   */
  private static final Pattern PLACEHOLDER_SHAPES =
      Pattern.compile(
          "(?i:.*(?:\\$\\(|\\$\\{|\\{\\{|#\\{|%\\(|<[a-z_ -]+>|your|insert[_-]|replace|changeme"
              + "|example|dummy|placeholder|xxxx|\\*\\*\\*).*)"
              + "|(?:\\$[A-Za-z_][A-Za-z0-9_]*)|(?:__[A-Za-z0-9_.-]+__)|(?:@[A-Za-z0-9_.-]+@)"
              + "|(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"
              + "|(?:(.)\\1*)|(?i:[a-z]+://[^:@]*)|(?:/\\S*)|(?:\\./.*)");

  private SecretDetector() {}

  /** Why the value of this key looks like a credential; empty when it does not. */
  static Optional<String> inspect(String key, String value) {
    Optional<String> format = knownFormat(value);
    if (format.isPresent()) {
      return format;
    }
    if (literalCredential(key, value)) {
      return Optional.of("a literal value of a credential-named key");
    }
    return Optional.empty();
  }

  /**
   * Whether a key names a credential and its value is one: random enough ({@link #literalSecret}),
   * or, when the key ends in the credential word ({@code DB_PASSWORD}, {@code STORAGE_ACCOUNT_KEY},
   * not {@code PASSWORD_HASHING}), a password a person chose ({@code s3cr3tP4ss}, {@code
   * Passw0rd!}, and for a password key also a plain word of eight letters or more).
   */
  static boolean literalCredential(String key, String value) {
    if (!credentialName(key)) {
      return false;
    }
    if (literalSecret(value)) {
      return true;
    }
    List<String> words = words(key);
    if (!credentialWordAt(words, words.size() - 1)) {
      return false;
    }
    String v = value.strip();
    if (!candidate(v) || OBJECT_NAME.matcher(v).matches()) {
      return false;
    }
    return passwordShaped(v) || (passwordWord(words.get(words.size() - 1)) && lettersOnly(v));
  }

  /** A token format or URL password anywhere in the value. */
  static Optional<String> knownFormat(String value) {
    String v = value.length() > MAX_SCAN ? value.substring(0, MAX_SCAN) : value;
    for (Format f : FORMATS) {
      if (f.mayMatch(v) && f.pattern().matcher(v).find()) {
        return Optional.of(f.description());
      }
    }
    Optional<String> authorization = authorization(v);
    if (authorization.isPresent()) {
      return authorization;
    }
    if (!v.contains("://") || v.indexOf('@') < 0) {
      return Optional.empty();
    }
    Matcher url = URL_PASSWORD.matcher(v);
    while (url.find()) {
      String password = url.group(1);
      if (!placeholder(password)) {
        return Optional.of("a URL with an embedded password");
      }
    }
    return Optional.empty();
  }

  /** An HTTP Authorization credential anywhere in the value; templates and prose are not. */
  static Optional<String> authorization(String value) {
    String v = value.length() > MAX_SCAN ? value.substring(0, MAX_SCAN) : value;
    if (!v.contains("earer")
        && !v.contains("asic")
        && !v.contains("EARER")
        && !v.contains("ASIC")) {
      return Optional.empty();
    }
    Matcher m = AUTHORIZATION.matcher(v);
    while (m.find()) {
      String scheme = m.group(1).toLowerCase(Locale.ROOT);
      String credential = m.group(2);
      if (placeholder(credential)) {
        continue;
      }
      if (scheme.equals("basic") && basicCredential(credential)) {
        return Optional.of("an HTTP Basic authorization credential");
      }
      if (scheme.equals("bearer")
          && credential.length() >= MIN_BEARER
          && entropy(credential) >= MIN_ENTROPY) {
        return Optional.of("an HTTP Bearer authorization credential");
      }
    }
    return Optional.empty();
  }

  /** Base64 of {@code user:password} with a password that is no placeholder. */
  private static boolean basicCredential(String token) {
    byte[] decoded;
    try {
      decoded = java.util.Base64.getDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String text = new String(decoded, java.nio.charset.StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    if (colon < 0 || colon == text.length() - 1) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return false;
      }
    }
    return !placeholder(text.substring(colon + 1));
  }

  /** Whether a key names a credential: {@code DB_PASSWORD}, {@code apiKey}, {@code secret}. */
  static boolean credentialName(String key) {
    List<String> words = words(key);
    if (words.isEmpty()) {
      return false;
    }
    if (DESCRIPTIVE_SUFFIXES.contains(words.get(words.size() - 1))) {
      return false;
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (CREDENTIAL_EXACT.contains(w)) {
        return true;
      }
      for (String c : CREDENTIAL_WORDS) {
        if (w.endsWith(c)) {
          return true;
        }
      }
      if (i + 1 < words.size() && CREDENTIAL_PAIRS.contains(w + words.get(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** A literal that is long and random enough to be a real secret, and no object name. */
  static boolean literalSecret(String value) {
    String v = value.strip();
    return candidate(v) && !OBJECT_NAME.matcher(v).matches() && entropy(v) >= MIN_ENTROPY;
  }

  /** Long enough, one word, and no placeholder, reference or template. */
  private static boolean candidate(String v) {
    if (v.length() < MIN_LENGTH || v.length() > 4096 || placeholder(v)) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isWhitespace(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether word {@code i} names a credential, alone or with the word before it. */
  private static boolean credentialWordAt(List<String> words, int i) {
    if (i < 0 || DESCRIPTIVE_SUFFIXES.contains(words.get(i))) {
      return false;
    }
    String w = words.get(i);
    if (CREDENTIAL_EXACT.contains(w)
        || (i > 0 && CREDENTIAL_PAIRS.contains(words.get(i - 1) + w))) {
      return true;
    }
    for (String c : CREDENTIAL_WORDS) {
      if (w.endsWith(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean passwordWord(String w) {
    return w.endsWith("password")
        || w.endsWith("passwd")
        || w.endsWith("passphrase")
        || w.equals("pass")
        || w.equals("pwd");
  }

  private static boolean lettersOnly(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (!Character.isLetter(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Letters together with digits or symbols, and not a version, quantity, name or number. */
  static boolean passwordShaped(String v) {
    boolean letter = false;
    boolean other = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isLetter(c)) {
        letter = true;
      } else {
        other = true;
      }
    }
    return letter && other && !NOT_A_PASSWORD.matcher(v.toLowerCase(Locale.ROOT)).matches();
  }

  private static boolean placeholder(String v) {
    String lower = v.toLowerCase(Locale.ROOT);
    return v.isBlank() || PLACEHOLDERS.contains(lower) || PLACEHOLDER_SHAPES.matcher(v).matches();
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    Map<Integer, Integer> counts = new HashMap<>();
    s.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    int n = (int) s.codePoints().count();
    double bits = 0;
    for (int count : counts.values()) {
      double p = (double) count / n;
      bits -= p * (Math.log(p) / Math.log(2));
    }
    return bits;
  }

  /**
   * Lower-case words of a key: {@code dbPassword_FILE} gives {@code [db, password, file]}. Words
   * are runs of ASCII letters and digits, split where a lower-case letter or digit meets an
   * upper-case letter; every other character separates. Scanned by hand: it runs for every key and
   * every setting-like line of every ConfigMap, where three regex passes per key were most of the
   * cost.
   */
  static List<String> words(String key) {
    List<String> out = new ArrayList<>(4);
    int start = -1;
    for (int i = 0; i <= key.length(); i++) {
      char c = i < key.length() ? key.charAt(i) : ' ';
      boolean upper = c >= 'A' && c <= 'Z';
      boolean alnum = upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (start >= 0 && (!alnum || (upper && !isUpper(key.charAt(i - 1))))) {
        out.add(key.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
      if (alnum && start < 0) {
        start = i;
      }
    }
    return out;
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
