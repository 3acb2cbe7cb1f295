package dev.kordon.control.cluster;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import dev.kordon.rbac.RiskCatalog;
import java.util.List;

/** Cluster-level controls: RBAC bindings, namespaces, webhooks, nodes, versions, kubelets. */
public final class ClusterControls {
  private ClusterControls() {}

  public static List<Control> all(ControlSettings settings) {
    KubernetesReleases releases = KubernetesReleases.builtIn();
    RiskCatalog risks = RiskCatalog.builtIn();
    return List.of(
        new ClusterAdminGranted(risks),
        new AnonymousAccessBinding(),
        new WildcardInRole(),
        new NamespaceWithoutPodSecurityEnforce(),
        new ServiceAccountAutomountsToken(),
        new SecurityWebhookFailsOpen(),
        new UnsupportedKubernetesVersion(releases, settings.today()),
        new KubeletVersionSkew(releases),
        new NodeWithExternalIp(),
        new KubeletAnonymousAuth(),
        new KubeletAuthorizationAlwaysAllow(),
        new KubeletReadOnlyPort(),
        new KubeletStreamingTimeoutDisabled(),
        new KubeletKernelDefaultsUnprotected(),
        new KubeletIptablesChainsUnmanaged(),
        new KubeletCertificateRotationDisabled());
  }
}
