package dev.kordon.pss;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What the admission plugin is configured with: the policy of each mode for namespaces without
 * labels, and the exempt namespaces and runtime classes. Mirrors the {@code defaults} and {@code
 * exemptions} of a {@code PodSecurityConfiguration} (pod-security.admission.config.k8s.io); user
 * name exemptions have no offline meaning and are ignored.
 */
public record PssDefaults(
    Map<PssMode, PssPolicy> policies,
    Set<String> exemptNamespaces,
    Set<String> exemptRuntimeClasses) {

  /** The plugin's built-in defaults: privileged, latest, in every mode; no exemptions. */
  public static final PssDefaults PLUGIN =
      new PssDefaults(
          Map.of(
              PssMode.ENFORCE, PssPolicy.PRIVILEGED,
              PssMode.AUDIT, PssPolicy.PRIVILEGED,
              PssMode.WARN, PssPolicy.PRIVILEGED),
          Set.of(),
          Set.of());

  public PssDefaults {
    policies = Map.copyOf(policies);
    for (PssMode m : PssMode.values()) {
      if (!policies.containsKey(m)) {
        throw new IllegalArgumentException("no default policy for mode " + m.word());
      }
    }
    exemptNamespaces = Set.copyOf(exemptNamespaces);
    exemptRuntimeClasses = Set.copyOf(exemptRuntimeClasses);
  }

  public PssPolicy policy(PssMode mode) {
    return policies.get(mode);
  }

  /** The same defaults with one policy for every mode, as {@code --default LEVEL:VERSION} sets. */
  public PssDefaults withAll(PssPolicy policy) {
    return new PssDefaults(
        Map.of(PssMode.ENFORCE, policy, PssMode.AUDIT, policy, PssMode.WARN, policy),
        exemptNamespaces,
        exemptRuntimeClasses);
  }

  /**
   * Reads a {@code PodSecurityConfiguration} document, or an {@code AdmissionConfiguration} whose
   * {@code PodSecurity} plugin embeds one. Unset fields keep the plugin's defaults; a malformed
   * level or version is an error, as it is for the API server at start-up.
   *
   * @throws IllegalArgumentException naming the bad field
   */
  public static PssDefaults fromConfiguration(JsonNode root) {
    JsonNode config = root;
    if ("AdmissionConfiguration".equals(root.path("kind").asString(""))) {
      config = null;
      for (JsonNode plugin : root.path("plugins")) {
        if ("PodSecurity".equals(plugin.path("name").asString(""))) {
          config = plugin.path("configuration");
        }
      }
      if (config == null) {
        throw new IllegalArgumentException("AdmissionConfiguration has no PodSecurity plugin");
      }
    }
    if (!"PodSecurityConfiguration".equals(config.path("kind").asString(""))) {
      throw new IllegalArgumentException(
          "expected kind PodSecurityConfiguration, got '" + config.path("kind").asString("") + "'");
    }
    Map<PssMode, PssPolicy> policies = new EnumMap<>(PssMode.class);
    JsonNode defaults = config.path("defaults");
    for (PssMode m : PssMode.values()) {
      String level = defaults.path(m.word()).asString("privileged");
      String version = defaults.path(m.word() + "-version").asString("latest");
      policies.put(m, PssPolicy.parse(level + ":" + version));
    }
    JsonNode exemptions = config.path("exemptions");
    return new PssDefaults(
        policies,
        strings(exemptions.path("namespaces")),
        strings(exemptions.path("runtimeClasses")));
  }

  private static Set<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : list) {
      out.add(n.asString(""));
    }
    return new TreeSet<>(out);
  }
}
