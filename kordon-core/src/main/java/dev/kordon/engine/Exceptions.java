package dev.kordon.engine;

import dev.kordon.report.SafeText;
import dev.kordon.source.YamlTrees;
import dev.kordon.source.YamlTrees.ConfigException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The exceptions file: a list of accepted risks.
 *
 * <pre>
 * apiVersion: kordon.dev/v1
 * kind: Exceptions
 * exceptions:
 *   - control: KOR-0001
 *     resource: {kind: DaemonSet, namespace: kube-system, name: "calico-*"}
 *     reason: CNI agent needs privileges
 *     expires: 2027-06-30
 * </pre>
 */
public record Exceptions(List<ExceptionRule> rules) {

  public static final Exceptions NONE = new Exceptions(List.of());

  public Exceptions {
    rules = List.copyOf(rules);
  }

  public static Exceptions load(Path file) {
    JsonNode root = YamlTrees.parse(file);
    JsonNode list = root.isArray() ? root : root.path("exceptions");
    if (!list.isArray()) {
      throw new ConfigException(file + ": expected a list under 'exceptions'");
    }
    List<ExceptionRule> rules = new ArrayList<>();
    int i = 0;
    for (JsonNode e : list) {
      String where = file + ": exceptions[" + i++ + "]";
      String control = e.path("control").asString(e.path("controlId").asString(""));
      if (control.isEmpty()) {
        throw new ConfigException(where + ": 'control' is required");
      }
      String reason = e.path("reason").asString("");
      if (reason.isBlank()) {
        throw new ConfigException(where + ": 'reason' is required; say why the risk is accepted");
      }
      JsonNode r = e.path("resource");
      Optional<LocalDate> expires = Optional.empty();
      if (e.hasNonNull("expires")) {
        try {
          expires = Optional.of(LocalDate.parse(e.path("expires").asString()));
        } catch (DateTimeParseException ex) {
          throw new ConfigException(where + ": 'expires' must be a date like 2027-01-31");
        }
      }
      rules.add(
          new ExceptionRule(
              control,
              r.path("kind").asString(""),
              r.path("namespace").asString(""),
              r.path("name").asString(""),
              dev.kordon.model.KubeObject.stringMap(r.path("labels")),
              reason,
              expires,
              where));
    }
    return new Exceptions(rules);
  }

  /**
   * Refuses rules that name a control that does not exist, so that a typo in an accepted risk is an
   * error rather than an exception that silently never applies. {@code *} names every control.
   *
   * @param known whether an id is a control's id or one of its former ids
   */
  public Exceptions requireKnownControls(Predicate<String> known) {
    for (ExceptionRule rule : rules) {
      if (!rule.controlId().equals("*") && !known.test(rule.controlId())) {
        throw new ConfigException(
            rule.source()
                + ": unknown control '"
                + SafeText.line(rule.controlId())
                + "' (see 'kordon controls list')");
      }
    }
    return this;
  }
}
