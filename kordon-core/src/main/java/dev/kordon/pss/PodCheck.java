package dev.kordon.pss;

import dev.kordon.snapshot.PodSpecView;
import java.util.List;

/** One versioned implementation of a check: the offending fields of a pod; none when allowed. */
@FunctionalInterface
public interface PodCheck {
  List<OffendingField> check(PodSpecView pod);
}
