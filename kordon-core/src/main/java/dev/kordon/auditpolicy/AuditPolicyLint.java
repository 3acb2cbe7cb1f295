package dev.kordon.auditpolicy;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lints an audit Policy: one that records nothing, records Secret payloads, records every request
 * twice (RequestReceived), or starves the detections of {@code kordon audit}. Pure: the caller
 * reads the file ({@code kordon audit policy}, {@code kordon node}).
 */
public final class AuditPolicyLint {

  private AuditPolicyLint() {}

  private static final String REF = "mitre:T1562.008";

  public static final ControlInfo NO_RULES =
      ControlInfo.builder("KOR-0430")
          .title("Audit policy without rules")
          .severity(Severity.HIGH)
          .description(
              "An audit Policy with no rules records nothing: every request is at level None.")
          .remediation("Add rules, ending with a catch-all rule at level Metadata.")
          .kinds("Policy")
          .refs("cis:1.2.18", REF)
          .build();

  public static final ControlInfo RECORDS_NOTHING =
      ControlInfo.builder("KOR-0431")
          .title("Audit policy that records nothing")
          .severity(Severity.HIGH)
          .description(
              "Every request reaches a rule at level None: the audit log stays empty and no attack"
                  + " leaves a trace.")
          .remediation(
              "Put the None rules for noisy requests first and end with a catch-all rule at level"
                  + " Metadata.")
          .kinds("Policy")
          .refs(REF)
          .build();

  public static final ControlInfo RECORDS_SECRETS =
      ControlInfo.builder("KOR-0432")
          .title("Audit policy that records Secret payloads")
          .severity(Severity.HIGH)
          .description(
              "Secrets, ConfigMaps and TokenReviews logged at level Request or RequestResponse put"
                  + " their values (passwords, tokens) into the audit log, readable by whoever reads"
                  + " the logs.")
          .remediation(
              "Log secrets, configmaps and tokenreviews at level Metadata, before any broader rule.")
          .kinds("Policy")
          .refs("mitre:T1552")
          .build();

  public static final ControlInfo RECORDS_REQUEST_RECEIVED =
      ControlInfo.builder("KOR-0433")
          .title("Audit policy without omitStages RequestReceived")
          .severity(Severity.LOW)
          .description(
              "Without omitStages: [RequestReceived] every request is logged twice (when received"
                  + " and when complete), doubling the log for no information.")
          .remediation("Add omitStages: [RequestReceived] at the top of the Policy.")
          .kinds("Policy")
          .refs(REF)
          .build();

  public static final ControlInfo STARVES_DETECTION =
      ControlInfo.builder("KOR-0434")
          .title("Audit policy that starves a detection")
          .severity(Severity.MEDIUM)
          .description(
              "A detection of kordon audit needs requests recorded at a level the Policy does not"
                  + " give them (e.g. Events at None hides their deletion, RoleBindings at Metadata"
                  + " hide whom they bind).")
          .remediation(
              "Record the named requests at the level the detection needs, or accept that it cannot"
                  + " fire.")
          .kinds("Policy")
          .refs(REF)
          .build();

  /** The controls of this lint, for the catalog listing. */
  public static List<ControlInfo> infos() {
    return List.of(
        NO_RULES, RECORDS_NOTHING, RECORDS_SECRETS, RECORDS_REQUEST_RECEIVED, STARVES_DETECTION);
  }

  private static final List<Probe> SENSITIVE =
      List.of(
          Probe.resource("get", "", "secrets", "", "default"),
          Probe.resource("create", "", "secrets", "", "default"),
          Probe.resource("update", "", "secrets", "", "default"),
          Probe.resource("patch", "", "secrets", "", "default"),
          Probe.resource("create", "", "configmaps", "", "default"),
          Probe.resource("update", "", "configmaps", "", "default"),
          Probe.resource("create", "authentication.k8s.io", "tokenreviews", "", ""));

  /** The findings on one Policy object, with the built-in detections' needs. */
  public static List<Finding> lint(KubeObject policy) {
    return lint(policy, DetectionNeed.builtIn());
  }

