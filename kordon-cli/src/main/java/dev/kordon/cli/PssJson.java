package dev.kordon.cli;

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
import dev.kordon.report.JsonOutput;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of {@code kordon pss}. Default mode: a list, in input order, of {@code {resource,
 * level, version, effectiveVersion, allowed, violations [{check, message, paths, locations}]}}.
 */
final class PssJson {
  private PssJson() {}

  static void results(List<KubeObject> objects, List<PssResult> results, Writer out)
      throws IOException {
    ArrayNode list = JsonOutput.NODES.arrayNode();
    for (int i = 0; i < results.size(); i++) {
      list.add(result(objects.get(i), results.get(i)));
    }
    JsonOutput.write(list, out);
  }

  private static ObjectNode result(KubeObject o, PssResult r) {
    ObjectNode n = JsonOutput.object();
    n.set("resource", resource(r.resource()));
    n.put("level", r.level().word());
    n.put("version", r.version().toString());
    n.put("effectiveVersion", r.effective().toString());
    n.put("allowed", r.allowed());
    ArrayNode violations = n.putArray("violations");
    for (PssViolation v : r.violations()) {
      ObjectNode vn = violations.addObject();
      vn.put("check", v.check());
      vn.put("message", v.message());
      ArrayNode paths = vn.putArray("paths");
      ArrayNode locations = vn.putArray("locations");
      for (JsonPointer p : v.paths()) {
        paths.add(p.toString());
        Optional<SourceLocation> at = o.locate(p);
        if (at.isPresent()) {
          locations
              .addObject()
              .put("file", at.get().file())
              .put("line", at.get().line())
              .put("column", at.get().column());
        } else {
          locations.addNull();
        }
      }
      ArrayNode details = vn.putArray("details");
      for (OffendingField f : v.fields()) {
        details.addObject().put("path", f.path().toString()).put("message", f.detail());
      }
    }
    return n;
  }

  private static ObjectNode resource(ObjectRef ref) {
    ObjectNode n = JsonOutput.object();
    n.put("apiVersion", ref.apiVersion());
    n.put("kind", ref.kind());
    n.put("namespace", ref.namespace());
    n.put("name", ref.name());
    return n;
  }

  /**
   * {@code {namespaces [...], workloads [{resource, namespace, exemption, enforce, audit, warn}]}}.
   */
  static void namespaces(
      Map<String, NamespacePolicy> policies,
      List<PssNamespaces.WorkloadVerdict> verdicts,
      Writer out)
      throws IOException {
    ObjectNode root = JsonOutput.object();
    ArrayNode nss = root.putArray("namespaces");
    for (NamespacePolicy p : policies.values()) {
      ObjectNode n = nss.addObject();
      n.put("name", p.namespace());
      n.put("exempt", p.exempt());
      for (PssMode m : PssMode.values()) {
        n.putObject(m.word())
            .put("level", p.policy(m).level().word())
            .put("version", p.policy(m).version().toString())
            .put("fromLabel", p.labelled().contains(m));
      }
      ArrayNode errors = n.putArray("labelErrors");
      p.errors().forEach(errors::add);
    }
    ArrayNode workloads = root.putArray("workloads");
    for (PssNamespaces.WorkloadVerdict w : verdicts) {
      ObjectNode n = workloads.addObject();
      n.set("resource", resource(w.object().ref()));
      n.put("namespace", w.namespace());
      n.put("exemption", w.exemption());
      n.put("rejected", w.rejected());
      for (PssNamespaces.ModeVerdict v : w.verdicts()) {
        n.set(v.mode().word(), result(w.object(), v.result()));
      }
    }
    JsonOutput.write(root, out);
  }

  /** A list of {@code {namespace, current, proposed, workloads, denied [...], summary}}. */
  static void whatIf(List<PssNamespaces.WhatIf> result, Writer out) throws IOException {
    ArrayNode list = JsonOutput.NODES.arrayNode();
    for (PssNamespaces.WhatIf w : result) {
      ObjectNode n = list.addObject();
      n.put("namespace", w.namespace());
      n.put("current", w.current().toString());
      n.put("proposed", w.proposed().toString());
      n.put("workloads", w.workloads());
      ArrayNode denied = n.putArray("denied");
      for (PssResult r : w.denied()) {
        ObjectNode d = denied.addObject();
        d.set("resource", resource(r.resource()));
        d.put("new", w.newlyDenied().contains(r));
        ArrayNode checks = d.putArray("checks");
        r.failedChecks().forEach(checks::add);
      }
      n.put("summary", w.summary());
    }
    JsonOutput.write(list, out);
  }
}
