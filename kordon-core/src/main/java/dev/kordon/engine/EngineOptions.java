package dev.kordon.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How a scan runs.
 *
 * @param framework restrict controls (and scores) to one framework
 * @param today the date against which exception expiry is judged (a parameter: controls and the
 *     engine never read the clock themselves)
 * @param enabledOptional ids of optional controls to run as well
 */
public record EngineOptions(
    Optional<String> framework,
    Exceptions exceptions,
    LocalDate today,
    boolean parallel,
    List<String> enabledOptional) {

  public EngineOptions {
    enabledOptional = List.copyOf(enabledOptional);
  }

  public static EngineOptions defaults(LocalDate today) {
    return new EngineOptions(Optional.empty(), Exceptions.NONE, today, true, List.of());
  }

  public EngineOptions withFramework(String id) {
    return new EngineOptions(Optional.of(id), exceptions, today, parallel, enabledOptional);
  }

  public EngineOptions withExceptions(Exceptions e) {
    return new EngineOptions(framework, e, today, parallel, enabledOptional);
  }

  public EngineOptions sequential() {
    return new EngineOptions(framework, exceptions, today, false, enabledOptional);
  }
}
