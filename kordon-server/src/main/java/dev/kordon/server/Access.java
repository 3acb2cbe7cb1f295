package dev.kordon.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the holder of one token may do. */
public record Access(String tokenName, List<Scope> scopes) {
  public Access {
    scopes = List.copyOf(scopes);
  }

  public boolean canUpload(String cluster) {
    return scopes.stream().anyMatch(s -> s.allows(Scope.Action.UPLOAD, cluster));
  }

  public boolean canRead(String cluster) {
    return scopes.stream().anyMatch(s -> s.allows(Scope.Action.READ, cluster));
  }

  public boolean readsAnything() {
    return scopes.stream().anyMatch(s -> s.action() == Scope.Action.READ);
  }

  /** The clusters this token may read, or empty when it may read every cluster. */
  public Optional<Set<String>> readableClusters() {
    Set<String> names = new LinkedHashSet<>();
    for (Scope s : scopes) {
      if (s.action() == Scope.Action.READ) {
        if (s.cluster().equals(Scope.ALL)) {
          return Optional.empty();
        }
        names.add(s.cluster());
      }
    }
    return Optional.of(names);
  }
}
