package dev.kordon.rules;

import dev.cel.common.values.NullValue;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Snapshot;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object seen as a CREATE request: its resource, its effective namespace ({@code default} for a
 * namespaced object that names none, as kubectl would send it), and that namespace's object and
 * labels. A namespace that is not among the inputs is taken as existing with only the label the API
 * server always sets, {@code kubernetes.io/metadata.name}.
 */
record CreateRequest(
    KubeObject object,
    ResourceKinds.Resource resource,
    String namespace,
    Object namespaceObject,
    Map<String, String> namespaceLabels) {

  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  static CreateRequest of(KubeObject object, Snapshot snapshot) {
    ResourceKinds.Resource r = ResourceKinds.of(object.apiVersion(), object.kind());
    if (!r.namespaced()) {
      Map<String, String> labels =
          "Namespace".equals(object.kind()) ? withName(object.labels(), object.name()) : Map.of();
      return new CreateRequest(object, r, "", NullValue.NULL_VALUE, labels);
    }
    String ns = object.namespace().isEmpty() ? "default" : object.namespace();
    KubeObject found = snapshot.find("Namespace", "", ns).orElse(null);
    if (found != null) {
      return new CreateRequest(
          object, r, ns, KubeValues.of(found.raw()), withName(found.labels(), ns));
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", ns);
    meta.put("labels", Map.of(NAME_LABEL, ns));
    Map<String, Object> synthetic = new LinkedHashMap<>();
    synthetic.put("apiVersion", "v1");
    synthetic.put("kind", "Namespace");
    synthetic.put("metadata", meta);
    return new CreateRequest(object, r, ns, synthetic, Map.of(NAME_LABEL, ns));
  }

  /** The {@code request} map, built only when an expression reads it. */
  private static final class LazyRequest extends java.util.AbstractMap<String, Object> {
    private final Requester requester;
    private final ResourceKinds.Resource resource;
    private final String name;
    private final String namespace;
    private Map<String, Object> built;

    LazyRequest(Requester requester, ResourceKinds.Resource resource, String name, String ns) {
      this.requester = requester;
      this.resource = resource;
      this.name = name;
      this.namespace = ns;
    }

    private Map<String, Object> map() {
      if (built == null) {
        built = requester.request(resource, name, namespace);
      }
      return built;
    }

    @Override
    public Object get(Object key) {
      return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map().containsKey(key);
    }

    @Override
    public java.util.Set<Entry<String, Object>> entrySet() {
      return map().entrySet();
    }
  }

  private static Map<String, String> withName(Map<String, String> labels, String ns) {
    Map<String, String> out = new HashMap<>(labels);
    out.putIfAbsent(NAME_LABEL, ns);
    return out;
  }

  /**
   * The variables of this request, with {@code params} null and no {@code variables} yet; {@code
   * object} is the object as the API server would admit it, with its defaults applied ({@link
   * Defaults}). A CREATE has no {@code oldObject}.
   */
  Map<String, Object> activation(Requester requester) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(
        "object",
        KubeValues.of(Defaults.bundled().apply(object.apiVersion(), object.kind(), object.raw())));
    vars.put("oldObject", NullValue.NULL_VALUE);
    vars.put("params", NullValue.NULL_VALUE);
    vars.put("request", new LazyRequest(requester, resource, object.name(), namespace));
    vars.put("namespaceObject", namespaceObject);
    return vars;
  }
}
