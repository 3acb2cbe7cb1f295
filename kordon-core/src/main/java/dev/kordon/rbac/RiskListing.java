package dev.kordon.rbac;

import dev.kordon.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The risky permissions held in a graph at or above a severity, most severe first, with the
 * built-in identities (system:* users and groups, kube-system service accounts) counted apart
 * unless asked for.
 *
 * @param hidden holdings of built-in identities left out
 */
public record RiskListing(Severity minimum, List<RiskCatalog.Holding> shown, int hidden) {

  public RiskListing {
    shown = List.copyOf(shown);
  }

  /** Most severe first, then by risk id, subject and namespace. */
  public static final Comparator<RiskCatalog.Holding> ORDER =
      Comparator.comparing((RiskCatalog.Holding h) -> h.risk().severity())
          .reversed()
          .thenComparing(h -> h.risk().id())
          .thenComparing(RiskCatalog.Holding::subject)
          .thenComparing(RiskCatalog.Holding::namespace);

  public static RiskListing of(
      RiskCatalog catalog, RbacGraph graph, Severity minimum, boolean withSystem) {
    List<RiskCatalog.Holding> shown = new ArrayList<>();
    int hidden = 0;
    for (RiskCatalog.Holding h : catalog.holders(graph)) {
      if (!h.risk().severity().atLeast(minimum)) {
        continue;
      }
      if (!withSystem && h.subject().isSystem()) {
        hidden++;
        continue;
      }
      shown.add(h);
    }
    shown.sort(ORDER);
    return new RiskListing(minimum, shown, hidden);
  }
}
