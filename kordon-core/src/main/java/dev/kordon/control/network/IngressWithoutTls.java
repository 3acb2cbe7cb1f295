package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * An Ingress without {@code spec.tls} serves plain HTTP, unless a cloud load balancer in front
 * terminates TLS with a certificate named in an annotation.
 */
public final class IngressWithoutTls implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0073")
          .title("Ingress without TLS")
          .severity(Severity.MEDIUM)
          .description(
              "Without TLS, passwords, session cookies and API tokens cross the network in clear"
                  + " text, and anyone on the path can read or change the traffic.")
          .remediation(
              "Add spec.tls with the Ingress hosts and a certificate Secret (cert-manager can"
                  + " issue and renew it), and redirect HTTP to HTTPS.")
          .kinds("Ingress")
          .refs("nsa:tls", "mitre:T1557")
          .peers("kubescape:C-0263")
          .build();

  /** Annotations with which a cloud load balancer terminates TLS in front of the Ingress. */
  static final List<String> CLOUD_TLS =
      List.of(
          "alb.ingress.kubernetes.io/certificate-arn",
          "networking.gke.io/managed-certificates",
          "ingress.gcp.kubernetes.io/pre-shared-cert",
          "appgw.ingress.kubernetes.io/appgw-ssl-certificate");

  private static final JsonPointer TLS = JsonPointer.of("spec", "tls");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    if (object.at(TLS).isArray() && !object.at(TLS).isEmpty()) {
      return List.of();
    }
    for (String a : CLOUD_TLS) {
      if (!object.annotations().getOrDefault(a, "").isBlank()) {
        return List.of();
      }
    }
    return List.of(INFO.finding(object, TLS, "Ingress \"" + object.name() + "\" has no spec.tls"));
  }
}
