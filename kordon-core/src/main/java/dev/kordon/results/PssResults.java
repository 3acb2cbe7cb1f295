package dev.kordon.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.SourceLocation;
import dev.kordon.pss.NamespacePolicy;
import dev.kordon.pss.OffendingField;
import dev.kordon.pss.PssMode;
import dev.kordon.pss.PssNamespaces;
import dev.kordon.pss.PssResult;
import dev.kordon.pss.PssViolation;
import dev.kordon.pss.WorkloadReview;
import dev.kordon.report.ReportSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers of {@code kordon pss}, in its three modes, as report sections. */
public final class PssResults {
  private PssResults() {}

  public record ResourceView(String apiVersion, String kind, String namespace, String name) {
    static ResourceView of(ObjectRef ref) {
      return new ResourceView(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
    }
  }

  public record Location(String file, int line, int column) {}

  public record Detail(String path, String message) {}

  /** One failed check; {@code locations[i]} is where {@code paths[i]} is, or null. */
  public record ViolationView(
      String check,
      String message,
      List<String> paths,
      List<Location> locations,
      List<Detail> details) {}

  /**
   * @param copy {@code file:line} of this copy when the inputs define the workload several times
   *     (each copy is judged on its own); empty otherwise
   */
  public record ResultView(
      ResourceView resource,
      String level,
      String version,
      String effectiveVersion,
      boolean allowed,
      List<ViolationView> violations,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String copy) {

    static ResultView of(KubeObject o, PssResult r, String copy) {
      List<ViolationView> violations = new ArrayList<>();
      for (PssViolation v : r.violations()) {
        List<String> paths = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        for (JsonPointer p : v.paths()) {
          paths.add(p.toString());
          locations.add(
              o.locate(p).map(at -> new Location(at.file(), at.line(), at.column())).orElse(null));
        }
        violations.add(
            new ViolationView(
                v.check(),
                v.message(),
                paths,
                locations,
                v.fields().stream()
                    .map(f -> new Detail(f.path().toString(), f.detail()))
                    .toList()));
      }
      return new ResultView(
          ResourceView.of(r.resource()),
          r.level().word(),
          r.version().toString(),
          r.effective().toString(),
          r.allowed(),
          violations,
          copy);
    }
  }

  public record ModePolicy(String level, String version, boolean fromLabel) {}

  public record NamespaceView(
      String name, boolean exempt, Map<String, ModePolicy> modes, List<String> labelErrors) {}

  /**
   * A workload under its namespace's policy: one verdict per mode (enforce, audit, warn).
   *
   * @param copy {@code file:line} of this copy when the inputs define the workload several times
   *     (each copy is judged on its own); empty otherwise
   */
  public record WorkloadView(
      ResourceView resource,
      String namespace,
      String exemption,
      boolean rejected,
      Map<String, ResultView> modes,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String copy) {}

  public record NamespacesView(List<NamespaceView> namespaces, List<WorkloadView> workloads) {}

  /**
   * @param copy {@code file:line} of this copy when the inputs define the workload several times;
   *     empty otherwise
   */
  public record DeniedView(
      ResourceView resource,
      boolean newlyDenied,
      List<String> checks,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String copy) {}

  public record WhatIfView(
      String namespace,
      boolean exempt,
      String current,
      String proposed,
      int workloads,
      List<DeniedView> denied,
      String summary) {}

  /** Default mode: one line per workload, one per offending field, then the count. */
  public static ReportSection workloads(WorkloadReview review) {
    String policy =
        review.level().word()
            + ":"
            + review.version()
            + (review.version().equals(review.effective())
                ? ""
                : " (rules of " + review.effective() + ")");
    List<String> lines = new ArrayList<>();
    List<ResultView> data = new ArrayList<>();
    int denied = 0;
    for (WorkloadReview.Judged j : review.workloads()) {
      PssResult r = j.result();
      lines.add(
          describe(j.object(), j.copy())
              + ": "
              + (r.allowed() ? "allowed" : "denied")
              + " at "
              + policy);
      violations(j.object(), r, "  ", lines);
      denied += r.allowed() ? 0 : 1;
      data.add(ResultView.of(j.object(), r, j.copy()));
    }
    lines.add(denied + " of " + review.workloads().size() + " workloads denied at " + policy);
    return new ReportSection.Text("pss", "", lines, data);
  }

  private static void violations(KubeObject o, PssResult r, String indent, List<String> out) {
    for (PssViolation v : r.violations()) {
      for (OffendingField f : v.fields()) {
        out.add(indent + v.check() + "  " + where(o, f.path()) + "  " + f.detail());
      }
    }
  }

  /**
   * {@code Deployment shop/api}, followed by its file and line when it is one of several copies.
   */
  static String describe(KubeObject o, String copy) {
    String name = o.kind() + " " + PssNamespaces.namespaceOf(o) + "/" + o.name();
    return copy.isEmpty() ? name : name + " (" + copy + ")";
  }

  static String where(KubeObject o, JsonPointer p) {
    return o.locate(p).map(SourceLocation::toString).orElse(o.origin().describe() + " " + p);
  }

