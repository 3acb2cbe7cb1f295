package dev.kordon.rbac;

/** A grant and the rule in it that allows a request: the answer to "why may they?". */
public record Access(Grant grant, Rule rule) {
  public Subject subject() {
    return grant.subject();
  }
}
