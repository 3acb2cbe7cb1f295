package dev.kordon.netpol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Observed flows against the policies: flows the policies would deny, flows whose ends are unknown,
 * and policy rules that no observed flow used (candidates for removal). A rule is used when it
 * matched an observed flow on its side (the source's egress or the destination's ingress).
 *
 * @param flows distinct flows read (same ends, port and protocol counted once)
 */
public record FlowReport(
    int flows,
    List<Verdict> denied,
    List<Unresolved> unresolved,
    List<Side.RuleMatch> unusedRules) {

  /** A flow an end of which names no pod of the model and no IP address. */
  public record Unresolved(Flow flow, String endpoint) {}

  public FlowReport {
    denied = List.copyOf(denied);
    unresolved = List.copyOf(unresolved);
    unusedRules = List.copyOf(unusedRules);
  }

  public static FlowReport of(Reachability reach, List<Flow> observed) {
    PolicyModel model = reach.model();
    Map<String, Flow> distinct = new LinkedHashMap<>();
    for (Flow f : observed) {
      distinct.putIfAbsent(
          f.source() + "\u0000" + f.destination() + "\u0000" + f.port() + "/" + f.protocol(), f);
    }
    List<Verdict> denied = new ArrayList<>();
    List<Unresolved> unresolved = new ArrayList<>();
    Set<Rule> used = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Flow f : distinct.values()) {
      Optional<Endpoint> from = model.resolve(f.source());
      Optional<Endpoint> to = model.resolve(f.destination());
      if (from.isEmpty() || to.isEmpty()) {
        unresolved.add(new Unresolved(f, from.isEmpty() ? f.source() : f.destination()));
        continue;
      }
      Verdict v = reach.check(from.get(), to.get(), f.port(), f.protocol());
      if (!v.allowed()) {
        denied.add(v);
      }
      for (Side.RuleMatch m : v.egress().allowing()) {
        used.add(m.rule());
      }
      for (Side.RuleMatch m : v.ingress().allowing()) {
        used.add(m.rule());
      }
    }
    List<Side.RuleMatch> unused = new ArrayList<>();
    for (Policy p : model.policies()) {
      for (Direction d : Direction.values()) {
        if (!p.appliesTo(d)) {
          continue;
        }
        for (Rule r : p.rules(d)) {
          if (!used.contains(r)) {
            unused.add(new Side.RuleMatch(p, r));
          }
        }
      }
    }
    return new FlowReport(distinct.size(), denied, unresolved, unused);
  }
}