  /** {@code --namespaces}: each namespace's policy, then its workloads under it. */
  public static ReportSection namespaces(
      Map<String, NamespacePolicy> policies, List<PssNamespaces.WorkloadVerdict> verdicts) {
    List<String> out = new ArrayList<>();
    int rejected = 0;
    int audited = 0;
    int warned = 0;
    for (NamespacePolicy p : policies.values()) {
      StringBuilder line = new StringBuilder("namespace " + p.namespace() + ":");
      if (p.exempt()) {
        line.append(" exempt by configuration");
      } else {
        for (PssMode m : PssMode.values()) {
          line.append(' ')
              .append(m.word())
              .append('=')
              .append(p.policy(m))
              .append(p.labelled().contains(m) ? "" : " (default)");
        }
      }
      out.add(line.toString());
      for (String e : p.errors()) {
        out.add("  label error: " + e);
      }
      for (PssNamespaces.WorkloadVerdict w : verdicts) {
        if (!w.namespace().equals(p.namespace())) {
          continue;
        }
        if (!w.exemption().isEmpty()) {
          out.add("  " + describe(w.object(), w.copy()) + ": exempt (" + w.exemption() + ")");
          continue;
        }
        boolean any = false;
        for (PssNamespaces.ModeVerdict v : w.verdicts()) {
          if (v.result().allowed()) {
            continue;
          }
          any = true;
          String what =
              switch (v.mode()) {
                case ENFORCE ->
                    w.object().kind().equals("Pod")
                        ? "enforce would reject it"
                        : "enforce would reject its pods";
                case AUDIT -> "audit would record";
                case WARN -> "warn would warn";
              };
          out.add(
              "  "
                  + describe(w.object(), w.copy())
                  + ": "
                  + what
                  + " ("
                  + v.policy()
                  + "): "
                  + String.join(", ", v.result().failedChecks()));
          switch (v.mode()) {
            case ENFORCE -> rejected++;
            case AUDIT -> audited++;
            case WARN -> warned++;
          }
        }
        if (any) {
          PssNamespaces.ModeVerdict worst =
              w.verdicts().stream()
                  .filter(v -> !v.result().allowed())
                  .max((a, b) -> a.policy().level().compareTo(b.policy().level()))
                  .orElseThrow();
          violations(w.object(), worst.result(), "      ", out);
        } else {
          out.add("  " + describe(w.object(), w.copy()) + ": allowed in every mode");
        }
      }
    }
    out.add(
        verdicts.size()
            + " workloads: "
            + rejected
            + " rejected by enforce, "
            + audited
            + " recorded by audit, "
            + warned
            + " warned");
    return new ReportSection.Text("pss-namespaces", "", out, namespacesData(policies, verdicts));
  }

  private static NamespacesView namespacesData(
      Map<String, NamespacePolicy> policies, List<PssNamespaces.WorkloadVerdict> verdicts) {
    List<NamespaceView> nss = new ArrayList<>();
    for (NamespacePolicy p : policies.values()) {
      Map<String, ModePolicy> modes = new LinkedHashMap<>();
      for (PssMode m : PssMode.values()) {
        modes.put(
            m.word(),
            new ModePolicy(
                p.policy(m).level().word(),
                p.policy(m).version().toString(),
                p.labelled().contains(m)));
      }
      nss.add(new NamespaceView(p.namespace(), p.exempt(), modes, p.errors()));
    }
    List<WorkloadView> workloads = new ArrayList<>();
    for (PssNamespaces.WorkloadVerdict w : verdicts) {
      Map<String, ResultView> modes = new LinkedHashMap<>();
      for (PssNamespaces.ModeVerdict v : w.verdicts()) {
        modes.put(v.mode().word(), ResultView.of(w.object(), v.result(), w.copy()));
      }
      workloads.add(
          new WorkloadView(
              ResourceView.of(w.object().ref()),
              w.namespace(),
              w.exemption(),
              w.rejected(),
              modes,
              w.copy()));
    }
    return new NamespacesView(nss, workloads);
  }

  /** {@code --what-if}: per namespace, what the proposed enforce policy would deny. */
  public static ReportSection whatIf(List<PssNamespaces.WhatIf> result) {
    List<String> out = new ArrayList<>();
    List<WhatIfView> data = new ArrayList<>();
    for (PssNamespaces.WhatIf w : result) {
      out.add(w.summary());
      List<DeniedView> denied = new ArrayList<>();
      for (int i = 0; i < w.denied().size(); i++) {
        PssResult r = w.denied().get(i);
        String copy = w.deniedCopies().get(i);
        boolean isNew = w.newlyDenied().contains(r);
        out.add(
            "  "
                + r.resource().kind()
                + " "
                + w.namespace()
                + "/"
                + r.resource().name()
                + (copy.isEmpty() ? "" : " (" + copy + ")")
                + ": "
                + String.join(", ", r.failedChecks())
                + (isNew ? "  (new)" : ""));
        denied.add(new DeniedView(ResourceView.of(r.resource()), isNew, r.failedChecks(), copy));
      }
      data.add(
          new WhatIfView(
              w.namespace(),
              w.exempt(),
              w.current().toString(),
              w.proposed().toString(),
              w.workloads(),
              denied,
              w.summary()));
    }
    return new ReportSection.Text("pss-what-if", "", out, data);
  }
}
