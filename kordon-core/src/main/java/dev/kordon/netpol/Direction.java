package dev.kordon.netpol;

/** The two sides of a connection a policy can restrict. */
public enum Direction {
  INGRESS("Ingress", "ingress", "from"),
  EGRESS("Egress", "egress", "to");

  private final String policyType;
  private final String field;
  private final String peersField;

  Direction(String policyType, String field, String peersField) {
    this.policyType = policyType;
    this.field = field;
    this.peersField = peersField;
  }

  /** The word in {@code spec.policyTypes}. */
  public String policyType() {
    return policyType;
  }

  /** The rule list in the spec: {@code ingress} or {@code egress}. */
  public String field() {
    return field;
  }

  /** The peer list of a rule: {@code from} or {@code to}. */
  public String peersField() {
    return peersField;
  }
}
