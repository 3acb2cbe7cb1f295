package dev.kordon.image.sign;

import java.time.Instant;
import java.util.Optional;

/** A validity window of a trusted-root entry: both ends inclusive, the end optional (open). */
public record TimeRange(Instant start, Optional<Instant> end) {

  public TimeRange {
    if (end.isPresent() && end.get().isBefore(start)) {
      throw new IllegalArgumentException("validity ends before it starts");
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && (end.isEmpty() || !t.isAfter(end.get()));
  }

  @Override
  public String toString() {
    return start + ".." + end.map(Instant::toString).orElse("");
  }
}
