package dev.kordon.admission;

import dev.kordon.admission.Decision.Hit;
import dev.kordon.admission.Decision.Outcome;
import dev.kordon.control.Catalog;
import dev.kordon.control.Control;
import dev.kordon.control.ControlFamily;
import dev.kordon.control.ControlScope;
import dev.kordon.control.ControlSettings;
import dev.kordon.control.ObjectControl;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.engine.Exceptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.model.ScanError;
import dev.kordon.pss.NamespacePolicy;
import dev.kordon.pss.PssEvaluator;
import dev.kordon.pss.PssMode;
import dev.kordon.pss.PssPolicy;
import dev.kordon.pss.PssResult;
import dev.kordon.pss.PssViolation;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.source.ManifestReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Judges one admission request under one policy: the same catalog and engine as {@code kordon scan}
 * over a snapshot of the single object, and the Pod Security evaluator at the policy of the
 * request's namespace. Immutable and thread-safe; a new policy means a new reviewer.
 *
 * <p>Only controls whose declared scope is {@link ControlScope#OBJECT} run: a webhook sees one
 * object, and a control that reads the rest of the snapshot ("no NetworkPolicy in this namespace",
 * RBAC paths) would be wrong about every object. The scan's Pod Security controls ({@link
 * ControlFamily#POD_SECURITY}) are left out as well: Pod Security is judged by the namespace's
 * level and version instead, as the built-in plugin does.
 */
public final class Reviewer {

  /** Most warnings returned for one request; the rest are counted in a last line. */
  static final int MAX_WARNINGS = 40;

  private static final List<String> SECURITY_ANNOTATION_PREFIXES =
      List.of(
          "container.apparmor.security.beta.kubernetes.io/",
          "seccomp.security.alpha.kubernetes.io/",
          "container.seccomp.security.alpha.kubernetes.io/");

  private final AdmissionPolicy policy;
  private final Catalog catalog;
  private final List<Framework> frameworks;
  private final Exceptions exceptions;
  private final List<ObjectControl> objectControls;
  // per kind, whether some object control may judge it: compiled once per policy, filled as kinds
  // are met
  private final java.util.concurrent.ConcurrentHashMap<String, List<ObjectControl>> byKind =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final PssEvaluator pss;
  private final Clock clock;
  private final ImageSignatures signatures;
  private final AtomicReference<DatedEngine> engine = new AtomicReference<>();

  private record DatedEngine(LocalDate day, Engine engine) {}

  private Reviewer(
      AdmissionPolicy policy,
      Catalog catalog,
      Exceptions exceptions,
      PssEvaluator pss,
      ImageSignatures signatures,
      Clock clock) {
    this.policy = policy;
    this.signatures = signatures;
    this.catalog = catalog;
    this.frameworks = Framework.builtIn();
    this.exceptions = exceptions;
    this.pss = pss;
    this.clock = clock;
    List<ObjectControl> oc = new ArrayList<>();
    for (Control c : catalog.controls()) {
      if (c instanceof ObjectControl o) {
        oc.add(o);
      }
    }
    this.objectControls = List.copyOf(oc);
    engineFor(LocalDate.now(clock));
  }

  /**
   * Builds a reviewer, validating everything the policy names: control ids, rule files, the
   * exceptions file.
   *
   * @throws RuntimeException naming what is wrong; the policy must then not be used
   */
  public static Reviewer compile(AdmissionPolicy policy, RuleSource rules, Clock clock) {
    return compile(policy, rules, ImageSignatures.NONE, clock);
  }

  /**
   * Builds a reviewer that checks image signatures through {@code signatures} (shared by the
   * reviewers of successive policies, so that its caches survive a reload).
   *
   * @throws RuntimeException naming what is wrong; the policy must then not be used
   */
  public static Reviewer compile(
      AdmissionPolicy policy, RuleSource rules, ImageSignatures signatures, Clock clock) {
    if (!policy.imageSignatures().isEmpty() && !signatures.available()) {
      throw new IllegalArgumentException(
          "imageSignatures needs registry access, which this server was started without");
    }
    ControlSettings settings = ControlSettings.DEFAULT;
    if (!policy.allowedRegistries().isEmpty()) {
      settings = settings.withAllowedRegistries(policy.allowedRegistries());
    }
    List<Control> custom = new ArrayList<>();
    for (Path file : policy.rules()) {
      custom.addAll(rules.load(file));
    }
    Catalog all = Catalog.builtIn(settings).plus(custom);
    List<Control> selected = new ArrayList<>();
    for (Control c : all.controls()) {
      if (Catalog.scope(c) == ControlScope.OBJECT
          && c.info().family() != ControlFamily.POD_SECURITY) {
        selected.add(c);
      }
    }
    for (String id : policy.controls().keySet()) {
      if (all.find(id).isEmpty()) {
        throw new IllegalArgumentException("policy names unknown control " + id);
      }
    }
    Exceptions ex = policy.exceptions().map(Exceptions::load).orElse(Exceptions.NONE);
    return new Reviewer(
        policy, Catalog.of(selected), ex, PssEvaluator.builtIn(), signatures, clock);
  }

  public AdmissionPolicy policy() {
    return policy;
  }

  /** The time image signature checks may add to a review: zero without signature rules. */
  public java.time.Duration imageBudget() {
    return policy.imageSignatures().isEmpty()
        ? java.time.Duration.ZERO
        : policy.imageSignatures().budget();
  }

  /** The controls this reviewer runs. */
  public Catalog catalog() {
    return catalog;
  }

  private Engine engineFor(LocalDate day) {
    DatedEngine e = engine.get();
    if (e == null || !e.day().equals(day)) {
      EngineOptions options = EngineOptions.defaults(day).sequential().withExceptions(exceptions);
      e = new DatedEngine(day, new Engine(catalog, frameworks, options));
      engine.set(e);
    }
    return e.engine();
  }

  private List<ObjectControl> controlsFor(String kind) {
    return byKind.computeIfAbsent(
        kind, k -> objectControls.stream().filter(c -> c.info().declaresKind(k)).toList());
  }

  /** The decision on one request. Never throws: a failure is answered by the failure mode. */
  public Decision review(AdmissionRequest r) {
    try {
      return judge(r);
    } catch (RuntimeException e) {
      return failure(r, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The decision when the request could not be evaluated (an error, a timeout, overload). */
  public Decision failure(AdmissionRequest r, String why) {
    String line = Text.line("kordon could not evaluate " + r.describe() + ": " + why);
    if (policy.failureMode() == FailureMode.DENY) {
      return new Decision(
          Outcome.ERROR,
          why,
          List.of(line + " (denied: failureMode is deny)"),
          List.of(),
          Map.of(),
          List.of(),
          500);
    }
    return new Decision(
        Outcome.ERROR,
        why,
        List.of(),
        List.of(line + " (admitted: failureMode is allow)"),
        Map.of("evaluation-error", line),
        List.of(),
        200);
  }

  private Decision judge(AdmissionRequest r) {
    if (r.operation() == Operation.DELETE || r.operation() == Operation.CONNECT) {
      return Decision.skipped(r.operation() + " is not evaluated");
    }
    if (!r.subResource().isEmpty() && !r.subResource().equals("ephemeralcontainers")) {
      return Decision.skipped("subresource " + r.subResource() + " is not evaluated");
    }
    KubeObject object = toObject(r);
    Optional<PodSpecView> pod = PodSpecView.of(object);
    if (pod.isEmpty() && controlsFor(object.kind()).stream().noneMatch(c -> c.appliesTo(object))) {
      return Decision.skipped("kind " + object.kind() + " is not evaluated");
    }
    if (policy.exemptNamespaces().contains(r.namespace())) {
      return Decision.exempt("namespace " + r.namespace() + " is exempt");
    }
    if (policy.exemptUsernames().contains(r.username())) {
      return Decision.exempt("user " + r.username() + " is exempt");
    }
    String runtimeClass = pod.map(p -> p.at("runtimeClassName").asString("")).orElse("");
    if (!runtimeClass.isEmpty() && policy.exemptRuntimeClasses().contains(runtimeClass)) {
      return Decision.exempt("runtime class " + runtimeClass + " is exempt");
    }
    if (r.operation() == Operation.UPDATE && !significantUpdate(r.object(), r.oldObject())) {
      // metadata-only updates (labels, finalizers, owner references) must never be blocked: a
      // violating object that exists already could otherwise not even be deleted cleanly
      return Decision.skipped("update changes no evaluated field");
    }

    List<String> denials = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> audit = new ArrayList<>();
    List<String> excepted = new ArrayList<>();
    List<Hit> hits = new ArrayList<>();

    Engine.ObjectFindings report = engineFor(LocalDate.now(clock)).review(object);
    if (!report.errors().isEmpty()) {
      ScanError first = report.errors().get(0);
      return failure(r, first.message());
    }
    for (Finding f : report.findings()) {
      String line = Text.line(f.controlId() + " " + f.message());
      if (!f.failed()) {
        excepted.add(Text.line(f.controlId() + " (" + f.note() + ")"));
        continue;
      }
      Mode mode = policy.modeOf(f);
      hits.add(new Hit(f.controlId(), mode));
      switch (mode) {
        case ENFORCE:
          denials.add(line);
          break;
        case WARN:
          warnings.add(line);
          break;
        case AUDIT:
          audit.add(line);
          break;
        default:
          break;
      }
    }

    Map<String, String> annotations = new LinkedHashMap<>();
    if (pod.isPresent()) {
      NamespacePolicy ns = policy.namespacePolicy(r.namespace());
      // warn and audit are often the same policy: evaluate each distinct one once
      Map<PssPolicy, PssResult> results = new java.util.HashMap<>();
      // the engine's view of the same pod: the checks its controls ran are not run again
      PodSpecView view = report.pod().orElse(pod.get());
      java.util.function.Function<PssPolicy, PssResult> eval =
          p -> results.computeIfAbsent(p, k -> pss.evaluate(k.level(), k.version(), view));
      PssPolicy enforce = ns.policy(PssMode.ENFORCE);
      java.util.Set<String> enforced = new java.util.HashSet<>();
      for (PssViolation v : eval.apply(enforce).violations()) {
        hits.add(new Hit("pss:" + v.check(), Mode.ENFORCE));
        denials.add(pssLine("violates", enforce, v));
        enforced.add(v.check());
      }
      PssPolicy warn = ns.policy(PssMode.WARN);
      if (!warn.equals(enforce)) {
        for (PssViolation v : eval.apply(warn).violations()) {
          if (enforced.contains(v.check())) {
            continue; // the denial already says it
          }
          hits.add(new Hit("pss:" + v.check(), Mode.WARN));
          warnings.add(pssLine("would violate", warn, v));
        }
      }
      PssPolicy auditPolicy = ns.policy(PssMode.AUDIT);
      List<String> pssAudit = new ArrayList<>();
      for (PssViolation v : eval.apply(auditPolicy).violations()) {
        hits.add(new Hit("pss:" + v.check(), Mode.AUDIT));
        pssAudit.add(pssLine("would violate", auditPolicy, v));
      }
      annotations.put("pod-security-enforce-policy", enforce.toString());
      if (!pssAudit.isEmpty()) {
        annotations.put("pod-security-audit-violations", String.join("; ", pssAudit));
      }
    }
    List<String> failed = List.of();
    if (pod.isPresent() && !policy.imageSignatures().isEmpty()) {
      List<String> images = new ArrayList<>();
      for (dev.kordon.snapshot.ContainerView c : pod.get().allContainers()) {
        if (!c.image().isBlank()) {
          images.add(c.image());
        }
      }
      SignatureFindings.Lines s =
          SignatureFindings.of(
              signatures.check(images, policy.imageSignatures()), policy.failureMode());
      denials.addAll(s.denied());
      failed = s.failed();
      warnings.addAll(s.warnings());
      audit.addAll(s.audit());
      hits.addAll(s.hits());
      if (!s.verified().isEmpty()) {
        annotations.put("image-signatures-verified", String.join("; ", s.verified()));
      }
    }
    if (!audit.isEmpty()) {
      annotations.put("audit-violations", String.join("; ", audit));
    }
    if (!excepted.isEmpty()) {
      annotations.put("excepted", String.join("; ", excepted));
    }
    if (warnings.size() > MAX_WARNINGS) {
      int more = warnings.size() - MAX_WARNINGS + 1;
      warnings = new ArrayList<>(warnings.subList(0, MAX_WARNINGS - 1));
      warnings.add("... and " + more + " more warnings");
    }
    if (!failed.isEmpty()) {
      // a check that could not finish, denied by the failure mode: an error unless a violation
      // denies the object anyway
      Outcome outcome = denials.isEmpty() ? Outcome.ERROR : Outcome.DENIED;
      List<String> all = new ArrayList<>(denials);
      all.addAll(failed);
      String note = denials.isEmpty() ? "image signature check unfinished" : "";
      return new Decision(
          outcome, note, all, warnings, annotations, hits, denials.isEmpty() ? 500 : 403);
    }
    Outcome outcome = denials.isEmpty() ? Outcome.ALLOWED : Outcome.DENIED;
    return new Decision(outcome, "", denials, warnings, annotations, hits, 403);
  }

  /** {@code violates PodSecurity "baseline:latest": privileged (container "app" sets ...)}. */
  private static String pssLine(String verb, PssPolicy policy, PssViolation v) {
    StringBuilder details = new StringBuilder();
    for (int i = 0; i < v.fields().size(); i++) {
      details.append(i == 0 ? "" : "; ").append(v.fields().get(i).detail());
    }
    return Text.line(verb + " PodSecurity \"" + policy + "\": " + v.check() + " (" + details + ")");
  }

  /** The object as the engine sees it: namespace from the request, Secret values redacted. */
  private static KubeObject toObject(AdmissionRequest r) {
    JsonNode raw = r.object();
    String ns = raw.path("metadata").path("namespace").asString("");
    boolean secret = raw.path("kind").asString("").equals("Secret");
    if ((ns.isEmpty() && !r.namespace().isEmpty()) || secret) {
      ObjectNode copy = secret ? (ObjectNode) raw.deepCopy() : ((ObjectNode) raw).objectNode();
      if (!secret) {
        copy.setAll((ObjectNode) raw);
      }
      JsonNode meta = copy.path("metadata");
      ObjectNode metaCopy = meta.isObject() ? ((ObjectNode) meta).deepCopy() : copy.objectNode();
      if (!r.namespace().isEmpty()) {
        metaCopy.put("namespace", r.namespace());
      }
      copy.set("metadata", metaCopy);
      if (secret) {
        ManifestReader.redactSecret(copy);
      }
      raw = copy;
    }
    return KubeObject.of(raw, new Origin.Request("admission request " + r.uid()));
  }

  /**
   * Whether an update changes anything the controls read: any field outside metadata and status, or
   * a security annotation (AppArmor, seccomp).
   */
  static boolean significantUpdate(JsonNode object, JsonNode old) {
    if (!old.isObject()) {
      return true;
    }
    for (String field : union(object, old)) {
      if (field.equals("metadata") || field.equals("status")) {
        continue;
      }
      if (!object.path(field).equals(old.path(field))) {
        return true;
      }
    }
    Map<String, String> a = KubeObject.stringMap(object.path("metadata").path("annotations"));
    Map<String, String> b = KubeObject.stringMap(old.path("metadata").path("annotations"));
    for (String key : union(a.keySet(), b.keySet())) {
      if (SECURITY_ANNOTATION_PREFIXES.stream().anyMatch(key::startsWith)
          && !java.util.Objects.equals(a.get(key), b.get(key))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> union(JsonNode a, JsonNode b) {
    return union(a.propertyNames(), b.propertyNames());
  }

  private static List<String> union(
      java.util.Collection<String> a, java.util.Collection<String> b) {
    List<String> out = new ArrayList<>(a);
    for (String s : b) {
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
