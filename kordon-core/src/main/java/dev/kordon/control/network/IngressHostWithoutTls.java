package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * An Ingress that has TLS, but one of whose rule hosts no {@code tls[].hosts} entry covers: that
 * host is served without its certificate. Ingresses without any TLS are KOR-0073's.
 */
public final class IngressHostWithoutTls implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0074")
          .title("Ingress host not covered by TLS")
          .severity(Severity.MEDIUM)
          .description(
              "The Ingress terminates TLS for some hosts but not for this one: its traffic is"
                  + " served over plain HTTP or with a certificate for another name, which"
                  + " clients reject or, worse, users learn to click through.")
          .remediation(
              "Add the host to a spec.tls[].hosts entry whose certificate covers it, or remove"
                  + " the rule.")
          .kinds("Ingress")
          .refs("nsa:tls", "mitre:T1557")
          .peers("kubescape:C-0263")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonNode tls = object.raw().path("spec").path("tls");
    if (!tls.isArray() || tls.isEmpty()) {
      return out;
    }
    List<String> covered = new ArrayList<>();
    for (JsonNode entry : tls) {
      JsonNode hosts = entry.path("hosts");
      if (hosts.size() == 0) {
        // Without hosts the entry applies to the controller's wildcard host: assume it covers.
        return out;
      }
      for (JsonNode h : hosts) {
        covered.add(h.asString("").toLowerCase(Locale.ROOT));
      }
    }
    JsonNode rules = object.raw().path("spec").path("rules");
    for (int i = 0; rules.isArray() && i < rules.size(); i++) {
      String host = rules.get(i).path("host").asString("");
      if (host.isEmpty() || coveredBy(host.toLowerCase(Locale.ROOT), covered)) {
        continue;
      }
      out.add(
          INFO.finding(
              object,
              JsonPointer.of("spec", "rules", Integer.toString(i), "host"),
              "Ingress \"" + object.name() + "\" host " + host + " is in no spec.tls[].hosts"));
    }
    return out;
  }

  /** Exact match, or a {@code *.domain} entry covering exactly one more label. */
  static boolean coveredBy(String host, List<String> tlsHosts) {
    for (String t : tlsHosts) {
      if (t.equals(host)) {
        return true;
      }
      if (t.startsWith("*.") && !host.startsWith("*.")) {
        int dot = host.indexOf('.');
        if (dot > 0 && host.substring(dot).equals(t.substring(1))) {
          return true;
        }
      }
    }
    return false;
  }
}
