package dev.kordon.snapshot;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The pod spec inside any workload, unwrapped once: a Pod's {@code /spec}, a Deployment's {@code
 * /spec/template/spec}, a CronJob's {@code /spec/jobTemplate/spec/template/spec} and so on. Every
 * pointer it gives is relative to the object, so findings point at the right line.
 */
public record PodSpecView(KubeObject object, JsonPointer specPointer, JsonPointer metadataPointer) {

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

  public static boolean isWorkloadKind(String kind) {
    return kind.equals("Pod") || TEMPLATES.containsKey(kind);
  }

  public JsonNode spec() {
    return object.at(specPointer);
  }

  /** A pointer to a field of the pod spec, e.g. {@code field("hostPID")}. */
  public JsonPointer field(String... path) {
    return specPointer.append(path);
  }

  public JsonNode at(String... path) {
    return object.at(field(path));
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

  /** Init, regular and ephemeral containers, in that order. */
  public List<ContainerView> allContainers() {
    List<ContainerView> out = new ArrayList<>();
    for (ContainerView.Kind kind : ContainerView.Kind.values()) {
      addContainers(kind, out);
    }
    return out;
  }

  /** Regular containers only. */
  public List<ContainerView> containers() {
    List<ContainerView> out = new ArrayList<>();
    addContainers(ContainerView.Kind.REGULAR, out);
    return out;
  }

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
}