  public static List<Finding> lint(KubeObject policy, List<DetectionNeed> needs) {
    List<Finding> out = new ArrayList<>();
    AuditPolicy p = AuditPolicy.read(policy.raw());
    JsonPointer rulesField =
        policy.raw().has("rules") ? JsonPointer.of("rules") : JsonPointer.of("kind");
    for (AuditPolicy.PolicyRule r : p.rules()) {
      if (AuditLevel.parse(r.levelWord()).isEmpty()) {
        out.add(
            STARVES_DETECTION.finding(
                policy,
                r.pointer().append("level"),
                "rule "
                    + index(r)
                    + " has level \""
                    + r.levelWord()
                    + "\", which is no audit level: the API server refuses this policy"));
      }
    }
    if (p.rules().isEmpty()) {
      out.add(NO_RULES.finding(policy, rulesField, "the policy has no rules: nothing is logged"));
      return out;
    }
    if (p.rules().stream().allMatch(r -> r.level() == AuditLevel.NONE)) {
      out.add(
          RECORDS_NOTHING.finding(
              policy, rulesField, "every rule is at level None: nothing is logged"));
      return out;
    }
    AuditPolicy.PolicyRule first = p.rules().get(0);
    if (first.matchesEverything() && first.level() == AuditLevel.NONE) {
      out.add(
          RECORDS_NOTHING.finding(
              policy,
              first.pointer().append("level"),
              "rule 1 matches every request at level None: the rules after it never apply"));
      return out;
    }
    Set<Integer> reported = new LinkedHashSet<>();
    for (Probe probe : withNamedUsers(SENSITIVE, p)) {
      AuditPolicy.Decision d = p.decide(probe);
      if (d.level().atLeast(AuditLevel.REQUEST) && reported.add(d.ruleIndex())) {
        AuditPolicy.PolicyRule r = p.rules().get(d.ruleIndex());
        out.add(
            RECORDS_SECRETS.finding(
                policy,
                r.pointer().append("level"),
                "rule "
                    + index(r)
                    + " logs "
                    + probe.describe()
                    + " at level "
                    + d.level().word()
                    + ": the values end up in the log"));
      }
    }
    boolean topLevel = p.omitStages().contains("RequestReceived");
    boolean everyRule =
        p.rules().stream()
            .allMatch(
                r -> r.level() == AuditLevel.NONE || r.omitStages().contains("RequestReceived"));
    if (!topLevel && !everyRule) {
      JsonPointer at =
          policy.raw().has("omitStages") ? JsonPointer.of("omitStages") : JsonPointer.of("kind");
      out.add(
          RECORDS_REQUEST_RECEIVED.finding(
              policy,
              at,
              "omitStages lacks RequestReceived: every request is logged once more when received"));
    }
    for (DetectionNeed need : needs) {
      List<String> missing = new ArrayList<>();
      int rule = -1;
      for (Probe probe : need.probes()) {
        AuditPolicy.Decision d = p.decide(probe);
        boolean stage = need.stages().stream().anyMatch(d::records);
        if (!d.level().atLeast(need.level()) || !stage) {
          missing.add(
              probe.describe()
                  + " ("
                  + (d.ruleIndex() < 0
                      ? "no rule: None"
                      : "rule "
                          + (d.ruleIndex() + 1)
                          + ": "
                          + (stage ? d.level().word() : "stages " + need.stages() + " omitted"))
                  + ")");
          rule = rule < 0 ? d.ruleIndex() : rule;
        }
      }
      if (!missing.isEmpty()) {
        JsonPointer at = rule < 0 ? rulesField : p.rules().get(rule).pointer().append("level");
        out.add(
            STARVES_DETECTION.finding(
                policy,
                at,
                need.controlId()
                    + " ("
                    + need.what()
                    + ") needs level "
                    + need.level().word()
                    + " or more, but the policy logs "
                    + String.join("; ", missing)));
      }
    }
    return out;
  }

  /** The probes as the generic person, and again as each user and group the policy names. */
  private static List<Probe> withNamedUsers(List<Probe> probes, AuditPolicy p) {
    List<Probe> out = new ArrayList<>(probes);
    for (AuditPolicy.PolicyRule r : p.rules()) {
      for (String u : r.users()) {
        for (Probe probe : probes) {
          out.add(probe.as(u, List.of("system:authenticated")));
        }
      }
      for (String g : r.userGroups()) {
        for (Probe probe : probes) {
          out.add(probe.as(Probe.PERSON, List.of(g, "system:authenticated")));
        }
      }
    }
    return out;
  }

  private static int index(AuditPolicy.PolicyRule r) {
    return Integer.parseInt(r.pointer().segments().get(1)) + 1;
  }
}
