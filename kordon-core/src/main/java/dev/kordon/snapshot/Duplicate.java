package dev.kordon.snapshot;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.model.ScanError;
import java.util.ArrayList;
import java.util.List;

/**
 * One object (same kind, namespace and name) that the inputs define more than once. Kubernetes
 * would keep only the copy applied last, and nobody can tell which that is, so every analyzer keeps
 * each copy as its own resource and names it by where it was defined.
 *
 * @param copies every copy, in input order (at least two)
 */
public record Duplicate(String kind, String namespace, String name, List<KubeObject> copies) {

  public Duplicate {
    copies = List.copyOf(copies);
    if (copies.size() < 2) {
      throw new IllegalArgumentException("a duplicate has at least two copies");
    }
  }

  /** {@code Deployment shop/api}, or {@code ClusterRole admin} when cluster-scoped. */
  public String display() {
    return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }

  /** Where each copy was defined, in input order. */
  public List<String> locations() {
    List<String> out = new ArrayList<>();
    for (KubeObject o : copies) {
      out.add(where(o));
    }
    return out;
  }

  /**
   * The note that tells the user: placed at the first copy, naming every other one ({@code
   * Deployment shop/api is also defined at b.yaml:10; each copy is judged on its own}).
   */
  public ScanError note() {
    KubeObject first = copies.get(0);
    List<String> others = locations().subList(1, copies.size());
    String message =
        display() + " is also defined at " + String.join(", ", others) + "; " + consequence();
    if (first.origin() instanceof Origin.File f) {
      int line = first.locate(JsonPointer.ROOT).map(l -> l.line()).orElse(0);
      return ScanError.note(f.file(), line, message);
    }
    return ScanError.note(first.origin().describe(), 0, message);
  }

  /** What Kordon does with the copies, in the words of the note. */
  private String consequence() {
    return switch (kind) {
      case "Role", "ClusterRole" -> "a binding to it is taken to grant the rules of every copy";
      case "Namespace" ->
          "Pod Security judges its workloads by the strictest labels of its copies,"
              + " NetworkPolicy namespace selectors see the labels of the first";
      default -> "each copy is judged on its own";
    };
  }

  /**
   * Where an object was defined: {@code file:line} of its first line, else its origin ({@code
   * file#document}, {@code cluster ctx}).
   */
  public static String where(KubeObject o) {
    if (o.origin() instanceof Origin.File f) {
      return o.locate(JsonPointer.ROOT)
          .map(l -> l.file() + ":" + l.line())
          .orElse(o.origin().describe());
    }
    return o.origin().describe();
  }
}
