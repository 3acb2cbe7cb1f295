package dev.kordon.control;

import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a control is: stable id, title, severity, why it matters, how to fix it, which kinds it
 * reads, and its references. Validates itself, so that a malformed catalog entry fails at start.
 *
 * @param refs framework references: {@code cis:5.2.1}, {@code nsa:pod-security}, {@code
 *     pss:baseline/privileged}, {@code mitre:T1611}
 * @param peers the same check in other tools: {@code kubescape:C-0057}, {@code trivy:KSV017}
 * @param altIds former ids, still honoured by exceptions
 * @param optional off unless asked for (e.g. needs configuration or cluster access)
 * @param scope what the verdict reads: the object alone, or other objects of the snapshot too;
 *     {@link Catalog} derives {@link ControlScope#SNAPSHOT} for every {@link SnapshotControl}
 * @param family Kordon's catalog, or one Pod Security check reported as a control
 * @param pssChecks the Pod Security checks (pod-security-admission ids, e.g. {@code privileged})
 *     whose verdict this control reports, at version latest, wholly or in part: the control asks
 *     {@code dev.kordon.pss} instead of restating the check, and a finding of the check's own
 *     {@link ControlFamily#POD_SECURITY} control on the same field is the same finding. A Pod
 *     Security control names exactly one.
 */
public record ControlInfo(
    String id,
    String title,
    Severity severity,
    String description,
    String remediation,
    List<String> kinds,
    List<String> refs,
    List<String> peers,
    List<String> altIds,
    boolean optional,
    ControlScope scope,
    ControlFamily family,
    List<String> pssChecks) {

  private static final Pattern ID = Pattern.compile("KOR-\\d{4}|[A-Za-z][A-Za-z0-9_.-]{0,62}");
  private static final Pattern REF = Pattern.compile("[a-z][a-z0-9-]*:\\S+");

  public ControlInfo {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(family, "family");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("control id must look like KOR-0001: " + id);
    }
    if (title.isBlank() || title.endsWith(".") || !Character.isUpperCase(title.charAt(0))) {
      throw new IllegalArgumentException(
          id + ": title must be a capitalised phrase without a trailing period: " + title);
    }
    if (description.isBlank()) {
      throw new IllegalArgumentException(id + ": description is empty");
    }
    if (remediation.isBlank()) {
      throw new IllegalArgumentException(id + ": remediation is empty");
    }
    kinds = List.copyOf(kinds);
    refs = List.copyOf(refs);
    peers = List.copyOf(peers);
    altIds = List.copyOf(altIds);
    pssChecks = List.copyOf(pssChecks);
    if (family == ControlFamily.POD_SECURITY && pssChecks.size() != 1) {
      throw new IllegalArgumentException(
          id + ": a Pod Security control names exactly one PSS check, not " + pssChecks);
    }
    if (pssChecks.size() != pssChecks.stream().distinct().count()) {
      throw new IllegalArgumentException(id + ": PSS check named twice: " + pssChecks);
    }
    for (String r : refs) {
      if (!REF.matcher(r).matches()) {
        throw new IllegalArgumentException(id + ": malformed reference " + r);
      }
    }
    for (String r : peers) {
      if (!REF.matcher(r).matches()) {
        throw new IllegalArgumentException(id + ": malformed peer id " + r);
      }
    }
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** The values of references with one prefix: {@code refs("cis")} gives {@code [5.2.1]}. */
  public List<String> refs(String prefix) {
    List<String> out = new ArrayList<>();
    for (String r : refs) {
      if (r.startsWith(prefix + ":")) {
        out.add(r.substring(prefix.length() + 1));
      }
    }
    for (String r : peers) {
      if (r.startsWith(prefix + ":")) {
        out.add(r.substring(prefix.length() + 1));
      }
    }
    return out;
  }

  /**
   * Whether the control may judge objects of this kind: it declares the kind, {@code *}, or no kind
   * at all. The engine indexes controls by it, so an object meets only the controls that may fire
   * on it; an {@link ObjectControl#appliesTo} must never accept a kind this rejects.
   */
  public boolean declaresKind(String kind) {
    return kinds.isEmpty() || kinds.contains("*") || kinds.contains(kind);
  }

  /** All references, framework ones first, then peers; unmodifiable. */
  public List<String> allRefs() {
    if (peers.isEmpty()) {
      return refs; // already unmodifiable: a finding keeps it without a copy
    }
    String[] all = new String[refs.size() + peers.size()];
    for (int i = 0; i < refs.size(); i++) {
      all[i] = refs.get(i);
    }
    for (int i = 0; i < peers.size(); i++) {
      all[refs.size() + i] = peers.get(i);
    }
    return List.of(all);
  }

  /** A failed finding of this control about one field of one object. */
  public Finding finding(KubeObject object, JsonPointer path, String message) {
    return Finding.of(id, title, severity, remediation, allRefs(), object, path, message);
  }

  /** Fluent construction: ten positional strings would be unreadable. */
  public static final class Builder {
    private final String id;
    private String title = "";
    private Severity severity;
    private String description = "";
    private String remediation = "";
    private List<String> kinds = List.of();
    private List<String> refs = List.of();
    private List<String> peers = List.of();
    private List<String> altIds = List.of();
    private boolean optional;
    private ControlScope scope = ControlScope.OBJECT;
    private ControlFamily family = ControlFamily.CATALOG;
    private List<String> pssChecks = List.of();

    private Builder(String id) {
      this.id = id;
    }

    public Builder title(String value) {
      this.title = value;
      return this;
    }

    public Builder severity(Severity value) {
      this.severity = value;
      return this;
    }

    /** What is wrong and why it matters. */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** How to fix it, as an imperative sentence. */
    public Builder remediation(String value) {
      this.remediation = value;
      return this;
    }

    public Builder kinds(String... value) {
      this.kinds = List.of(value);
      return this;
    }

    public Builder kinds(List<String> value) {
      this.kinds = List.copyOf(value);
      return this;
    }

    public Builder refs(String... value) {
      this.refs = List.of(value);
      return this;
    }

    public Builder peers(String... value) {
      this.peers = List.of(value);
      return this;
    }

    public Builder altIds(String... value) {
      this.altIds = List.of(value);
      return this;
    }

    public Builder optional(boolean value) {
      this.optional = value;
      return this;
    }

    /** What the verdict reads; {@link ControlScope#OBJECT} unless declared. */
    public Builder scope(ControlScope value) {
      this.scope = value;
      return this;
    }

    /**
     * The Pod Security checks this control reports through {@code dev.kordon.pss}; none unless
     * declared.
     */
    public Builder pssChecks(String... value) {
      this.pssChecks = List.of(value);
      return this;
    }

    /** Marks the control as the one that reports this Pod Security check as such. */
    public Builder podSecurityCheck(String check) {
      this.family = ControlFamily.POD_SECURITY;
      this.pssChecks = List.of(check);
      return this;
    }

    public ControlInfo build() {
      return new ControlInfo(
          id,
          title,
          severity,
          description,
          remediation,
          kinds,
          refs,
          peers,
          altIds,
          optional,
          scope,
          family,
          pssChecks);
    }
  }
}
