package dev.kordon.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerbsTest {

  @Test
  void resourceRequestsCarryTheMethodVerbsAndTheSpecialOnes() {
    for (String v :
        new String[] {
          "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection",
          "use", "bind", "escalate", "impersonate", "approve", "sign", "attest", "*"
        }) {
      assertThat(Verbs.isStandard(v, false)).as(v).isTrue();
    }
    assertThat(Verbs.isStandard("gett", false)).isFalse();
    assertThat(Verbs.isStandard("post", false)).isFalse();
    assertThat(Verbs.isStandard("GET", false)).isFalse();
  }

  @Test
  void urlPathsCarryTheLowerCasedHttpMethod() {
    assertThat(Verbs.standard(true))
        .containsExactly("get", "post", "put", "patch", "delete", "head");
    assertThat(Verbs.isStandard("post", true)).isTrue();
    assertThat(Verbs.isStandard("list", true)).isFalse();
    assertThat(Verbs.isStandard("impersonate", true)).isFalse();
  }

  @Test
  void aQueryKnowsWhetherItsVerbIsStandardForItsKindOfRequest() {
    assertThat(new WhoCanQuery("get", "secrets", "", "", Optional.empty()).hasStandardVerb())
        .isTrue();
    assertThat(new WhoCanQuery("gett", "secrets", "", "", Optional.empty()).hasStandardVerb())
        .isFalse();
    WhoCanQuery url = new WhoCanQuery("watch", "/metrics", "", "", Optional.empty());
    assertThat(url.nonResource()).isTrue();
    assertThat(url.hasStandardVerb()).isFalse();
  }
}
