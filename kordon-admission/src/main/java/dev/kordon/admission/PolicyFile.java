package dev.kordon.admission;

import dev.kordon.framework.Framework;
import dev.kordon.model.Severity;
import dev.kordon.pss.NamespacePolicy;
import dev.kordon.pss.PssDefaults;
import dev.kordon.pss.PssMode;
import dev.kordon.pss.PssPolicy;
import dev.kordon.source.YamlTrees;
import dev.kordon.source.YamlTrees.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads an {@code AdmissionPolicy} file ({@code kordon.dev/v1alpha1}). Every key is checked: a
 * misspelt key in a security policy would otherwise weaken it silently. Errors name the file and
 * the field.
 */
public final class PolicyFile {
  private PolicyFile() {}

  public static final String API_VERSION = "kordon.dev/v1alpha1";
  public static final String KIND = "AdmissionPolicy";

  /**
   * The built-in policy written out: what {@code kordon admission install} puts in the ConfigMap,
   * so that users start from the defaults they already run. A test keeps it equal to {@link
   * AdmissionPolicy#DEFAULT}.
   */
  public static final String DEFAULT_TEXT =
      """
      apiVersion: kordon.dev/v1alpha1
      kind: AdmissionPolicy
      # deny or allow when Kordon cannot evaluate an object (a control failed, or ran out of time)
      failureMode: deny
      # the mode of each control by severity: enforce (deny), warn, audit or off
      severities:
        critical: enforce
        high: warn
        medium: audit
        low: audit
      # per framework (cis, nsa, pss-baseline, pss-restricted, mitre) and per control; a control's
      # own entry wins, then the strictest of its frameworks, then its severity
      frameworks: {}
      controls: {}
      # Pod Security: the pod-security.kubernetes.io labels of each namespace, read as the
      # built-in admission plugin reads them, over these defaults for unlabelled namespaces
      podSecurity:
        defaults:
          enforce: baseline
          enforce-version: latest
          warn: restricted
          warn-version: latest
          audit: restricted
          audit-version: latest
        namespaces: {}
      exemptions:
        namespaces: []
        usernames: []
        runtimeClasses: []
      # trusted image registries for the image controls; empty keeps the built-in list
      allowedRegistries: []
      # custom CEL rule files (kordon-rules), relative to this file
      rules: []
      # cosign signatures required of images matching patterns, e.g.
      #   - images: [registry.example.com/team/*]
      #     keys: [{file: cosign.pub}]
      imageSignatures: []
      """;

  /** Pod Security without a file: baseline enforced, restricted as warning and audit. */
  static final PssDefaults DEFAULT_POD_SECURITY =
      new PssDefaults(
          Map.of(
              PssMode.ENFORCE, PssPolicy.parse("baseline:latest"),
              PssMode.WARN, PssPolicy.parse("restricted:latest"),
              PssMode.AUDIT, PssPolicy.parse("restricted:latest")),
          Set.of(),
          Set.of());

  private static final Set<String> TOP =
      Set.of(
          "apiVersion",
          "kind",
          "failureMode",
          "controls",
          "frameworks",
          "severities",
          "podSecurity",
          "exemptions",
          "allowedRegistries",
          "rules",
          "exceptions",
          "imageSignatures",
          "imageVerification");

  /** Reads a policy file; relative paths inside it are resolved against its folder. */
  public static AdmissionPolicy read(Path file) {
    Path base = file.toAbsolutePath().getParent();
    return parse(file.toString(), YamlTrees.parseLocated(file), base);
  }

  /** Parses policy text; {@code base} resolves relative rule and exception paths. */
  public static AdmissionPolicy parse(String name, String text, Path base) {
    return parse(name, YamlTrees.parseLocated(name, text), base);
  }

  private static AdmissionPolicy parse(String name, YamlTrees.Located doc, Path base) {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      throw new ConfigException(name + ": expected a mapping");
    }
    keys(name, "", root, TOP);
    expect(name, root, "apiVersion", API_VERSION);
    expect(name, root, "kind", KIND);
    FailureMode failure = FailureMode.DENY;
    if (root.has("failureMode")) {
      String w = root.path("failureMode").asString("");
      if (w.equals("deny")) {
        failure = FailureMode.DENY;
      } else if (w.equals("allow")) {
        failure = FailureMode.ALLOW;
      } else {
        throw new ConfigException(name + ": failureMode must be deny or allow, not '" + w + "'");
      }
    }
    Map<String, Mode> controls = modes(name, "controls", root.path("controls"));
    Map<String, Mode> frameworks = modes(name, "frameworks", root.path("frameworks"));
    for (String fw : frameworks.keySet()) {
      if (!Framework.BUILT_IN.contains(fw)) {
        throw new ConfigException(
            name
                + ": frameworks: unknown framework '"
                + fw
                + "' (known: "
                + String.join(", ", Framework.BUILT_IN)
                + ")");
      }
    }
    Map<Severity, Mode> severities = new EnumMap<>(Severity.class);
    for (Map.Entry<String, Mode> e :
        modes(name, "severities", root.path("severities")).entrySet()) {
      try {
        severities.put(Severity.parse(e.getKey()), e.getValue());
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(name + ": severities: " + ex.getMessage());
      }
    }

