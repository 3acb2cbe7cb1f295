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

  static Stream<Arguments> reaches() {
    return Stream.of(
        Arguments.of(Subject.user("system:anonymous"), Subject.Reach.ANYONE),
        Arguments.of(Subject.group("system:unauthenticated"), Subject.Reach.ANYONE),
        Arguments.of(Subject.group("system:authenticated"), Subject.Reach.AUTHENTICATED),
        Arguments.of(Subject.group("system:serviceaccounts"), Subject.Reach.ALL_SERVICE_ACCOUNTS),
        Arguments.of(
            Subject.group("system:serviceaccounts:dev"), Subject.Reach.NAMESPACE_SERVICE_ACCOUNTS),
        Arguments.of(Subject.group("system:masters"), Subject.Reach.BUILT_IN),
        Arguments.of(Subject.group("system:nodes"), Subject.Reach.BUILT_IN),
        Arguments.of(Subject.group("system:monitoring"), Subject.Reach.BUILT_IN),
        Arguments.of(Subject.group("system:bootstrappers"), Subject.Reach.BUILT_IN),
        Arguments.of(
            Subject.group("system:bootstrappers:kubeadm:default-node-token"),
            Subject.Reach.BUILT_IN),
        Arguments.of(Subject.user("system:node:worker-1"), Subject.Reach.BUILT_IN),
        Arguments.of(Subject.user("system:bootstrap:abcdef"), Subject.Reach.BUILT_IN),
        Arguments.of(Subject.user("system:kube-controller-manager"), Subject.Reach.BUILT_IN),
        Arguments.of(Subject.user("system:kube-scheduler"), Subject.Reach.BUILT_IN),
        Arguments.of(Subject.user("system:kube-proxy"), Subject.Reach.BUILT_IN),
        Arguments.of(Subject.serviceAccount("kube-system", "coredns"), Subject.Reach.BUILT_IN),
        Arguments.of(Subject.user("system:node:"), Subject.Reach.ORDINARY),
        Arguments.of(Subject.user("system:ops-team"), Subject.Reach.ORDINARY),
        Arguments.of(Subject.group("system:admins"), Subject.Reach.ORDINARY),
        Arguments.of(Subject.user("system:authenticated"), Subject.Reach.ORDINARY),
        Arguments.of(Subject.serviceAccount("dev", "system"), Subject.Reach.ORDINARY),
        Arguments.of(Subject.group("ops"), Subject.Reach.ORDINARY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reaches")
  void reachIsDecidedInOnePlace(Subject subject, Subject.Reach reach) {
    assertThat(subject.reach()).isEqualTo(reach);
    assertThat(subject.isSystem()).isEqualTo(reach == Subject.Reach.BUILT_IN);
    assertThat(subject.isBroad()).isEqualTo(reach.broad());
    assertThat(subject.audience().isPresent()).isEqualTo(reach.broad());
  }

  @Test
  void broadSubjectsAreNeverBuiltIn() {
    assertThat(Subject.user("system:anonymous").isSystem()).isFalse();
    assertThat(Subject.group("system:unauthenticated").isSystem()).isFalse();
    assertThat(Subject.group("system:serviceaccounts").isSystem()).isFalse();
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
