package dev.kordon.source;

import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import java.util.ArrayList;
import java.util.List;

/** Objects read from some inputs, in input order, and the problems met on the way. */
public record ReadResult(List<KubeObject> objects, List<ScanError> problems) {

  public ReadResult {
    objects = List.copyOf(objects);
    problems = List.copyOf(problems);
  }

  public static ReadResult concat(List<ReadResult> parts) {
    List<KubeObject> objects = new ArrayList<>();
    List<ScanError> problems = new ArrayList<>();
    for (ReadResult r : parts) {
      objects.addAll(r.objects);
      problems.addAll(r.problems);
    }
    return new ReadResult(objects, problems);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(ScanError::isError);
  }
}
