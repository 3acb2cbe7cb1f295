package dev.kordon.pss;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The policies of one namespace, read from its {@code pod-security.kubernetes.io/*} labels over the
 * configured defaults, as the admission plugin reads them.
 *
 * @param labelled which modes a level or version label set (the others are the defaults)
 * @param errors labels that did not parse: a bad level is read as restricted, a bad version as
 *     latest
 * @param exempt the namespace is exempt by configuration
 */
public record NamespacePolicy(
    String namespace,
    Map<PssMode, PssPolicy> policies,
    List<PssMode> labelled,
    List<String> errors,
    boolean exempt) {

  public NamespacePolicy {
    policies = Map.copyOf(policies);
    labelled = List.copyOf(labelled);
    errors = List.copyOf(errors);
  }

  public PssPolicy policy(PssMode mode) {
    return policies.get(mode);
  }

  /** Reads the labels of a namespace over the defaults. */
  public static NamespacePolicy read(
      String namespace, Map<String, String> labels, PssDefaults defaults) {
    Map<PssMode, PssPolicy> policies = new EnumMap<>(PssMode.class);
    List<PssMode> labelled = new java.util.ArrayList<>();
    List<String> errors = new java.util.ArrayList<>();
    for (PssMode m : PssMode.values()) {
      PssPolicy d = defaults.policy(m);
      PssLevel level = d.level();
      PssVersion version = d.version();
      String levelLabel = labels.get(m.levelLabel());
      if (levelLabel != null) {
        level = PssLevel.fromLabel(levelLabel);
        if (PssLevel.parse(levelLabel).isEmpty()) {
          errors.add(
              m.levelLabel()
                  + "="
                  + Pods.quote(levelLabel)
                  + " is not privileged, baseline or restricted; read as restricted");
        }
      }
      String versionLabel = labels.get(m.versionLabel());
      if (versionLabel != null) {
        try {
          version = PssVersion.parse(versionLabel);
        } catch (IllegalArgumentException e) {
          version = PssVersion.LATEST;
          errors.add(
              m.versionLabel()
                  + "="
                  + Pods.quote(versionLabel)
                  + " is not latest or v1.<minor>; read as latest");
        }
      }
      if (levelLabel != null || versionLabel != null) {
        labelled.add(m);
      }
      policies.put(m, new PssPolicy(level, version));
    }
    return new NamespacePolicy(
        namespace, policies, labelled, errors, defaults.exemptNamespaces().contains(namespace));
  }
}
