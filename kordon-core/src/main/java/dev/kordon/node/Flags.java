package dev.kordon.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flags of one command line, parsed as Go's pflag does: {@code --flag=value}, {@code --flag
 * value} (the next word is the value unless the flag is boolean), bare {@code --flag} (boolean,
 * true), single-dash spellings, and repeated flags (every occurrence kept, in order). Words that
 * are not flags (the program, positional arguments) are skipped.
 */
public final class Flags {

  /**
   * One occurrence.
   *
   * @param arg index of the word holding the flag name in the parsed list
   * @param valueArg index of the word holding the value (the same word for {@code --f=v})
   */
  public record Occurrence(String name, String value, int arg, int valueArg) {}

  /**
   * Boolean flags of the control-plane components and the kubelet that Kordon judges: such a flag
   * never takes the next word as its value ({@code --profiling false} is profiling=true and a stray
   * word, as in pflag).
   */
  public static final Set<String> BOOLEAN =
      Set.of(
          "anonymous-auth",
          "profiling",
          "client-cert-auth",
          "peer-client-cert-auth",
          "auto-tls",
          "peer-auto-tls",
          "service-account-lookup",
          "use-service-account-credentials",
          "service-account-extend-token-expiration",
          "rotate-certificates",
          "make-iptables-util-chains",
          "protect-kernel-defaults",
          "seccomp-default",
          "allow-privileged",
          "enable-bootstrap-token-auth",
          "leader-elect",
          "enable-aggregator-routing",
          "fail-swap-on",
          "serialize-image-pulls",
          "v1",
          "help",
          "version");

  private final List<Occurrence> occurrences;

  private Flags(List<Occurrence> occurrences) {
    this.occurrences = List.copyOf(occurrences);
  }

  public static Flags parse(List<String> words) {
    List<Occurrence> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--")) {
        break;
      }
      if (!w.startsWith("-") || w.equals("-")) {
        continue;
      }
      String body = w.startsWith("--") ? w.substring(2) : w.substring(1);
      int eq = body.indexOf('=');
      if (eq >= 0) {
        out.add(new Occurrence(body.substring(0, eq), body.substring(eq + 1), i, i));
        continue;
      }
      boolean next = i + 1 < words.size() && !words.get(i + 1).startsWith("-");
      if (!BOOLEAN.contains(body) && next) {
        out.add(new Occurrence(body, words.get(i + 1), i, i + 1));
        i++;
      } else {
        out.add(new Occurrence(body, "true", i, i));
      }
    }
    return new Flags(out);
  }

  public List<Occurrence> all() {
    return occurrences;
  }

  /** The occurrence that decides a single-valued flag: the last one, as pflag keeps. */
  public Optional<Occurrence> last(String name) {
    Occurrence found = null;
    for (Occurrence o : occurrences) {
      if (o.name().equals(name)) {
        found = o;
      }
    }
    return Optional.ofNullable(found);
  }

  public boolean isSet(String name) {
    return last(name).isPresent();
  }

  /** Every occurrence of a flag, in order. */
  public List<Occurrence> every(String name) {
    return occurrences.stream().filter(o -> o.name().equals(name)).toList();
  }

  /**
   * A list flag (pflag's StringSlice): the comma-separated items of every occurrence, in order,
   * each with the occurrence it came from.
   */
  public List<Item> items(String name) {
    List<Item> out = new ArrayList<>();
    for (Occurrence o : every(name)) {
      for (String part : o.value().split(",")) {
        String p = part.strip();
        if (!p.isEmpty()) {
          out.add(new Item(p, o));
        }
      }
    }
    return out;
  }

  /** One item of a list flag. */
  public record Item(String value, Occurrence from) {}

  /**
   * A map flag such as {@code --feature-gates=A=true,B=false}: the last value of each key across
   * occurrences.
   */
  public Map<String, Item> map(String name) {
    Map<String, Item> out = new LinkedHashMap<>();
    for (Item i : items(name)) {
      int eq = i.value().indexOf('=');
      if (eq > 0) {
        out.put(
            i.value().substring(0, eq).strip(),
            new Item(i.value().substring(eq + 1).strip(), i.from()));
      }
    }
    return out;
  }
}
