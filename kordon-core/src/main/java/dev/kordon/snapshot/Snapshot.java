package dev.kordon.snapshot;

import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import dev.kordon.source.DefaultNamespace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * All objects of one scan, immutable, indexed by kind and by kind/namespace/name. Analyzers that
 * are expensive to build (RBAC graph, reachability) are built once per snapshot and cached with
 * {@link #derived}.
 */
public final class Snapshot {

  private final List<KubeObject> objects;
  private final Map<String, List<KubeObject>> byKind;
  private final Map<String, KubeObject> byKey;
  private final List<Duplicate> duplicates;
  private final Map<KubeObject, Duplicate> duplicateOf;
  private final Map<Object, Object> derived = new ConcurrentHashMap<>();

  private Snapshot(List<KubeObject> objects) {
    this.objects = List.copyOf(objects);
    Map<String, List<KubeObject>> kinds = new LinkedHashMap<>();
    Map<String, KubeObject> keys = new HashMap<>();
    Map<String, List<KubeObject>> copies = new LinkedHashMap<>();
    for (KubeObject o : this.objects) {
      kinds.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o);
      String key = key(o.kind(), o.namespace(), o.name());
      KubeObject first = keys.putIfAbsent(key, o);
      if (first != null && named(o)) {
        copies
            .computeIfAbsent(
                key, k -> named(first) ? new ArrayList<>(List.of(first)) : new ArrayList<>())
            .add(o);
      }
    }
    kinds.replaceAll((k, v) -> List.copyOf(v));
    this.byKind = Collections.unmodifiableMap(kinds);
    this.byKey = keys;
    List<Duplicate> dups = new ArrayList<>();
    Map<KubeObject, Duplicate> of = new IdentityHashMap<>();
    for (List<KubeObject> same : copies.values()) {
      if (same.size() < 2) {
        continue; // a named object after a generateName one of the same name: one copy each
      }
      KubeObject first = same.get(0);
      Duplicate d = new Duplicate(first.kind(), first.namespace(), first.name(), same);
      dups.add(d);
      same.forEach(o -> of.put(o, d));
    }
    this.duplicates = List.copyOf(dups);
    this.duplicateOf = of;
  }

  /**
   * Whether the object has an identity of its own: a kind and a {@code metadata.name}. Objects
   * named by {@code generateName} get distinct names when created, so they are never the same
   * object.
   */
  private static boolean named(KubeObject o) {
    return !o.kind().isEmpty() && !o.raw().path("metadata").path("name").asString("").isEmpty();
  }

  /**
   * The snapshot of these objects, with namespaces resolved by {@link DefaultNamespace#KUBECTL}
   * where the source did not resolve them already (a file source given {@code --default-namespace}
   * has).
   */
  public static Snapshot of(List<KubeObject> objects) {
    return of(objects, DefaultNamespace.KUBECTL);
  }

  /** The snapshot of these objects; a namespaced object without a namespace is in {@code ns}. */
  public static Snapshot of(List<KubeObject> objects, DefaultNamespace ns) {
    return new Snapshot(ns.apply(objects));
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "\u0000" + namespace + "\u0000" + name;
  }

  /** Every object, in input order. */
  public List<KubeObject> objects() {
    return objects;
  }

  public int size() {
    return objects.size();
  }

  public List<KubeObject> ofKind(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  public Set<String> kinds() {
    return byKind.keySet();
  }

  /**
   * The object of this kind, namespace and name; the first copy when the inputs define it several
   * times (see {@link #duplicates()} and {@link #findAll}).
   */
  public Optional<KubeObject> find(String kind, String namespace, String name) {
    return Optional.ofNullable(byKey.get(key(kind, namespace, name)));
  }

  /** Every copy of the object of this kind, namespace and name, in input order. */
  public List<KubeObject> findAll(String kind, String namespace, String name) {
    KubeObject first = byKey.get(key(kind, namespace, name));
    if (first == null) {
      return List.of();
    }
    Duplicate d = duplicateOf.get(first);
    return d != null ? d.copies() : List.of(first);
  }

  /**
   * The objects the inputs define more than once (same kind, namespace and name), in the input
   * order of their first copy: the one answer every analyzer uses to keep the copies apart.
   */
  public List<Duplicate> duplicates() {
    return duplicates;
  }

  /** The duplicate this object is a copy of; empty when the inputs define it once. */
  public Optional<Duplicate> duplicateOf(KubeObject o) {
    return Optional.ofNullable(duplicateOf.get(o));
  }

  /** One note per duplicated object, naming every file that defines it. */
  public List<ScanError> duplicateNotes() {
    return duplicates.stream().map(Duplicate::note).toList();
  }

  /**
   * Where the object was defined ({@code file:line}) when the inputs define it several times, so
   * that a name can be told apart from its other copies; empty when it is defined once.
   */
  public String copyLocation(KubeObject o) {
    return duplicateOf.containsKey(o) ? Duplicate.where(o) : "";
  }

  /** Objects of a kind in one namespace whose labels the selector matches. */
  public List<KubeObject> select(String kind, String namespace, LabelSelector selector) {
    List<KubeObject> out = new ArrayList<>();
    for (KubeObject o : ofKind(kind)) {
      if (o.namespace().equals(namespace) && selector.matches(o.labels())) {
        out.add(o);
      }
    }
    return out;
  }

  /** Every pod-spec view of every workload, in input order. */
  public List<PodSpecView> workloads() {
    return derived(
        PodSpecView.class,
        s -> {
          List<PodSpecView> out = new ArrayList<>();
          for (KubeObject o : objects) {
            PodSpecView.of(o).ifPresent(out::add);
          }
          return List.copyOf(out);
        });
  }

  /**
   * Names of all namespaces the snapshot mentions: Namespace objects and the namespaces of
   * namespaced objects, sorted.
   */
  public Set<String> namespaceNames() {
    Set<String> names = new TreeSet<>();
    for (KubeObject ns : ofKind("Namespace")) {
      names.add(ns.name());
    }
    for (KubeObject o : objects) {
      if (!o.namespace().isEmpty()) {
        names.add(o.namespace());
      }
    }
    return names;
  }

  /**
   * A value computed once from this snapshot and cached under {@code key}: the way analyzers (RBAC,
   * NetworkPolicy) are shared by every control that asks.
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(Object key, Function<Snapshot, T> compute) {
    Object value = derived.get(key);
    if (value == null) {
      value = compute.apply(this);
      Object raced = derived.putIfAbsent(key, value);
      if (raced != null) {
        value = raced;
      }
    }
    return (T) value;
  }
}
