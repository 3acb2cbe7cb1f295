package dev.kordon.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code credsStore} and {@code credHelpers} run {@code docker-credential-NAME get} as Docker does,
 * against fake helpers (shell scripts) that the test writes to a folder it puts on PATH.
 */
class CredentialHelpersTest {

  @TempDir Path tmp;

  /** A helper that logs the server it was asked about and answers from a small table. */
  Path helper(String name, String body) throws IOException {
    Path bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    Path script = bin.resolve("docker-credential-" + name);
    Files.writeString(script, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  static final String TABLE =
      """
      [ "$1" = get ] || exit 3
      read server
      echo "$server" >> "$(dirname "$0")/asked"
      case "$server" in
        registry.example.com) echo '{"ServerURL":"registry.example.com","Username":"bob","Secret":"pa55"}' ;;
        https://index.docker.io/v1/) echo '{"ServerURL":"x","Username":"hubuser","Secret":"hubtoken"}' ;;
        *) echo "credentials not found in native keychain"; exit 1 ;;
      esac
      """;

  CredentialHelpers onPath(Duration timeout) {
    return new CredentialHelpers(Map.of("PATH", "/nonexistent:" + tmp.resolve("bin")), timeout);
  }

  DockerConfig config(String json, Duration timeout) throws IOException {
    Path file = tmp.resolve("config.json");
    Files.writeString(file, json);
    return DockerConfig.load(file, onPath(timeout));
  }

  @Test
  void credsStoreAnswersWithTheServerOnStdinAndFallsBackToAuths() throws Exception {
    helper("fake", TABLE);
    DockerConfig c =
        config(
            """
            {"credsStore": "fake",
             "auths": {"other.example": {"auth": "Y2Fyb2w6c2VjcmV0"}}}
            """,
            Duration.ofSeconds(20));
    assertThat(c.forRegistry("registry.example.com").orElseThrow())
        .isEqualTo(new DockerConfig.Credentials("bob", "pa55"));
    assertThat(c.forRegistry("docker.io").orElseThrow().user()).isEqualTo("hubuser");
    // the helper has nothing for it: the file's auths answer, as Docker's native store does
    assertThat(c.forRegistry("other.example").orElseThrow().user()).isEqualTo("carol");
    assertThat(c.forRegistry("nowhere.example")).isEmpty();
    // each host is asked once, Docker Hub under the address Docker itself uses
    c.forRegistry("registry.example.com");
    assertThat(Files.readAllLines(tmp.resolve("bin/asked")))
        .containsExactly(
            "registry.example.com",
            "https://index.docker.io/v1/",
            "other.example",
            "nowhere.example");
  }

  @Test
  void credHelpersPerHostWinOverAuthsAndOtherHostsUseTheFile() throws Exception {
    helper("ecr", TABLE);
    DockerConfig c =
        config(
            """
            {"credHelpers": {"registry.example.com": "ecr"},
             "auths": {"registry.example.com": {"auth": "Y2Fyb2w6c2VjcmV0"},
                       "other.example": {"auth": "Y2Fyb2w6c2VjcmV0"}}}
            """,
            Duration.ofSeconds(20));
    assertThat(c.forRegistry("registry.example.com").orElseThrow().user()).isEqualTo("bob");
    assertThat(c.forRegistry("other.example").orElseThrow().user()).isEqualTo("carol");
    assertThat(Files.readAllLines(tmp.resolve("bin/asked")))
        .containsExactly("registry.example.com");
  }

  @Test
  void aMissingHelperIsAClearError() throws Exception {
    DockerConfig c = config("{\"credsStore\": \"desktop\"}", Duration.ofSeconds(20));
    assertThatThrownBy(() -> c.forRegistry("registry.example.com"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("docker-credential-desktop")
        .hasMessageContaining("not on PATH");
  }

  @Test
  void aFailingHelperIsNamedWithItsMessage() throws Exception {
    helper(
        "broken", "echo 'error getting credentials - err: exit status 1, out: locked'\nexit 1\n");
    DockerConfig c = config("{\"credsStore\": \"broken\"}", Duration.ofSeconds(20));
    assertThatThrownBy(() -> c.forRegistry("registry.example.com"))
        .hasMessageContaining("docker-credential-broken get failed for registry.example.com")
        .hasMessageContaining("(exit 1)")
        .hasMessageContaining("locked");
  }

  @Test
  void aHelperThatHangsIsKilledAtTheTimeout() throws Exception {
    helper("slow", "exec sleep 60\n");
    DockerConfig c = config("{\"credsStore\": \"slow\"}", Duration.ofMillis(300));
    assertThatThrownBy(() -> c.forRegistry("registry.example.com"))
        .hasMessageContaining("docker-credential-slow get did not answer within");
  }

  @Test
  void nonsenseAndIdentityTokensAreErrorsThatNeverEchoTheSecret() throws Exception {
    helper("garbage", "echo 'not json'\n");
    helper(
        "idtoken",
        "echo '{\"ServerURL\":\"r\",\"Username\":\"<token>\",\"Secret\":\"refresh-s3cret\"}'\n");
    assertThatThrownBy(
            () ->
                config("{\"credsStore\": \"garbage\"}", Duration.ofSeconds(20))
                    .forRegistry("registry.example.com"))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(
            () ->
                config("{\"credsStore\": \"idtoken\"}", Duration.ofSeconds(20))
                    .forRegistry("registry.example.com"))
        .hasMessageContaining("identity token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("refresh-s3cret"));
  }

  @Test
  void aPullSecretNamingAHelperNeverRunsIt() throws Exception {
    helper("fake", TABLE);
    DockerConfig secret =
        DockerConfig.parse(
            "{\"credsStore\":\"fake\",\"credHelpers\":{\"registry.example.com\":\"fake\"},"
                + "\"auths\":{\"pull.example\":{\"auth\":\"Y2Fyb2w6c2VjcmV0\"}}}");
    assertThat(secret.forRegistry("registry.example.com")).isEmpty();
    assertThat(secret.forRegistry("pull.example").orElseThrow().user()).isEqualTo("carol");
    assertThat(Files.exists(tmp.resolve("bin/asked"))).isFalse();
  }

  @Test
  void aPullSecretComesBeforeTheUsersConfig() throws Exception {
    helper("fake", TABLE);
    DockerConfig user = config("{\"credsStore\": \"fake\"}", Duration.ofSeconds(20));
    DockerConfig secret =
        DockerConfig.parse(
            "{\"auths\":{\"registry.example.com\":{\"auth\":\"Y2Fyb2w6c2VjcmV0\"}}}");
    DockerConfig both = secret.orElse(user);
    assertThat(both.forRegistry("registry.example.com").orElseThrow().user()).isEqualTo("carol");
    assertThat(both.forRegistry("docker.io").orElseThrow().user()).isEqualTo("hubuser");
  }
}
