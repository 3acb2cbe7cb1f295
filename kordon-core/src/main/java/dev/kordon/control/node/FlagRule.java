package dev.kordon.control.node;

import dev.kordon.model.JsonPointer;
import dev.kordon.node.ComponentContainer;
import dev.kordon.node.Flags;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one CIS item requires of a component's command line. An unset flag takes the component's
 * documented default (v1.32), so that "not set" is judged by what the component then does. A
 * violation points at the flag's value, or at the command when the flag is absent.
 */
sealed interface FlagRule {

  /** A failed requirement: where, and what this component does. */
  record Violation(JsonPointer at, String message) {}

  Optional<Violation> judge(ComponentContainer c);

  private static String who(ComponentContainer c) {
    return c.component().binary();
  }

  private static Optional<Violation> absent(ComponentContainer c, String what) {
    return Optional.of(new Violation(c.commandPointer(), who(c) + " " + what));
  }

  /** Every flag is set to a non-empty value. */
  record AllSet(List<String> flags) implements FlagRule {
    public AllSet {
      flags = List.copyOf(flags);
    }

    @Override
    public Optional<Violation> judge(ComponentContainer c) {
      List<String> missing =
          flags.stream()
              .filter(f -> c.flags().last(f).map(o -> o.value().isBlank()).orElse(true))
              .map(f -> "--" + f)
              .toList();
      if (missing.isEmpty()) {
        return Optional.empty();
      }
      return absent(c, "does not set " + String.join(" or ", missing));
    }
  }

  /** The flag is not set at all. */
  record Unset(String flag) implements FlagRule {
    @Override
    public Optional<Violation> judge(ComponentContainer c) {
      return c.flags().last(flag).map(o -> new Violation(c.pointer(o), who(c) + " sets --" + flag));
    }
  }

  /** A boolean flag has this value, its default when unset. */
  record Bool(String flag, boolean required, boolean byDefault) implements FlagRule {
    @Override
    public Optional<Violation> judge(ComponentContainer c) {
      Optional<Flags.Occurrence> o = c.flags().last(flag);
      if (o.isEmpty()) {
        return byDefault == required
            ? Optional.empty()
            : absent(
                c,
                "leaves --"
                    + flag
                    + " at its default, "
                    + byDefault
                    + " (set it to "
                    + required
                    + ")");
      }
      String v = o.get().value().strip().toLowerCase(Locale.ROOT);
      if (v.equals(Boolean.toString(required))) {
        return Optional.empty();
      }
      return Optional.of(
          new Violation(c.pointer(o.get()), who(c) + " sets --" + flag + "=" + o.get().value()));
    }
  }

  /** A list flag (comma-separated, repeatable) contains the item; the default list when unset. */
  record Contains(String flag, String item, List<String> byDefault) implements FlagRule {
    public Contains {
      byDefault = List.copyOf(byDefault);
    }

    @Override
    public Optional<Violation> judge(ComponentContainer c) {
      List<Flags.Item> items = c.flags().items(flag);
      if (items.isEmpty()) {
        return byDefault.contains(item)
            ? Optional.empty()
            : absent(
                c,
                "does not list "
                    + item
                    + " in --"
                    + flag
                    + (byDefault.isEmpty()
                        ? ""
                        : " (default: " + String.join(",", byDefault) + ")"));
      }
      if (items.stream().anyMatch(i -> i.value().equals(item))) {
        return Optional.empty();
      }
      Flags.Occurrence last = items.get(items.size() - 1).from();
      return Optional.of(
          new Violation(
              c.pointer(last),
              who(c) + " does not list " + item + " in --" + flag + "=" + last.value()));
    }
  }

  /** A list flag does not contain the item; the default list when unset. */
  record Lacks(String flag, String item, List<String> byDefault) implements FlagRule {
    public Lacks {
      byDefault = List.copyOf(byDefault);
    }

    @Override
    public Optional<Violation> judge(ComponentContainer c) {
      List<Flags.Item> items = c.flags().items(flag);
      if (items.isEmpty() && byDefault.contains(item)) {
        return absent(c, "leaves --" + flag + " at its default, " + String.join(",", byDefault));
      }
      for (Flags.Item i : items) {
        if (i.value().equals(item)) {
          return Optional.of(
              new Violation(c.pointer(i.from()), who(c) + " lists " + item + " in --" + flag));
        }
      }
      return Optional.empty();
    }
  }

  /** A numeric flag is at least {@code min}; unset fails (the default keeps no such history). */
  record AtLeast(String flag, long min) implements FlagRule {
    @Override
    public Optional<Violation> judge(ComponentContainer c) {
      Optional<Flags.Occurrence> o = c.flags().last(flag);
      if (o.isEmpty()) {
        return absent(c, "does not set --" + flag + " (set it to " + min + " or more)");
      }
      long v;
      try {
        v = Long.parseLong(o.get().value().strip());
      } catch (NumberFormatException e) {
        v = Long.MIN_VALUE;
      }
      if (v >= min) {
        return Optional.empty();
      }
      return Optional.of(
          new Violation(
              c.pointer(o.get()),
              who(c) + " sets --" + flag + "=" + o.get().value() + ", below " + min));
    }
  }

  /** A flag takes one of the allowed values, or is unset when {@code unsetPasses}. */
  record OneOf(String flag, Set<String> allowed, String byDefault) implements FlagRule {
    public OneOf {
      allowed = Set.copyOf(allowed);
    }

    @Override
    public Optional<Violation> judge(ComponentContainer c) {
      Optional<Flags.Occurrence> o = c.flags().last(flag);
      if (o.isEmpty()) {
        return allowed.contains(byDefault)
            ? Optional.empty()
            : absent(c, "leaves --" + flag + " at its default, " + byDefault);
      }
      if (allowed.contains(o.get().value().strip())) {
        return Optional.empty();
      }
      return Optional.of(
          new Violation(c.pointer(o.get()), who(c) + " sets --" + flag + "=" + o.get().value()));
    }
  }

  /** A map flag (e.g. --feature-gates) does not set the key to the value. */
  record MapNot(String flag, String key, String value) implements FlagRule {
    @Override
    public Optional<Violation> judge(ComponentContainer c) {
      Map<String, Flags.Item> map = c.flags().map(flag);
      Flags.Item i = map.get(key);
      if (i == null || !i.value().equalsIgnoreCase(value)) {
        return Optional.empty();
      }
      return Optional.of(
          new Violation(c.pointer(i.from()), who(c) + " sets --" + flag + " " + key + "=" + value));
    }
  }

  /** Every item of a list flag is in the allowed set; unset passes (Go's defaults are strong). */
  record AllIn(String flag, Set<String> allowed) implements FlagRule {
    public AllIn {
      allowed = Set.copyOf(allowed);
    }

    @Override
    public Optional<Violation> judge(ComponentContainer c) {
      for (Flags.Item i : c.flags().items(flag)) {
        if (!allowed.contains(i.value())) {
          return Optional.of(
              new Violation(
                  c.pointer(i.from()), who(c) + " allows " + i.value() + " in --" + flag));
        }
      }
      return Optional.empty();
    }
  }
}
