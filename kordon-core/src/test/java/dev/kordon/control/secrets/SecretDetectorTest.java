package dev.kordon.control.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretDetectorTest {

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("DB_PASSWORD", true),
        Arguments.of("dbPassword", true),
        Arguments.of("MYSQL_ROOT_PASSWD", true),
        Arguments.of("api_key", true),
        Arguments.of("apiKey", true),
        Arguments.of("APIKEY", true),
        Arguments.of("private_key", true),
        Arguments.of("AWS_SECRET_ACCESS_KEY", true),
        Arguments.of("GITHUB_TOKEN", true),
        Arguments.of("githubtoken", true),
        Arguments.of("accessToken", true),
        Arguments.of("client-secret", true),
        Arguments.of("GOOGLE_APPLICATION_CREDENTIALS_JSON", true),
        Arguments.of("REDIS_PASS", true),
        Arguments.of("LOG_LEVEL", false),
        Arguments.of("SECRET_NAME", false),
        Arguments.of("PASSWORD_FILE", false),
        Arguments.of("TOKEN_URL", false),
        Arguments.of("tokenTtl", false),
        Arguments.of("TOKENIZER", false),
        Arguments.of("PASSENGER_COUNT", false),
        Arguments.of("KEY", false),
        Arguments.of("", false));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("names")
  void credentialNames(String key, boolean expected) {
    assertThat(SecretDetector.credentialName(key)).isEqualTo(expected);
  }

  static Stream<Arguments> literals() {
    return Stream.of(
        Arguments.of("q8Vz!r2Lm#T4wXp9", true),
        Arguments.of("7f3a9c1e5b2d8f4a6c0e", true),
        Arguments.of("", false),
        Arguments.of("   ", false),
        Arguments.of("true", false),
        Arguments.of("changeme", false),
        Arguments.of("CHANGEME", false),
        Arguments.of("$(DB_PASS)", false),
        Arguments.of("${DB_PASS}", false),
        Arguments.of("{{ .Values.password }}", false),
        Arguments.of("$DB_PASS", false),
        Arguments.of("<your-password>", false),
        Arguments.of("xxxxxxxxxxxxxxxx", false),
        Arguments.of("aaaaaaaaaaaa", false),
        Arguments.of("/etc/secrets/db/password", false),
        Arguments.of("https://vault.example.com/v1/secret", false),
        Arguments.of("abc123", false),
        Arguments.of("aabbaabbaabb", false),
        Arguments.of("two words here", false),
        Arguments.of("__SERVICEACCOUNT_TOKEN__", false),
        Arguments.of("@DB_PASSWORD@", false),
        Arguments.of("#{dbPassword}", false),
        Arguments.of("INSERT_ETCD_DISCOVERY_TOKEN", false),
        Arguments.of("MY_APP_SECRET_V2", false),
        Arguments.of("yourpassword", false),
        Arguments.of("Zr7_pQ2m_Vx9Lw4k", true),
        Arguments.of("ZR7PQ2MVX9LW4KQ8", true));
  }

  static Stream<Arguments> credentials() {
    return Stream.of(
        Arguments.of("DB_PASSWORD", "s3cr3tP4ss", true),
        Arguments.of("ADMIN_PASSWORD", "Passw0rd!", true),
        Arguments.of("MYSQL_ROOT_PASSWORD", "supersecret", true),
        Arguments.of("MINIO_SECRET_KEY", "minio123", true),
        Arguments.of("AZURE_STORAGE_ACCOUNT_KEY", "blob4Store9Key", true),
        Arguments.of("STORAGE_KEY", "blob4Store9Key", true),
        Arguments.of("HMAC_KEY", "hmac-2024-Rotated!", true),
        Arguments.of("spring.datasource.password", "s3cr3tP4ss", true),
        Arguments.of("DB_PASSWORD", "hunter2", false),
        Arguments.of("DB_PASSWORD", "password", false),
        Arguments.of("DB_PASSWORD", "disabled", false),
        Arguments.of("DB_PASSWORD", "${DB_PASSWORD}", false),
        Arguments.of("DB_PASSWORD", "<password>", false),
        Arguments.of("DB_PASSWORD", "", false),
        Arguments.of("DB_PASSWORD", "changeme", false),
        Arguments.of("DB_PASSWORD_HASHING", "sha2sha2", false),
        Arguments.of("DB_TOKEN", "postgres", false),
        Arguments.of("EXISTING_SECRET", "postgres-credentials-v1", false),
        Arguments.of("SECRET_STORE", "vault.example.com", false),
        Arguments.of("TOKEN_REFRESH", "120000ms", false),
        Arguments.of("API_TOKEN", "v1.28.3", false),
        Arguments.of("API_TOKEN", "v1beta1", false),
        Arguments.of("STORAGE_ACCOUNT", "acmeprod1x7", false),
        Arguments.of("SECRET_NAME", "s3cr3tP4ss", false),
        Arguments.of("API_TOKEN", "8312341g-5678-abcd-4a2b2c-33bcsd655", true));
  }

  @ParameterizedTest(name = "{0}={1}: {2}")
  @MethodSource("credentials")
  void literalCredentials(String key, String value, boolean expected) {
    assertThat(SecretDetector.literalCredential(key, value)).isEqualTo(expected);
  }

  static Stream<Arguments> authorizations() {
    return Stream.of(
        Arguments.of("Bearer 7Hq2Zr9Lw4Vx8Km3Tp6Yn1", "an HTTP Bearer authorization credential"),
        Arguments.of(
            "Authorization: bearer 7Hq2Zr9Lw4Vx8Km3Tp6Yn1",
            "an HTTP Bearer authorization credential"),
        Arguments.of("Basic YWRtaW46czNjcjN0UDRzcw==", "an HTTP Basic authorization credential"),
        Arguments.of(
            "header \"Basic YWRtaW46czNjcjN0UDRzcw==\";", "an HTTP Basic authorization credential"),
        Arguments.of("Bearer ${TOKEN}", ""),
        Arguments.of("Bearer <token>", ""),
        Arguments.of("Bearer $(TOKEN)", ""),
        Arguments.of("Bearer $http_x_token", ""),
        Arguments.of("Bearer short", ""),
        Arguments.of("Clients send a Bearer token or use basic authentication", ""),
        Arguments.of("Bearer aaaaaaaaaaaaaaaaaaaa", ""),
        Arguments.of("Basic dXNlcjo=", ""),
        Arguments.of("Basic dXNlcjpjaGFuZ2VtZQ==", ""),
        Arguments.of("Basic authentication-required", ""),
        Arguments.of("Basic bm8tY29sb24taGVyZQ==", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authorizations")
  void authorizationValues(String value, String expected) {
    assertThat(SecretDetector.authorization(value).orElse("")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\": {1}")
  @MethodSource("literals")
  void literalSecrets(String value, boolean expected) {
    assertThat(SecretDetector.literalSecret(value)).isEqualTo(expected);
  }

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of("AKIAZ7Q3KX4M2TB9WLPE", "an AWS access key id"),
        Arguments.of("ASIAZ7Q3KX4M2TB9WLPE", "an AWS access key id"),
        Arguments.of("ghp_Wq3Zr8Ty6Ui2Op4As1Df7Gh9Jk5Lz0Xc3Vb8", "a GitHub token"),
        Arguments.of("gho_Wq3Zr8Ty6Ui2Op4As1Df7Gh9Jk5Lz0Xc3Vb8", "a GitHub token"),
        Arguments.of(
            "github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd",
            "a GitHub fine-grained token"),
        Arguments.of("glpat-Zx8Wq3Er6Ty1Ui4Op7As", "a GitLab token"),
        Arguments.of("xoxb-2144-8843-Qm7Tz3Lp9Wx", "a Slack token"),
        Arguments.of("sk_live_4eC39HqLyjWDarjtT1zdp7dcXk", "a Stripe live key"),
        Arguments.of("AIzaSyD3x9Q2mZ7v8W1k4L6p0R5t3Y2u1I9o8P7", "a Google API key"),
        Arguments.of("-----BEGIN RSA PRIVATE KEY-----\nMIIEow==", "a private key"),
        Arguments.of("-----BEGIN OPENSSH PRIVATE KEY-----", "a private key"),
        Arguments.of("-----BEGIN PRIVATE KEY-----", "a private key"),
        Arguments.of(
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl", "a JSON Web Token"),
        Arguments.of("mysql://root:Xk29vLq8Rt@db/app", "a URL with an embedded password"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("formats")
  void knownFormatsAnywhereInTheValue(String value, String description) {
    assertThat(SecretDetector.knownFormat("prefix " + value + " suffix")).contains(description);
    assertThat(SecretDetector.inspect("HARMLESS_NAME", value)).contains(description);
  }

  static Stream<String> notFormats() {
    return Stream.of(
        "AKIA1234",
        "XAKIAZ7Q3KX4M2TB9WLPE",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dcXk",
        "-----BEGIN CERTIFICATE-----",
        "-----BEGIN PUBLIC KEY-----",
        "postgres://app:$(DB_PASS)@db/app",
        "https://user@example.com/",
        "eyJhbGciOiJIUzI1NiJ9");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notFormats")
  void lookalikesAreNotFormats(String value) {
    assertThat(SecretDetector.knownFormat(value)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entropyCases")
  void entropyInBitsPerCharacter(String value, double bits) {
    assertThat(SecretDetector.entropy(value))
        .isCloseTo(bits, org.assertj.core.data.Offset.offset(1e-9));
  }

  static Stream<Arguments> entropyCases() {
    return Stream.of(
        Arguments.of("", 0.0),
        Arguments.of("aaaa", 0.0),
        Arguments.of("abab", 1.0),
        Arguments.of("abcd", 2.0),
        Arguments.of("abcdefgh", 3.0));
  }

  @org.junit.jupiter.api.Test
  void hostileValuesAreSearchedOnlyInTheirFirst64KiB() {
    String bulk = "eyJa".repeat(20_000) + "x://u:".repeat(5_000);
    assertThat(SecretDetector.knownFormat(bulk)).isEmpty();
    String late = "a".repeat(SecretDetector.MAX_SCAN) + " AKIAZ7Q3KX4M2TB9WLPE";
    assertThat(SecretDetector.knownFormat(late)).isEmpty();
    String early = "AKIAZ7Q3KX4M2TB9WLPE " + "a".repeat(SecretDetector.MAX_SCAN);
    assertThat(SecretDetector.knownFormat(early)).contains("an AWS access key id");
  }
}
