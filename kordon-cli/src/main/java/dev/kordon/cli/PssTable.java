package dev.kordon.cli;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.SourceLocation;
import dev.kordon.pss.NamespacePolicy;
import dev.kordon.pss.OffendingField;
import dev.kordon.pss.PssLevel;
import dev.kordon.pss.PssMode;
import dev.kordon.pss.PssNamespaces;
import dev.kordon.pss.PssResult;
import dev.kordon.pss.PssVersion;
import dev.kordon.pss.PssViolation;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The human-readable form of {@code kordon pss}: one line per workload, one per offending field.
 */
final class PssTable {
  private PssTable() {}

  static void results(
      List<KubeObject> objects,
      List<PssResult> results,
      PssLevel level,
      PssVersion version,
      PssVersion effective,
      Writer out)
      throws IOException {
    String policy =
        level.word()
            + ":"
            + version
            + (version.equals(effective) ? "" : " (rules of " + effective + ")");
    int denied = 0;
    for (int i = 0; i < results.size(); i++) {
      PssResult r = results.get(i);
      out.write(
          describe(objects.get(i))
              + ": "
              + (r.allowed() ? "allowed" : "denied")
              + " at "
              + policy
              + "\n");
      violations(objects.get(i), r, "  ", out);
      denied += r.allowed() ? 0 : 1;
    }
    out.write(denied + " of " + results.size() + " workloads denied at " + policy + "\n");
  }

  private static void violations(KubeObject o, PssResult r, String indent, Writer out)
      throws IOException {
    for (PssViolation v : r.violations()) {
      for (OffendingField f : v.fields()) {
        out.write(indent + v.check() + "  " + where(o, f.path()) + "  " + f.detail() + "\n");
      }
    }
  }

  static String describe(KubeObject o) {
    String ns = PssNamespaces.namespaceOf(o);
    return o.kind() + " " + ns + "/" + o.name();
  }

  static String where(KubeObject o, JsonPointer p) {
    return o.locate(p).map(SourceLocation::toString).orElse(o.origin().describe() + " " + p);
  }

  static void namespaces(
      Map<String, NamespacePolicy> policies,
      List<PssNamespaces.WorkloadVerdict> verdicts,
      Writer out)
      throws IOException {
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
      out.write(line + "\n");
      for (String e : p.errors()) {
        out.write("  label error: " + e + "\n");
      }
      for (PssNamespaces.WorkloadVerdict w : verdicts) {
        if (!w.namespace().equals(p.namespace())) {
          continue;
        }
        if (!w.exemption().isEmpty()) {
          out.write("  " + describe(w.object()) + ": exempt (" + w.exemption() + ")\n");
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
          out.write(
              "  "
                  + describe(w.object())
                  + ": "
                  + what
                  + " ("
                  + v.policy()
                  + "): "
                  + String.join(", ", v.result().failedChecks())
                  + "\n");
          if (v.mode() == PssMode.ENFORCE) {
            rejected++;
          } else if (v.mode() == PssMode.AUDIT) {
            audited++;
          } else {
            warned++;
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
          out.write("  " + describe(w.object()) + ": allowed in every mode\n");
        }
      }
    }
    out.write(
        verdicts.size()
            + " workloads: "
            + rejected
            + " rejected by enforce, "
            + audited
            + " recorded by audit, "
            + warned
            + " warned\n");
  }

  static void whatIf(List<PssNamespaces.WhatIf> result, Writer out) throws IOException {
    for (PssNamespaces.WhatIf w : result) {
      out.write(w.summary() + "\n");
      for (PssResult r : w.denied()) {
        out.write(
            "  "
                + r.resource().kind()
                + " "
                + w.namespace()
                + "/"
                + r.resource().name()
                + ": "
                + String.join(", ", r.failedChecks())
                + (w.newlyDenied().contains(r) ? "  (new)" : "")
                + "\n");
      }
    }
  }
}
