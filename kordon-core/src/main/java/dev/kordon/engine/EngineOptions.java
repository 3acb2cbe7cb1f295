package dev.kordon.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How a scan runs.
 *
 * @param frameworks restrict controls (and scores) to these frameworks: a control runs when any of
 *     them includes it, and each of them is scored; empty for every control and every framework
 * @param today the date against which exception expiry is judged (a parameter: controls and the
 *     engine never read the clock themselves)
 * @param enabledOptional ids of optional controls to run as well
 */
public record EngineOptions(
    List<String> frameworks,
    Exceptions exceptions,
    LocalDate today,
    boolean parallel,
    List<String> enabledOptional) {

  public EngineOptions {
    frameworks = List.copyOf(frameworks);
    enabledOptional = List.copyOf(enabledOptional);
  }

  /** One framework or none, as before several could be selected. */
  public EngineOptions(
      Optional<String> framework,
      Exceptions exceptions,
      LocalDate today,
      boolean parallel,
      List<String> enabledOptional) {
    this(framework.map(List::of).orElse(List.of()), exceptions, today, parallel, enabledOptional);
  }

  public static EngineOptions defaults(LocalDate today) {
    return new EngineOptions(List.of(), Exceptions.NONE, today, true, List.of());
  }

  public EngineOptions withFramework(String id) {
    return withFrameworks(List.of(id));
  }

  public EngineOptions withFrameworks(List<String> ids) {
    return new EngineOptions(ids, exceptions, today, parallel, enabledOptional);
  }

  public EngineOptions withExceptions(Exceptions e) {
    return new EngineOptions(frameworks, e, today, parallel, enabledOptional);
  }

  public EngineOptions sequential() {
    return new EngineOptions(frameworks, exceptions, today, false, enabledOptional);
  }
}
