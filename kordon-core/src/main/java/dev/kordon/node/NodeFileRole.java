package dev.kordon.node;

/** What a file on the node is to Kubernetes; the CIS items about its mode and owner follow. */
public enum NodeFileRole {
  APISERVER_MANIFEST("manifest/kube-apiserver"),
  CONTROLLER_MANAGER_MANIFEST("manifest/kube-controller-manager"),
  SCHEDULER_MANIFEST("manifest/kube-scheduler"),
  ETCD_MANIFEST("manifest/etcd"),
  ETCD_DATA_DIR("etcd-data-dir"),
  ADMIN_KUBECONFIG("kubeconfig/admin"),
  SCHEDULER_KUBECONFIG("kubeconfig/scheduler"),
  CONTROLLER_MANAGER_KUBECONFIG("kubeconfig/controller-manager"),
  PKI("pki"),
  KUBELET_UNIT("kubelet-unit"),
  KUBELET_KUBECONFIG("kubeconfig/kubelet"),
  KUBELET_CONFIG("kubelet-config"),
  KUBELET_CLIENT_CA("kubelet-client-ca"),
  PROXY_KUBECONFIG("kubeconfig/kube-proxy"),
  AUDIT_POLICY("audit-policy"),
  ENCRYPTION_CONFIG("encryption-config");

  private final String word;

  NodeFileRole(String word) {
    this.word = word;
  }

  /** The role as written in a NodeFile's {@code spec.role}. */
  public String word() {
    return word;
  }

  public static NodeFileRole manifestOf(Component c) {
    switch (c) {
      case API_SERVER:
        return APISERVER_MANIFEST;
      case CONTROLLER_MANAGER:
        return CONTROLLER_MANAGER_MANIFEST;
      case SCHEDULER:
        return SCHEDULER_MANIFEST;
      default:
        return ETCD_MANIFEST;
    }
  }
}