    JsonNode ps = root.path("podSecurity");
    PssDefaults defaults = DEFAULT_POD_SECURITY;
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    if (!ps.isMissingNode()) {
      mapping(name, "podSecurity", ps);
      keys(name, "podSecurity.", ps, Set.of("defaults", "namespaces"));
      JsonNode d = ps.path("defaults");
      if (!d.isMissingNode()) {
        mapping(name, "podSecurity.defaults", d);
        Set<String> allowed = new LinkedHashSet<>();
        for (PssMode m : PssMode.values()) {
          allowed.add(m.word());
          allowed.add(m.word() + "-version");
        }
        keys(name, "podSecurity.defaults.", d, allowed);
        Map<PssMode, PssPolicy> policies = new EnumMap<>(PssMode.class);
        for (PssMode m : PssMode.values()) {
          PssPolicy fallback = DEFAULT_POD_SECURITY.policy(m);
          String level = d.path(m.word()).asString(fallback.level().word());
          String version = d.path(m.word() + "-version").asString(fallback.version().toString());
          try {
            policies.put(m, PssPolicy.parse(level + ":" + version));
          } catch (IllegalArgumentException ex) {
            throw new ConfigException(
                name + ": podSecurity.defaults." + m.word() + ": " + ex.getMessage());
          }
        }
        defaults = new PssDefaults(policies, Set.of(), Set.of());
      }
      JsonNode ns = ps.path("namespaces");
      if (!ns.isMissingNode()) {
        mapping(name, "podSecurity.namespaces", ns);
        for (Map.Entry<String, JsonNode> e : ns.properties()) {
          String where = "podSecurity.namespaces." + e.getKey();
          mapping(name, where, e.getValue());
          Map<String, String> l = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> label : e.getValue().properties()) {
            if (!label.getKey().startsWith(PssMode.LABEL_PREFIX)) {
              throw new ConfigException(
                  name
                      + ": "
                      + where
                      + ": '"
                      + label.getKey()
                      + "' is not a "
                      + PssMode.LABEL_PREFIX
                      + "* label");
            }
            l.put(label.getKey(), label.getValue().asString(""));
          }
          List<String> errors = NamespacePolicy.read(e.getKey(), l, defaults).errors();
          if (!errors.isEmpty()) {
            throw new ConfigException(name + ": " + where + ": " + errors.get(0));
          }
          labels.put(e.getKey(), l);
        }
      }
    }

    JsonNode ex = root.path("exemptions");
    if (!ex.isMissingNode()) {
      mapping(name, "exemptions", ex);
      keys(name, "exemptions.", ex, Set.of("namespaces", "usernames", "runtimeClasses"));
    }
    Optional<Path> exceptions = Optional.empty();
    if (root.has("exceptions")) {
      String p = root.path("exceptions").asString("");
      if (p.isEmpty()) {
        throw new ConfigException(name + ": exceptions must be a file path");
      }
      exceptions = Optional.of(base.resolve(p));
    }
    List<Path> rules = new ArrayList<>();
    for (String r : strings(name, "rules", root.path("rules"))) {
      rules.add(base.resolve(r));
    }
    return new AdmissionPolicy(
        failure,
        controls,
        frameworks,
        severities,
        defaults,
        labels,
        Set.copyOf(strings(name, "exemptions.namespaces", ex.path("namespaces"))),
        Set.copyOf(strings(name, "exemptions.usernames", ex.path("usernames"))),
        Set.copyOf(strings(name, "exemptions.runtimeClasses", ex.path("runtimeClasses"))),
        strings(name, "allowedRegistries", root.path("allowedRegistries")),
        rules,
        exceptions,
        SignaturePolicyReader.read(name, doc, base));
  }

  private static void expect(String name, JsonNode root, String field, String value) {
    String got = root.path(field).asString("");
    if (!got.equals(value)) {
      throw new ConfigException(
          name + ": " + field + " must be " + value + (got.isEmpty() ? "" : ", not '" + got + "'"));
    }
  }

  private static void mapping(String name, String where, JsonNode n) {
    if (!n.isObject()) {
      throw new ConfigException(name + ": " + where + " must be a mapping");
    }
  }

  private static void keys(String name, String prefix, JsonNode n, Set<String> allowed) {
    for (String k : n.propertyNames()) {
      if (!allowed.contains(k)) {
        throw new ConfigException(
            name
                + ": unknown key '"
                + prefix
                + k
                + "' (expected one of "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ")");
      }
    }
  }

  private static Map<String, Mode> modes(String name, String where, JsonNode n) {
    Map<String, Mode> out = new LinkedHashMap<>();
    if (n.isMissingNode()) {
      return out;
    }
    mapping(name, where, n);
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      // an unquoted off is the boolean false to Kubernetes' YAML 1.1 reading
      String w =
          e.getValue().isBoolean() && !e.getValue().booleanValue()
              ? "off"
              : e.getValue().asString("");
      out.put(
          e.getKey(),
          Mode.parse(w)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          name
                              + ": "
                              + where
                              + "."
                              + e.getKey()
                              + ": mode must be enforce, warn, audit or off, not '"
                              + w
                              + "'")));
    }
    return out;
  }

  private static List<String> strings(String name, String where, JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isMissingNode() || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw new ConfigException(name + ": " + where + " must be a list");
    }
    for (JsonNode s : n) {
      if (!s.isString() || s.stringValue().isEmpty()) {
        throw new ConfigException(name + ": " + where + ": every entry must be a non-empty string");
      }
      out.add(s.stringValue());
    }
    return out;
  }
}
