package dev.kordon.netpol;

/** Whether the policies leave anything open, for {@code coverage --fail-on-gaps}. */
public final class CoverageGaps {
  private CoverageGaps() {}

  public static boolean any(Coverage c) {
    return !c.noIngressPolicy().isEmpty()
        || !c.noEgressPolicy().isEmpty()
        || c.namespaces().stream().anyMatch(n -> !n.denyIngress() || !n.denyEgress())
        || !c.selectingNoPod().isEmpty()
        || !c.openRules().isEmpty()
        || !c.metadataReachable().isEmpty();
  }
}
