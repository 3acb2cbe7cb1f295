package dev.kordon.control.node;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * Secrets encrypted with a provider the Kubernetes documentation advises against: aescbc (padding
 * oracle), or kms v1 (deprecated since 1.28).
 */
public final class WeakSecretsEncryption implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0377")
          .title("Secrets encrypted with a weak provider")
          .severity(Severity.MEDIUM)
          .description(
              "aescbc is vulnerable to padding-oracle attacks and keeps its key on the control-plane disk; kms v1 is deprecated and slow. Both are weaker than kms v2, aesgcm with rotation, or secretbox.")
          .remediation(
              "Put a kms provider with apiVersion: v2 (or secretbox) first for secrets, then rewrite the Secrets so they are re-encrypted.")
          .kinds(EncryptionProviders.KIND)
          .refs("cis:1.2.28", "nsa:secrets", "mitre:T1552.001")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    EncryptionProviders.SecretsEntry e = EncryptionProviders.forSecrets(config);
    if (e.provider().equals("aescbc")) {
      return List.of(INFO.finding(config, e.at(), "the first provider for secrets is aescbc"));
    }
    if (e.provider().equals("kms")
        && !config.text(e.at().append("kms", "apiVersion")).orElse("v1").equals("v2")) {
      return List.of(
          INFO.finding(
              config,
              e.at().append("kms"),
              "the first provider for secrets is kms v1 (deprecated; use apiVersion: v2)"));
    }
    return List.of();
  }
}
