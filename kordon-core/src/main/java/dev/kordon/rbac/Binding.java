package dev.kordon.rbac;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A RoleBinding or ClusterRoleBinding: the role it references and its subjects. Subjects of kinds
 * RBAC does not know, and service accounts without any namespace, are dropped: they never match.
 *
 * @param copy where the binding was defined ({@code file:line}) when the inputs define it several
 *     times: each copy is kept as a binding of its own and named by its file; empty otherwise
 */
public record Binding(
    KubeObject object, String roleKind, String roleName, List<Entry> subjects, String copy) {

  /** One subject entry, with its index in {@code subjects} for locating findings. */
  public record Entry(Subject subject, int index) {
    public JsonPointer pointer() {
      return JsonPointer.of("subjects", Integer.toString(index));
    }

    /** The entry's {@code name}, the line a finding about the subject points at. */
    public JsonPointer namePointer() {
      return pointer().append("name");
    }
  }

  public Binding {
    subjects = List.copyOf(subjects);
  }

  static Optional<Binding> read(KubeObject o, String copy) {
    JsonNode ref = o.raw().path("roleRef");
    String roleKind = ref.path("kind").asString("");
    String roleName = ref.path("name").asString("");
    if (roleName.isEmpty() || !(roleKind.equals("Role") || roleKind.equals("ClusterRole"))) {
      return Optional.empty();
    }
    if (o.kind().equals("ClusterRoleBinding") && roleKind.equals("Role")) {
      return Optional.empty();
    }
    List<Entry> entries = new ArrayList<>();
    JsonNode subjects = o.raw().path("subjects");
    for (int i = 0; i < subjects.size(); i++) {
      JsonNode s = subjects.path(i);
      Optional<Subject.Kind> kind = Subject.Kind.parse(s.path("kind").asString(""));
      String name = s.path("name").asString("");
      if (kind.isEmpty() || name.isEmpty()) {
        continue;
      }
      String ns = s.path("namespace").asString("");
      if (kind.get() == Subject.Kind.SERVICE_ACCOUNT && ns.isEmpty()) {
        if (o.kind().equals("ClusterRoleBinding")) {
          continue;
        }
        ns = effectiveNamespace(o);
      }
      Subject subject = new Subject(kind.get(), name, ns);
      if (kind.get() == Subject.Kind.USER && name.startsWith(Subject.SA_USER_PREFIX)) {
        // the user name of a service account is that service account: one identity, one node
        try {
          subject = Subject.parse("user:" + name);
        } catch (IllegalArgumentException malformed) {
          // not of the form system:serviceaccount:NS:NAME; it stays a plain user name
        }
      }
      entries.add(new Entry(subject, i));
    }
    return Optional.of(new Binding(o, roleKind, roleName, entries, copy));
  }

  public String kind() {
    return object.kind();
  }

  public String name() {
    return object.name();
  }

  /**
   * The namespace a RoleBinding applies in; one written without a namespace lands in {@code
   * default}, as {@code kubectl apply} would put it. Empty for a ClusterRoleBinding.
   */
  public String namespace() {
    return isClusterBinding() ? "" : effectiveNamespace(object);
  }

  static String effectiveNamespace(KubeObject o) {
    return o.namespace().isEmpty() ? "default" : o.namespace();
  }

  public boolean isClusterBinding() {
    return kind().equals("ClusterRoleBinding");
  }

  /**
   * {@code ClusterRoleBinding admins}, {@code RoleBinding dev/ci}; one of several copies is
   * followed by its file and line: {@code RoleBinding dev/ci (rbac/b.yaml:4)}.
   */
  public String display() {
    String name =
        isClusterBinding() ? kind() + " " + name() : kind() + " " + namespace() + "/" + name();
    return copy.isEmpty() ? name : name + " (" + copy + ")";
  }
}
