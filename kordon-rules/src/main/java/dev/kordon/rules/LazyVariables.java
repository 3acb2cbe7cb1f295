package dev.kordon.rules;

import dev.cel.common.values.NullValue;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code variables} map of one evaluation: each variable is evaluated the first time an
 * expression reads it, then cached, as the API server does; later variables may read earlier ones.
 * A variable that fails makes every expression reading it fail with the same error. Used by one
 * thread for one object.
 */
final class LazyVariables extends AbstractMap<String, Object> {

  /** A variable's failure, carried through the expression that read it. */
  static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient EvaluationError error;

    Failed(String name, EvaluationError error) {
      super("variables." + name + ": " + error.getMessage(), null, false, false);
      this.error = error;
    }
  }

  private final Map<String, Expression> declared = new LinkedHashMap<>();
  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, EvaluationError> failures = new HashMap<>();
  private final Map<String, Object> activation;

  /**
   * @param activation the other variables; {@code variables} is set to this map
   */
  LazyVariables(List<NamedExpression> variables, Map<String, Object> activation) {
    for (NamedExpression v : variables) {
      declared.put(v.name(), v.expression());
    }
    this.activation = activation;
    activation.put("variables", this);
  }

  @Override
  public boolean containsKey(Object key) {
    return declared.containsKey(key);
  }

  @Override
  public Object get(Object key) {
    Expression e = declared.get(key);
    if (e == null) {
      return null;
    }
    String name = (String) key;
    if (values.containsKey(name)) {
      return values.get(name);
    }
    EvaluationError failed = failures.get(name);
    if (failed == null) {
      values.put(name, NullValue.NULL_VALUE); // a self-reference sees null instead of looping
      try {
        Object v = e.eval(activation);
        values.put(name, v);
        return v;
      } catch (EvaluationError err) {
        values.remove(name);
        failures.put(name, err);
        failed = err;
      }
    }
    throw new Failed(name, failed);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Set<Entry<String, Object>> out = new LinkedHashSet<>();
    for (String name : declared.keySet()) {
      out.add(new SimpleImmutableEntry<>(name, get(name)));
    }
    return out;
  }
}
