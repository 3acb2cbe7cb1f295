package dev.kordon.model;

import java.util.Map;
import java.util.Optional;

/** Where an object came from: a file, a live cluster, or an admission request. */
public sealed interface Origin
    permits Origin.File, Origin.Cluster, Origin.Request, Origin.Assembled {

  /** The file location of a field, when the object came from a file. */
  Optional<SourceLocation> locate(JsonPointer pointer);

  /** A short human description, e.g. {@code deploy/app.yaml#2}. */
  String describe();

  /**
   * A document in a file. {@code base} is the object's pointer inside the document: the root, or
   * {@code /items/3} for an item of a {@code kind: List}.
   */
  record File(String file, int document, JsonPointer base, PositionIndex positions)
      implements Origin {
    @Override
    public Optional<SourceLocation> locate(JsonPointer pointer) {
      return positions.find(base, pointer).map(lc -> new SourceLocation(file, lc[0], lc[1]));
    }

    @Override
    public String describe() {
      return file + "#" + (document + 1);
    }
  }

  /** An object read from the API server of a cluster. */
  record Cluster(String context, String resourceVersion) implements Origin {
    @Override
    public Optional<SourceLocation> locate(JsonPointer pointer) {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "cluster " + context;
    }
  }

  /** An object submitted in an admission request or built in memory. */
  record Request(String description) implements Origin {
    @Override
    public Optional<SourceLocation> locate(JsonPointer pointer) {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return description;
    }
  }

  /**
   * An object assembled from several files, such as a kubelet's effective configuration: its config
   * file with the flags of its systemd unit laid over it. A field is located at the flag that set
   * it (the deepest overridden ancestor), else in the base file, else at the fallback (the line
   * that started the component).
   */
  record Assembled(
      String description,
      Optional<Origin.File> base,
      Map<JsonPointer, SourceLocation> overrides,
      Optional<SourceLocation> fallback)
      implements Origin {
    public Assembled {
      overrides = Map.copyOf(overrides);
    }

    @Override
    public Optional<SourceLocation> locate(JsonPointer pointer) {
      for (JsonPointer p = pointer; ; p = p.parent()) {
        SourceLocation at = overrides.get(p);
        if (at != null) {
          return Optional.of(at);
        }
        if (p.isRoot()) {
          break;
        }
      }
      Optional<SourceLocation> inBase = base.flatMap(b -> b.locate(pointer));
      return inBase.isPresent() ? inBase : fallback;
    }

    @Override
    public String describe() {
      return description;
    }
  }
}
