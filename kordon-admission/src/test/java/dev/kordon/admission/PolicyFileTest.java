package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PolicyFileTest {

  @Test
  void theWrittenOutDefaultIsTheBuiltInDefault() {
    AdmissionPolicy parsed = PolicyFile.parse("default", PolicyFile.DEFAULT_TEXT, Path.of("."));
    assertThat(parsed).isEqualTo(AdmissionPolicy.DEFAULT);
  }

  @Test
  void relativeRuleAndExceptionPathsResolveAgainstThePolicyFolder() {
    AdmissionPolicy p =
        PolicyFile.parse(
            "p",
            "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\nrules: [cel/a.yaml]\n"
                + "exceptions: exceptions.yaml\n",
            Path.of("/etc/kordon/policy"));
    assertThat(p.rules()).containsExactly(Path.of("/etc/kordon/policy/cel/a.yaml"));
    assertThat(p.exceptions()).hasValue(Path.of("/etc/kordon/policy/exceptions.yaml"));
  }
}
