package dev.kordon.admission;

import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.pss.NamespacePolicy;
import dev.kordon.pss.PssDefaults;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the webhook enforces: the mode of every control (by id, by framework, or by severity), the
 * Pod Security policy of each namespace, exemptions, and the settings the controls need.
 *
 * <p>A webhook never sees Namespace objects, so the {@code pod-security.kubernetes.io/*} labels of
 * a namespace are given in the policy file ({@code podSecurity.namespaces}) and read exactly as the
 * built-in plugin reads real labels, over {@code podSecurity.defaults}.
 *
 * @param controls mode per control id (wins over frameworks and severities)
 * @param frameworks mode per framework id; when a control is in several, the strictest wins
 * @param severities mode per severity, for controls named by neither
 * @param podSecurity the defaults for namespaces without labels
 * @param namespaceLabels the Pod Security labels of named namespaces
 * @param allowedRegistries trusted image registries; empty keeps the built-in list
 * @param rules custom rule files (CEL, from kordon-rules), resolved against the policy's folder
 * @param exceptions an exceptions file, as {@code kordon scan --exceptions} reads it
 * @param imageSignatures the signatures images must carry, and how they are checked
 */
public record AdmissionPolicy(
    FailureMode failureMode,
    Map<String, Mode> controls,
    Map<String, Mode> frameworks,
    Map<Severity, Mode> severities,
    PssDefaults podSecurity,
    Map<String, Map<String, String>> namespaceLabels,
    Set<String> exemptNamespaces,
    Set<String> exemptUsernames,
    Set<String> exemptRuntimeClasses,
    List<String> allowedRegistries,
    List<Path> rules,
    Optional<Path> exceptions,
    ImageSignaturePolicy imageSignatures) {

  /**
   * The policy without a file: Pod Security baseline (latest) enforced where a namespace has no
   * labels, with restricted as warning and audit; critical controls enforced, high ones as
   * warnings, medium and low recorded in the audit log. Nothing exempt but what the webhook
   * configuration leaves out ({@code kube-system} and Kordon's own namespace).
   */
  public static final AdmissionPolicy DEFAULT =
      new AdmissionPolicy(
          FailureMode.DENY,
          Map.of(),
          Map.of(),
          defaultSeverities(),
          PolicyFile.DEFAULT_POD_SECURITY,
          Map.of(),
          Set.of(),
          Set.of(),
          Set.of(),
          List.of(),
          List.of(),
          Optional.empty(),
          ImageSignaturePolicy.NONE);

  public AdmissionPolicy {
    controls = Map.copyOf(controls);
    frameworks = Map.copyOf(frameworks);
    EnumMap<Severity, Mode> all = new EnumMap<>(defaultSeverities());
    all.putAll(severities);
    severities = Map.copyOf(all);
    namespaceLabels = Map.copyOf(namespaceLabels);
    exemptNamespaces = Set.copyOf(exemptNamespaces);
    exemptUsernames = Set.copyOf(exemptUsernames);
    exemptRuntimeClasses = Set.copyOf(exemptRuntimeClasses);
    allowedRegistries = List.copyOf(allowedRegistries);
    rules = List.copyOf(rules);
  }

  private static Map<Severity, Mode> defaultSeverities() {
    return Map.of(
        Severity.CRITICAL, Mode.ENFORCE,
        Severity.HIGH, Mode.WARN,
        Severity.MEDIUM, Mode.AUDIT,
        Severity.LOW, Mode.AUDIT);
  }

  /**
   * The mode of a finding: its control's, else the strictest of its frameworks', else by severity.
   */
  public Mode modeOf(Finding f) {
    Mode byControl = controls.get(f.controlId());
    if (byControl != null) {
      return byControl;
    }
    Mode byFramework = null;
    for (String fw : f.frameworks()) {
      Mode m = frameworks.get(fw);
      if (m != null) {
        byFramework = byFramework == null ? m : byFramework.max(m);
      }
    }
    return byFramework != null ? byFramework : severities.get(f.severity());
  }

  /** The Pod Security policy of a namespace: its labels from the policy file over the defaults. */
  public NamespacePolicy namespacePolicy(String namespace) {
    return NamespacePolicy.read(
        namespace, namespaceLabels.getOrDefault(namespace, Map.of()), podSecurity);
  }
}
