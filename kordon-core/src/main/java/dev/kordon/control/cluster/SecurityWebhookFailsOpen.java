package dev.kordon.control.cluster;

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
 * A policy engine's admission webhook has {@code failurePolicy: Ignore}: whenever the webhook is
 * down, slow or made unreachable, every request it should have judged is admitted unchecked.
 */
public final class SecurityWebhookFailsOpen implements ObjectControl {

  /** Names that identify policy engines in configuration, webhook or service names. */
  static final List<String> POLICY_ENGINES =
      List.of(
          "gatekeeper",
          "kyverno",
          "kubewarden",
          "jspolicy",
          "polaris",
          "k-rail",
          "datree",
          "open-policy-agent",
          "opa-",
          "pod-security",
          "policy");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0105")
          .title("Security policy webhook fails open")
          .severity(Severity.HIGH)
          .description(
              "With failurePolicy: Ignore, a policy webhook that times out, crashes or is"
                  + " overloaded on purpose admits everything it should have rejected, silently."
                  + " A webhook that exempts nothing is the one most tempting to set to Ignore,"
                  + " because failing closed would also block kube-system.")
          .remediation(
              "Set failurePolicy: Fail, exempt kube-system and the engine's own namespace with a"
                  + " namespaceSelector, and run the webhook with several replicas.")
          .kinds("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")
          .refs("nsa:pod-security", "mitre:T1610")
          .peers("kubescape:C-0036", "kubescape:C-0039")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonNode webhooks = config.raw().path("webhooks");
    for (int i = 0; i < webhooks.size(); i++) {
      JsonNode w = webhooks.path(i);
      if (!w.path("failurePolicy").asString("").equals("Ignore")) {
        continue;
      }
      String name = w.path("name").asString("");
      if (!policyEngine(config.name(), name, w.path("clientConfig"))) {
        continue;
      }
      out.add(
          INFO.finding(
              config,
              JsonPointer.ROOT.append("webhooks").append(i).append("failurePolicy"),
              "webhook \""
                  + name
                  + "\" enforces policy with failurePolicy: Ignore"
                  + (exemptsNothing(w) ? " and exempts no namespace" : "")));
    }
    return out;
  }

  private static boolean policyEngine(String config, String webhook, JsonNode client) {
    String haystack =
        String.join(
                " ",
                config,
                webhook,
                client.path("service").path("name").asString(""),
                client.path("service").path("namespace").asString(""),
                client.path("url").asString(""))
            .toLowerCase(Locale.ROOT);
    return POLICY_ENGINES.stream().anyMatch(haystack::contains);
  }

  private static boolean exemptsNothing(JsonNode webhook) {
    return selectorEmpty(webhook.path("namespaceSelector"))
        && selectorEmpty(webhook.path("objectSelector"));
  }

  private static boolean selectorEmpty(JsonNode selector) {
    return selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
  }
}
