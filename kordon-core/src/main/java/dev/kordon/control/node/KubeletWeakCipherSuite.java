package dev.kordon.control.node;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The kubelet allows a TLS cipher suite outside the strong list of CIS 4.2.12. */
public final class KubeletWeakCipherSuite implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("tlsCipherSuites");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0372")
          .title("Kubelet allows weak TLS cipher suites")
          .severity(Severity.MEDIUM)
          .description(
              "A cipher suite without forward secrecy or authenticated encryption in tlsCipherSuites lets a network attacker downgrade or decrypt traffic to the kubelet API (exec, logs).")
          .remediation(
              "Limit tlsCipherSuites (--tls-cipher-suites) to TLS 1.3 suites and ECDHE suites with AES-GCM or ChaCha20, or remove it.")
          .kinds("KubeletConfiguration")
          .refs("cis:4.2.12", "nsa:tls", "mitre:T1557")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    JsonNode suites = config.at(FIELD);
    for (int i = 0; i < suites.size(); i++) {
      String s = suites.get(i).asString("");
      if (!NodeControls.STRONG_CIPHERS.contains(s)) {
        return List.of(
            INFO.finding(
                config, FIELD.append(i), "the kubelet allows " + s + " in tlsCipherSuites"));
      }
    }
    return List.of();
  }
}
