package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An ingress-nginx {@code *-snippet} annotation injects raw nginx configuration into the
 * controller, which runs with access to every Secret it serves (CVE-2021-25742).
 */
public final class IngressNginxSnippet implements ObjectControl {

  private static final String PREFIX = "nginx.ingress.kubernetes.io/";

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0075")
          .title("Ingress with an ingress-nginx snippet annotation")
          .severity(Severity.HIGH)
          .description(
              "Snippet annotations paste arbitrary nginx configuration into the shared ingress"
                  + " controller: whoever may edit an Ingress can read files of the controller,"
                  + " including its service account token with access to all TLS Secrets, and"
                  + " reroute other tenants' traffic (CVE-2021-25742).")
          .remediation(
              "Replace the snippet with dedicated annotations or a ConfigMap option, and run the"
                  + " controller with allow-snippet-annotations: false.")
          .kinds("Ingress")
          .refs("mitre:T1552.007")
          .peers("kubescape:C-0059", "trivy:KCV-0093")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (String key : new TreeSet<>(object.annotations().keySet())) {
      if (key.startsWith(PREFIX) && key.endsWith("-snippet")) {
        out.add(
            INFO.finding(
                object,
                JsonPointer.of("metadata", "annotations", key),
                "Ingress \"" + object.name() + "\" sets annotation " + key));
      }
    }
    return out;
  }
}
