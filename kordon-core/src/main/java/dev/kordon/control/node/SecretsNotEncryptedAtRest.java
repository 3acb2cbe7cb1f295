package dev.kordon.control.node;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * An EncryptionConfiguration that writes Secrets in plaintext: the first provider for secrets is
 * {@code identity}, or no entry covers secrets at all.
 */
public final class SecretsNotEncryptedAtRest implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0376")
          .title("Secrets stored in plaintext in etcd")
          .severity(Severity.HIGH)
          .description(
              "The API server writes with the first provider listed for a resource; when that is identity (or no entry covers secrets), every Secret lands in etcd and its backups in plaintext.")
          .remediation(
              "List an encrypting provider (kms with apiVersion v2, aesgcm or secretbox) first for secrets, keep identity last only while migrating, then rewrite the Secrets.")
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
    if (e.provider().isEmpty()) {
      return List.of(
          INFO.finding(config, e.at(), "no entry of this EncryptionConfiguration covers secrets"));
    }
    if (!e.provider().equals("identity")) {
      return List.of();
    }
    return List.of(
        INFO.finding(config, e.at(), "the first provider for secrets is identity (plaintext)"));
  }
}
