package dev.kordon.rbac;

import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Escalation paths to a target, shortest first: from one subject, or from every identity of the
 * inputs with the built-in ones counted apart unless asked for.
 *
 * @param hidden paths from built-in identities left out
 * @param truncated the escalation graph hit {@link EscalationPaths#MAX_EDGES} and some paths may be
 *     missing
 */
public record PathListing(
    PathNode target, List<EscalationPaths.Path> paths, int hidden, boolean truncated) {

  /** The longest chain that may be asked for. */
  public static final int MAX_STEPS = 20;

  public PathListing {
    paths = List.copyOf(paths);
  }

  /** {@code cluster-admin} or a subject such as {@code serviceaccount:kube-system:x}. */
  public static PathNode target(String text) {
    return text.equals("cluster-admin") ? PathNode.CLUSTER_ADMIN : PathNode.of(Subject.parse(text));
  }

  /**
   * @throws IllegalArgumentException when maxSteps is not between 1 and {@link #MAX_STEPS}
   */
  public static PathListing of(
      Snapshot snapshot,
      Optional<Subject> from,
      PathNode target,
      int maxSteps,
      boolean withSystem) {
    if (maxSteps < 1 || maxSteps > MAX_STEPS) {
      throw new IllegalArgumentException("between 1 and " + MAX_STEPS);
    }
    Set<Subject> extra = new LinkedHashSet<>();
    from.ifPresent(extra::add);
    if (target instanceof PathNode.Holder h) {
      extra.add(h.subject());
    }
    EscalationPaths graph = EscalationPaths.of(snapshot, extra);
    List<Subject> sources = from.map(List::of).orElseGet(() -> List.copyOf(graph.identities()));
    List<EscalationPaths.Path> paths = new ArrayList<>();
    int hidden = 0;
    for (EscalationPaths.Path p : graph.paths(target, sources, maxSteps)) {
      Subject s = ((PathNode.Holder) p.from()).subject();
      if (from.isEmpty() && !withSystem && s.isSystem()) {
        hidden++;
      } else {
        paths.add(p);
      }
    }
    return new PathListing(target, paths, hidden, graph.truncated());
  }
}
