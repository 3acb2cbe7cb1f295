package dev.kordon.audit;

import dev.kordon.auditpolicy.AuditPolicyLint;
import dev.kordon.control.ControlInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog entries of {@code kordon audit}: the detections over events (KOR-0400 onwards) and
 * the audit-policy lint (KOR-0430 onwards). They are listed and explained with the other controls;
 * they judge events and policies, not the objects of a scan.
 */
public final class AuditControls {
  private AuditControls() {}

  static final ControlInfo FORBIDDEN_BURST = ForbiddenBurst.INFO;

  /** The detections' entries, in id order. */
  public static List<ControlInfo> detections() {
    return List.of(
        PodExec.INFO,
        HostAccessWorkload.INFO,
        SecretRead.INFO,
        ForbiddenBurst.INFO,
        AnonymousAllowed.INFO,
        BroadBinding.INFO,
        TokenForOtherAccount.INFO,
        LongLivedTokenSecret.INFO,
        DeletionOf.EVENTS,
        DeletionOf.ADMISSION,
        CreatedByPerson.CRONJOB,
        CreatedByPerson.DAEMONSET);
  }

  /** Every entry: detections, then the policy lint. */
  public static List<ControlInfo> all() {
    List<ControlInfo> out = new ArrayList<>(detections());
    out.addAll(AuditPolicyLint.infos());
    return out;
  }
}
