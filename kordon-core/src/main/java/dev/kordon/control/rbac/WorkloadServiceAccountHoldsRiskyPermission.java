package dev.kordon.control.rbac;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.SnapshotControl;
import dev.kordon.model.Finding;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.Severity;
import dev.kordon.rbac.Binding;
import dev.kordon.rbac.EscalationPaths;
import dev.kordon.rbac.Grant;
import dev.kordon.rbac.Identity;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.RiskCatalog;
import dev.kordon.rbac.Subject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A service account that a workload of the snapshot runs as, with its token mounted, holds a high
 * or critical risky permission: whoever compromises the workload gets it. The finding points at the
 * binding subject entry that grants it (a group entry when the grant comes through a group).
 */
public final class WorkloadServiceAccountHoldsRiskyPermission implements SnapshotControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0151")
          .title("Workload service account holds a risky permission")
          .severity(Severity.HIGH)
          .description(
              "A workload runs with a mounted token of a service account that holds a high or"
                  + " critical permission of Kordon's RBAC risk catalog (reading Secrets, creating"
                  + " pods, exec, bind, escalate, impersonate, nodes/proxy, ...). Code execution in"
                  + " the workload becomes that permission.")
          .remediation(
              "Give the workload its own service account with only what it needs, or set"
                  + " automountServiceAccountToken: false when it does not call the API.")
          .kinds("RoleBinding", "ClusterRoleBinding")
          .refs("cis:5.1.6", "mitre:T1528", "mitre:T1078")
          .peers("kubescape:C-0267")
          .build();

  private final RiskCatalog catalog;

  public WorkloadServiceAccountHoldsRiskyPermission(RiskCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  /** What one binding subject entry grants to workload service accounts. */
  private static final class Entry {
    final Grant grant;
    final Set<String> accounts = new LinkedHashSet<>();
    final Set<String> risks = new LinkedHashSet<>();

    Entry(Grant grant) {
      this.grant = grant;
    }
  }

  @Override
  public List<Finding> check(Snapshot snapshot) {
    Map<Subject, List<ObjectRef>> usedBy = new TreeMap<>();
    for (PodSpecView pod : snapshot.workloads()) {
      EscalationPaths.mountedAccount(pod, snapshot)
          .ifPresent(
              s -> usedBy.computeIfAbsent(s, k -> new ArrayList<>()).add(pod.object().ref()));
    }
    RbacGraph graph = RbacGraph.of(snapshot);
    Map<List<Object>, Entry> entries = new LinkedHashMap<>();
    for (Map.Entry<Subject, List<ObjectRef>> use : usedBy.entrySet()) {
      Subject sa = use.getKey();
      for (RiskCatalog.Holding h : catalog.heldBy(graph, Identity.of(sa))) {
        if (!h.risk().severity().atLeast(Severity.HIGH)) {
          continue;
        }
        Grant g = h.access().grant();
        Binding b = g.binding();
        Entry e =
            entries.computeIfAbsent(
                List.of(b.object().ref(), g.entry().index()), k -> new Entry(g));
        e.accounts.add(sa.display() + " (used by " + workloads(use.getValue()) + ")");
        e.risks.add(
            h.risk().severity().word()
                + ": "
                + h.risk().title()
                + (h.namespace().isEmpty() ? "" : " in " + h.namespace()));
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      String via =
          e.grant.subject().kind() == Subject.Kind.SERVICE_ACCOUNT
              ? ""
              : " through " + e.grant.subject().display();
      out.add(
          INFO.finding(
              e.grant.binding().object(),
              e.grant.entry().pointer(),
              String.join(", ", e.accounts)
                  + via
                  + " holds "
                  + String.join("; ", e.risks)
                  + " via "
                  + e.grant.role().display()));
    }
    return out;
  }

  private static String workloads(List<ObjectRef> refs) {
    List<String> names = new ArrayList<>();
    for (ObjectRef r : refs) {
      names.add(r.display());
    }
    names.sort(null); // the same message whatever order the objects were read in
    return names.size() <= 3
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
  }
}
