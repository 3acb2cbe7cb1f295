package dev.kordon.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line form of subjects, and which ones count as built-in. */
class SubjectTest {

  static Stream<Arguments> forms() {
    return Stream.of(
        Arguments.of("user:alice", Subject.user("alice")),
        Arguments.of("User:alice", Subject.user("alice")),
        Arguments.of("user:system:kube-scheduler", Subject.user("system:kube-scheduler")),
        Arguments.of("group:system:masters", Subject.group("system:masters")),
        Arguments.of("serviceaccount:dev:ci", Subject.serviceAccount("dev", "ci")),
        Arguments.of("sa:dev:ci", Subject.serviceAccount("dev", "ci")),
        Arguments.of("user:system:serviceaccount:dev:ci", Subject.serviceAccount("dev", "ci")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void parsesAndPrintsBack(String text, Subject expected) {
    assertThat(Subject.parse(text)).isEqualTo(expected);
    assertThat(Subject.parse(expected.spec())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"alice", "user:", ":alice", "robot:x", "serviceaccount:ci", "sa:a:b:c"})
  void rejectsMalformedSubjects(String text) {
    assertThatThrownBy(() -> Subject.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builtInIdentitiesAreSystemButAudiencesAreNot() {
    assertThat(Subject.user("system:kube-controller-manager").isSystem()).isTrue();
    assertThat(Subject.group("system:masters").isSystem()).isTrue();
    assertThat(Subject.serviceAccount("kube-system", "replicaset-controller").isSystem()).isTrue();
    assertThat(Subject.group("system:authenticated").isSystem()).isFalse();
    assertThat(Subject.group("system:serviceaccounts:dev").isSystem()).isFalse();
    assertThat(Subject.serviceAccount("dev", "system").isSystem()).isFalse();
    assertThat(Subject.user("alice").isSystem()).isFalse();
  }

  @Test
  void serviceAccountUserName() {
    assertThat(Subject.serviceAccount("dev", "ci").userName())
        .isEqualTo("system:serviceaccount:dev:ci");
    assertThat(Identity.of(Subject.serviceAccount("dev", "ci")).groups())
        .containsExactlyInAnyOrder(
            "system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated");
    assertThat(Identity.of(Subject.user("system:anonymous")).groups())
        .containsExactly("system:unauthenticated");
  }
}
