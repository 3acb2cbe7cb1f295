package dev.kordon.snapshot;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The pod spec inside any workload, unwrapped once: a Pod's {@code /spec}, a Deployment's {@code
 * /spec/template/spec}, a CronJob's {@code /spec/jobTemplate/spec/template/spec} and so on. Every
 * pointer it gives is relative to the object, so findings point at the right line.
 *
 * <p>Some fifty controls and the Pod Security checks read the same view of one object: it resolves
 * the spec node and the container lists once, and keeps what is derived from the pod through {@link
 * #derived} (the Pod Security checks' offending fields), so that a check several controls ask for
 * runs once per object. The tree is never mutated, so nothing cached can go stale.
 */
public final class PodSpecView {

  private static final JsonPointer TEMPLATE = JsonPointer.of("spec", "template");
  private static final Map<String, JsonPointer> TEMPLATES =
      Map.of(
          "Deployment", TEMPLATE,
          "StatefulSet", TEMPLATE,
          "DaemonSet", TEMPLATE,
          "ReplicaSet", TEMPLATE,
          "ReplicationController", TEMPLATE,
          "Job", TEMPLATE,
          "CronJob", JsonPointer.of("spec", "jobTemplate", "spec", "template"),
          "PodTemplate", JsonPointer.of("template"));

  /** Every kind that carries a pod spec. */
  public static final List<String> WORKLOAD_KINDS =
      List.of(
          "Pod",
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "ReplicationController",
          "Job",
          "CronJob",
          "PodTemplate");

  /** The view of a workload's pod spec; empty for other kinds or when the spec is absent. */
  public static Optional<PodSpecView> of(KubeObject object) {
    JsonPointer spec;
    JsonPointer meta;
    if (object.kind().equals("Pod")) {
      spec = JsonPointer.of("spec");
      meta = JsonPointer.of("metadata");
    } else {
      JsonPointer template = TEMPLATES.get(object.kind());
      if (template == null) {
        return Optional.empty();
      }
      spec = template.append("spec");
      meta = template.append("metadata");
    }
    if (!object.at(spec).isObject()) {
      return Optional.empty();
    }
    return Optional.of(new PodSpecView(object, spec, meta));
  }

  private final KubeObject object;
  private final JsonPointer specPointer;
  private final JsonPointer metadataPointer;
  // resolved on first use (benign races: every thread computes the same value)
  private JsonNode spec;
  private List<ContainerView> all;
  private List<ContainerView> regular;
  // values derived from the pod, by the key of what derives them; guarded by itself
  private final Map<Object, Object> derived = new HashMap<>();

  public PodSpecView(KubeObject object, JsonPointer specPointer, JsonPointer metadataPointer) {
    this.object = Objects.requireNonNull(object, "object");
    this.specPointer = Objects.requireNonNull(specPointer, "specPointer");
    this.metadataPointer = Objects.requireNonNull(metadataPointer, "metadataPointer");
  }

  public KubeObject object() {
    return object;
  }

  public JsonPointer specPointer() {
    return specPointer;
  }

  public JsonPointer metadataPointer() {
    return metadataPointer;
  }

  /**
   * A value computed from this pod once and then remembered with the view: {@code key} must stand
   * for {@code compute} (the same key always for the same pure function of the pod). For work that
   * several controls repeat on one object, such as a Pod Security check they all report from.
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(Object key, Function<PodSpecView, T> compute) {
    synchronized (derived) {
      Object known = derived.get(key);
      if (known != null) {
        return (T) known;
      }
    }
    T value = Objects.requireNonNull(compute.apply(this), "derived value");
    synchronized (derived) {
      Object known = derived.putIfAbsent(key, value);
      return known != null ? (T) known : value;
    }
  }

  public static boolean isWorkloadKind(String kind) {
    return kind.equals("Pod") || TEMPLATES.containsKey(kind);
  }

  public JsonNode spec() {
    JsonNode n = spec;
    if (n == null) {
      n = object.at(specPointer);
      spec = n;
    }
    return n;
  }

  /** A pointer to a field of the pod spec, e.g. {@code field("hostPID")}. */
  public JsonPointer field(String... path) {
    return specPointer.append(path);
  }

  public JsonNode at(String... path) {
    return KubeObject.at(spec(), path);
  }

  /** Labels of the pods this workload makes (the template's, or the Pod's own). */
  public Map<String, String> podLabels() {
    return KubeObject.stringMap(object.at(metadataPointer.append("labels")));
  }

  /** Annotations of the pods (AppArmor and seccomp annotations live here). */
  public Map<String, String> podAnnotations() {
    return KubeObject.stringMap(object.at(metadataPointer.append("annotations")));
  }

  public JsonPointer podAnnotationPointer(String key) {
    return metadataPointer.append("annotations", key);
  }

  /** Init, regular and ephemeral containers, in that order; unmodifiable. */
  public List<ContainerView> allContainers() {
    List<ContainerView> out = all;
    if (out == null) {
      List<ContainerView> found = new ArrayList<>();
      for (ContainerView.Kind kind : KINDS) {
        addContainers(kind, found);
      }
      out = List.copyOf(found);
      all = out;
    }
    return out;
  }

  /** Regular containers only; unmodifiable. */
  public List<ContainerView> containers() {
    List<ContainerView> out = regular;
    if (out == null) {
      List<ContainerView> found = new ArrayList<>();
      for (ContainerView c : allContainers()) {
        if (c.kind() == ContainerView.Kind.REGULAR) {
          found.add(c);
        }
      }
      out = List.copyOf(found);
      regular = out;
    }
    return out;
  }

  private static final ContainerView.Kind[] KINDS = ContainerView.Kind.values();

  private void addContainers(ContainerView.Kind kind, List<ContainerView> out) {
    JsonNode list = spec().path(kind.field());
    if (!list.isArray()) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      if (c.isObject()) {
        out.add(
            new ContainerView(
                kind, i, c.path("name").asString(""), field(kind.field(), Integer.toString(i)), c));
      }
    }
  }

  /** The pod's namespace: the object's, since templates inherit it. */
  public String namespace() {
    return object.namespace();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PodSpecView v
        && object.equals(v.object)
        && specPointer.equals(v.specPointer)
        && metadataPointer.equals(v.metadataPointer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(object, specPointer, metadataPointer);
  }

  @Override
  public String toString() {
    return "PodSpecView[object="
        + object
        + ", specPointer="
        + specPointer
        + ", metadataPointer="
        + metadataPointer
        + "]";
  }
}
