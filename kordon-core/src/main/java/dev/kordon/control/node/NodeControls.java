package dev.kordon.control.node;

import static dev.kordon.node.Component.API_SERVER;
import static dev.kordon.node.Component.CONTROLLER_MANAGER;
import static dev.kordon.node.Component.ETCD;
import static dev.kordon.node.Component.SCHEDULER;

import dev.kordon.control.Control;
import dev.kordon.control.ControlInfo;
import dev.kordon.control.ControlSettings;
import dev.kordon.model.Severity;
import dev.kordon.node.Component;
import dev.kordon.node.NodeFileRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CIS Kubernetes Benchmark v1.12.0 Automated items of sections 1 to 4 (KOR-0300 to 0379), one
 * control per item. Items that differ only in the flag or file they read share a judging class and
 * are declared here as data, as pod-security checks are in {@code PssControls}: the ids are fixed
 * forever, never derived from a position. The kubelet's items 4.2.1, 4.2.2, 4.2.6 and 4.2.10 are
 * the older KubeletConfiguration controls of {@code control.cluster} (KOR-0110 onwards), which
 * judge the node's effective configuration as they judge configz.
 */
public final class NodeControls {
  private NodeControls() {}

  private static final List<String> APISERVER_DEFAULT_PLUGINS =
      List.of(
          "NamespaceLifecycle",
          "LimitRanger",
          "ServiceAccount",
          "TaintNodesByCondition",
          "PodSecurity",
          "Priority",
          "DefaultTolerationSeconds",
          "DefaultStorageClass",
          "StorageObjectInUseProtection",
          "PersistentVolumeClaimResize",
          "RuntimeClass",
          "CertificateApproval",
          "CertificateSigning",
          "ClusterTrustBundleAttest",
          "CertificateSubjectRestriction",
          "DefaultIngressClass",
          "MutatingAdmissionPolicy",
          "MutatingAdmissionWebhook",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionWebhook",
          "ResourceQuota");

  /**
   * The cipher suites CIS 1.2.29 and 4.2.12 accept: TLS 1.3, and ECDHE with AES-GCM or ChaCha20.
   */
  static final Set<String> STRONG_CIPHERS =
      Set.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  public static List<Control> all(ControlSettings settings) {
    List<Control> out = new ArrayList<>();
    files(out);
    apiServer(out);
    controllerManagerAndScheduler(out);
    etcd(out);
    out.add(new KubeletClientCaMissing());
    out.add(new KubeletWeakCipherSuite());
    out.add(new KubeProxyMetricsExposed());
    out.add(new SecretsNotEncryptedAtRest());
    out.add(new WeakSecretsEncryption());
    out.add(new AuditPolicyFileMissing());
    return List.copyOf(out);
  }

  /**
   * Whether a control judges what {@code kordon node} reads: it carries a reference to CIS sections
   * 1 to 4 (control plane, etcd, control-plane configuration, worker node).
   */
  public static boolean judgesNode(ControlInfo info) {
    for (String item : info.refs("cis")) {
      if (item.startsWith("1.")
          || item.startsWith("2.")
          || item.startsWith("3.")
          || item.startsWith("4.")) {
        return true;
      }
    }
    return false;
  }

  private static ControlInfo info(
      String id,
      String cis,
      String title,
      Severity severity,
      String description,
      String remediation,
      String kind,
      String... refs) {
    List<String> all = new ArrayList<>();
    all.add("cis:" + cis);
    all.addAll(List.of(refs));
    return ControlInfo.builder(id)
        .title(title)
        .severity(severity)
        .description(description)
        .remediation(remediation)
        .kinds(kind)
        .refs(all.toArray(String[]::new))
        .build();
  }

  // ---- 1.1 and 4.1: file modes and owners ----

  private static void mode(
      List<Control> out,
      String id,
      String cis,
      String what,
      int allowed,
      Severity severity,
      String mitre,
      NodeFileRole... roles) {
    String octal = String.format("%o", allowed);
    out.add(
        new NodeFileControl(
            info(
                id,
                cis,
                "Permissions of the " + what + " too open",
                severity,
                "The "
                    + what
                    + " should allow at most mode "
                    + octal
                    + ": anyone on the node who can "
                    + (allowed == 0700 ? "enter it" : "read or write it")
                    + " beyond that can read credentials or change how the cluster runs.",
                "Run chmod " + octal + " (or stricter) on the " + what + ".",
                "NodeFile",
                mitre),
            Set.of(roles),
            new NodeFileControl.ModeWithin(allowed)));
  }

  private static void owner(
      List<Control> out,
      String id,
      String cis,
      String what,
      String user,
      Severity severity,
      String mitre,
      NodeFileRole... roles) {
    out.add(
        new NodeFileControl(
            info(
                id,
                cis,
                "Owner of the " + what + " not " + user + ":" + user,
                severity,
                "The "
                    + what
                    + " should belong to "
                    + user
                    + ":"
                    + user
                    + ", as named by the node's own /etc/passwd and /etc/group; another owner can change it or grant access to it.",
                "Run chown " + user + ":" + user + " on the " + what + ".",
                "NodeFile",
                mitre),
            Set.of(roles),
            new NodeFileControl.OwnedBy(user, user)));
  }

  private static void files(List<Control> out) {
    String t1610 = "mitre:T1610";
    String t1552 = "mitre:T1552.001";
    mode(
        out,
        "KOR-0300",
        "1.1.1",
        "kube-apiserver pod manifest",
        0600,
        Severity.MEDIUM,
        t1610,
        NodeFileRole.APISERVER_MANIFEST);
    owner(
        out,
        "KOR-0301",
        "1.1.2",
        "kube-apiserver pod manifest",
        "root",
        Severity.MEDIUM,
        t1610,
        NodeFileRole.APISERVER_MANIFEST);
    mode(
        out,
        "KOR-0302",
        "1.1.3",
        "kube-controller-manager pod manifest",
        0600,
        Severity.MEDIUM,
        t1610,
        NodeFileRole.CONTROLLER_MANAGER_MANIFEST);
    owner(
        out,
        "KOR-0303",
        "1.1.4",
        "kube-controller-manager pod manifest",
        "root",
        Severity.MEDIUM,
        t1610,
        NodeFileRole.CONTROLLER_MANAGER_MANIFEST);
    mode(
        out,
        "KOR-0304",
        "1.1.5",
        "kube-scheduler pod manifest",
        0600,
        Severity.MEDIUM,
        t1610,
        NodeFileRole.SCHEDULER_MANIFEST);
    owner(
        out,
        "KOR-0305",
        "1.1.6",
        "kube-scheduler pod manifest",
        "root",
        Severity.MEDIUM,
        t1610,
        NodeFileRole.SCHEDULER_MANIFEST);
    mode(
        out,
        "KOR-0306",
        "1.1.7",
        "etcd pod manifest",
        0600,
        Severity.MEDIUM,
        t1610,
        NodeFileRole.ETCD_MANIFEST);
    owner(
        out,
        "KOR-0307",
        "1.1.8",
        "etcd pod manifest",
        "root",
        Severity.MEDIUM,
        t1610,
        NodeFileRole.ETCD_MANIFEST);
    mode(
        out,
        "KOR-0308",
        "1.1.11",
        "etcd data directory",
        0700,
        Severity.HIGH,
        t1552,
        NodeFileRole.ETCD_DATA_DIR);
    owner(
        out,
        "KOR-0309",
        "1.1.12",
        "etcd data directory",
        "etcd",
        Severity.LOW,
        t1552,
        NodeFileRole.ETCD_DATA_DIR);
    mode(
        out,
        "KOR-0310",
        "1.1.13",
        "admin kubeconfig",
        0600,
        Severity.HIGH,
        t1552,
        NodeFileRole.ADMIN_KUBECONFIG);
    owner(
        out,
        "KOR-0311",
        "1.1.14",
        "admin kubeconfig",
        "root",
        Severity.HIGH,
        t1552,
        NodeFileRole.ADMIN_KUBECONFIG);
    mode(
        out,
        "KOR-0312",
        "1.1.15",
        "kube-scheduler kubeconfig",
        0600,
        Severity.MEDIUM,
        t1552,
        NodeFileRole.SCHEDULER_KUBECONFIG);
    owner(
        out,
        "KOR-0313",
        "1.1.16",
        "kube-scheduler kubeconfig",
        "root",
        Severity.MEDIUM,
        t1552,
        NodeFileRole.SCHEDULER_KUBECONFIG);
    mode(
        out,
        "KOR-0314",
        "1.1.17",
        "kube-controller-manager kubeconfig",
        0600,
        Severity.MEDIUM,
        t1552,
        NodeFileRole.CONTROLLER_MANAGER_KUBECONFIG);
    owner(
        out,
        "KOR-0315",
        "1.1.18",
        "kube-controller-manager kubeconfig",
        "root",
        Severity.MEDIUM,
        t1552,
        NodeFileRole.CONTROLLER_MANAGER_KUBECONFIG);
    owner(
        out,
        "KOR-0316",
        "1.1.19",
        "Kubernetes PKI directory and its files",
        "root",
        Severity.HIGH,
        t1552,
        NodeFileRole.PKI);
    mode(
        out,
        "KOR-0317",
        "4.1.1",
        "kubelet service file",
        0600,
        Severity.MEDIUM,
        t1610,
        NodeFileRole.KUBELET_UNIT);
    owner(
        out,
        "KOR-0318",
        "4.1.2",
        "kubelet service file",
        "root",
        Severity.MEDIUM,
        t1610,
        NodeFileRole.KUBELET_UNIT);
    mode(
        out,
        "KOR-0319",
        "4.1.5",
        "kubelet kubeconfig",
        0600,
        Severity.MEDIUM,
        t1552,
        NodeFileRole.KUBELET_KUBECONFIG);
    owner(
        out,
        "KOR-0320",
        "4.1.6",
        "kubelet kubeconfig",
        "root",
        Severity.MEDIUM,
        t1552,
        NodeFileRole.KUBELET_KUBECONFIG);
    mode(
        out,
        "KOR-0321",
        "4.1.9",
        "kubelet config file",
        0600,
        Severity.MEDIUM,
        t1610,
        NodeFileRole.KUBELET_CONFIG);
    owner(
        out,
        "KOR-0322",
        "4.1.10",
        "kubelet config file",
        "root",
        Severity.MEDIUM,
        t1610,
        NodeFileRole.KUBELET_CONFIG);
  }

  // ---- 1.2 to 1.4 and 2: component flags ----

  private static void flag(
      List<Control> out,
      String id,
      String cis,
      Component component,
      String title,
      Severity severity,
      String description,
      String remediation,
      FlagRule rule,
      String... refs) {
    out.add(
        new ComponentFlagControl(
            info(id, cis, title, severity, description, remediation, "Pod", refs),
            component,
            rule));
  }

  private static void apiServer(List<Control> out) {
    flag(
        out,
        "KOR-0325",
        "1.2.2",
        API_SERVER,
        "API server accepts static token file",
        Severity.HIGH,
        "--token-auth-file keeps bearer tokens in plaintext on the control plane; they never expire and cannot be revoked without a restart.",
        "Remove --token-auth-file and authenticate with certificates, OIDC or service account tokens.",
        new FlagRule.Unset("token-auth-file"),
        "nsa:rbac",
        "mitre:T1078");
    flag(
        out,
        "KOR-0326",
        "1.2.4",
        API_SERVER,
        "API server without kubelet client certificate",
        Severity.HIGH,
        "Without --kubelet-client-certificate and --kubelet-client-key the API server cannot authenticate to kubelets, which then must accept unauthenticated calls.",
        "Set --kubelet-client-certificate and --kubelet-client-key on kube-apiserver.",
        new FlagRule.AllSet(List.of("kubelet-client-certificate", "kubelet-client-key")),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0327",
        "1.2.5",
        API_SERVER,
        "API server does not verify kubelet certificates",
        Severity.MEDIUM,
        "Without --kubelet-certificate-authority the API server does not verify the kubelet's serving certificate, so exec and log streams can be intercepted.",
        "Set --kubelet-certificate-authority to the CA that signs kubelet serving certificates.",
        new FlagRule.AllSet(List.of("kubelet-certificate-authority")),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0328",
        "1.2.6",
        API_SERVER,
        "API server authorizes every request",
        Severity.CRITICAL,
        "--authorization-mode with AlwaysAllow (the default when unset) lets every authenticated request through, whatever RBAC says.",
        "Set --authorization-mode=Node,RBAC (without AlwaysAllow).",
        new FlagRule.Lacks("authorization-mode", "AlwaysAllow", List.of("AlwaysAllow")),
        "nsa:rbac",
        "mitre:T1078");
    flag(
        out,
        "KOR-0329",
        "1.2.7",
        API_SERVER,
        "API server without Node authorization",
        Severity.MEDIUM,
        "Without the Node authorizer a kubelet's credentials can read every Secret and Pod, not only those of its own node.",
        "Add Node to --authorization-mode (e.g. --authorization-mode=Node,RBAC).",
        new FlagRule.Contains("authorization-mode", "Node", List.of("AlwaysAllow")),
        "nsa:rbac",
        "mitre:T1078");
    flag(
        out,
        "KOR-0330",
        "1.2.8",
        API_SERVER,
        "API server without RBAC authorization",
        Severity.HIGH,
        "Without RBAC in --authorization-mode, Roles and bindings are ignored.",
        "Add RBAC to --authorization-mode (e.g. --authorization-mode=Node,RBAC).",
        new FlagRule.Contains("authorization-mode", "RBAC", List.of("AlwaysAllow")),
        "nsa:rbac",
        "mitre:T1078");
    flag(
        out,
        "KOR-0331",
        "1.2.10",
        API_SERVER,
        "API server admits every request",
        Severity.HIGH,
        "The AlwaysAdmit admission plugin turns admission control off.",
        "Remove AlwaysAdmit from --enable-admission-plugins.",
        new FlagRule.Lacks("enable-admission-plugins", "AlwaysAdmit", List.of()),
        "nsa:pod-security",
        "mitre:T1610");
    flag(
        out,
        "KOR-0332",
        "1.2.12",
        API_SERVER,
        "API server ServiceAccount admission disabled",
        Severity.MEDIUM,
        "Without the ServiceAccount admission plugin pods are not bound to service accounts and tokens are not managed.",
        "Remove ServiceAccount from --disable-admission-plugins.",
        new FlagRule.Lacks("disable-admission-plugins", "ServiceAccount", List.of()),
        "nsa:service-account-tokens",
        "mitre:T1528");
    flag(
        out,
        "KOR-0333",
        "1.2.13",
        API_SERVER,
        "API server NamespaceLifecycle admission disabled",
        Severity.MEDIUM,
        "Without NamespaceLifecycle, objects can be created in namespaces being deleted or that do not exist.",
        "Remove NamespaceLifecycle from --disable-admission-plugins.",
        new FlagRule.Lacks("disable-admission-plugins", "NamespaceLifecycle", List.of()),
        "nsa:pod-security");
    flag(
        out,
        "KOR-0334",
        "1.2.14",
        API_SERVER,
        "API server without NodeRestriction admission",
        Severity.MEDIUM,
        "Without NodeRestriction a kubelet may modify any Node and Pod object, and label itself into workloads meant for other nodes.",
        "Add NodeRestriction to --enable-admission-plugins.",
        new FlagRule.Contains(
            "enable-admission-plugins", "NodeRestriction", APISERVER_DEFAULT_PLUGINS),
        "nsa:rbac",
        "mitre:T1078");
    flag(
        out,
        "KOR-0335",
        "1.2.15",
        API_SERVER,
        "API server profiling enabled",
        Severity.LOW,
        "Profiling (on by default) exposes /debug/pprof, which reveals program internals and can be used to slow the API server.",
        "Set --profiling=false on kube-apiserver.",
        new FlagRule.Bool("profiling", false, true),
        "mitre:T1613");
    flag(
        out,
        "KOR-0336",
        "1.2.16",
        API_SERVER,
        "API server audit log not written",
        Severity.MEDIUM,
        "Without --audit-log-path no audit log is kept, and nobody can tell afterwards who did what.",
        "Set --audit-log-path (and --audit-policy-file) on kube-apiserver.",
        new FlagRule.AllSet(List.of("audit-log-path")),
        "nsa:audit-logging",
        "mitre:T1562");
    flag(
        out,
        "KOR-0337",
        "1.2.17",
        API_SERVER,
        "API server audit log kept too briefly",
        Severity.LOW,
        "--audit-log-maxage below 30 days deletes audit history before most incidents are found.",
        "Set --audit-log-maxage=30 or more.",
        new FlagRule.AtLeast("audit-log-maxage", 30),
        "nsa:audit-logging",
        "mitre:T1562");
    flag(
        out,
        "KOR-0338",
        "1.2.18",
        API_SERVER,
        "API server keeps too few audit log files",
        Severity.LOW,
        "--audit-log-maxbackup below 10 rotates audit history away quickly.",
        "Set --audit-log-maxbackup=10 or more.",
        new FlagRule.AtLeast("audit-log-maxbackup", 10),
        "nsa:audit-logging",
        "mitre:T1562");
    flag(
        out,
        "KOR-0339",
        "1.2.19",
        API_SERVER,
        "API server audit log files too small",
        Severity.LOW,
        "--audit-log-maxsize below 100 MB rotates audit logs so often that history is lost.",
        "Set --audit-log-maxsize=100 or more.",
        new FlagRule.AtLeast("audit-log-maxsize", 100),
        "nsa:audit-logging",
        "mitre:T1562");
    flag(
        out,
        "KOR-0340",
        "1.2.21",
        API_SERVER,
        "API server does not look up service accounts",
        Severity.MEDIUM,
        "With --service-account-lookup=false, tokens of deleted service accounts stay valid.",
        "Remove --service-account-lookup=false (the default is true).",
        new FlagRule.Bool("service-account-lookup", true, true),
        "nsa:service-account-tokens",
        "mitre:T1528");
    flag(
        out,
        "KOR-0341",
        "1.2.22",
        API_SERVER,
        "API server without service account key file",
        Severity.MEDIUM,
        "Without --service-account-key-file the API server verifies tokens with its TLS key, so the keys cannot be rotated apart.",
        "Set --service-account-key-file to the public key matching the controller manager's --service-account-private-key-file.",
        new FlagRule.AllSet(List.of("service-account-key-file")),
        "nsa:service-account-tokens",
        "mitre:T1528");
    flag(
        out,
        "KOR-0342",
        "1.2.23",
        API_SERVER,
        "API server talks to etcd without a client certificate",
        Severity.HIGH,
        "Without --etcd-certfile and --etcd-keyfile the API server cannot authenticate to etcd, which then has to accept anyone.",
        "Set --etcd-certfile and --etcd-keyfile on kube-apiserver.",
        new FlagRule.AllSet(List.of("etcd-certfile", "etcd-keyfile")),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0343",
        "1.2.24",
        API_SERVER,
        "API server without its own TLS certificate",
        Severity.HIGH,
        "Without --tls-cert-file and --tls-private-key-file the API server serves a self-signed certificate that clients cannot verify.",
        "Set --tls-cert-file and --tls-private-key-file on kube-apiserver.",
        new FlagRule.AllSet(List.of("tls-cert-file", "tls-private-key-file")),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0344",
        "1.2.25",
        API_SERVER,
        "API server without client CA file",
        Severity.HIGH,
        "Without --client-ca-file no client certificate is accepted, which disables certificate authentication for kubelets and components.",
        "Set --client-ca-file to the cluster CA.",
        new FlagRule.AllSet(List.of("client-ca-file")),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0345",
        "1.2.26",
        API_SERVER,
        "API server does not verify etcd's certificate",
        Severity.HIGH,
        "Without --etcd-cafile the API server does not verify etcd's certificate, so its traffic to etcd can be intercepted.",
        "Set --etcd-cafile to the etcd CA.",
        new FlagRule.AllSet(List.of("etcd-cafile")),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0346",
        "1.2.30",
        API_SERVER,
        "API server extends service account token lifetime",
        Severity.LOW,
        "--service-account-extend-token-expiration (on by default) lets projected tokens live a year instead of their requested lifetime, so stolen tokens stay useful.",
        "Set --service-account-extend-token-expiration=false on kube-apiserver.",
        new FlagRule.Bool("service-account-extend-token-expiration", false, true),
        "nsa:service-account-tokens",
        "mitre:T1528");
    flag(
        out,
        "KOR-0347",
        "1.2.29",
        API_SERVER,
        "API server allows weak TLS cipher suites",
        Severity.MEDIUM,
        "--tls-cipher-suites listing a suite without forward secrecy or authenticated encryption (RSA key exchange, CBC, 3DES, RC4) lets a network attacker downgrade or decrypt API traffic.",
        "Limit --tls-cipher-suites to TLS 1.3 suites and ECDHE suites with AES-GCM or ChaCha20, or remove the flag.",
        new FlagRule.AllIn("tls-cipher-suites", STRONG_CIPHERS),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0375",
        "1.2.27",
        API_SERVER,
        "API server without encryption at rest",
        Severity.HIGH,
        "Without --encryption-provider-config every Secret is stored in etcd, and in its backups, in plaintext.",
        "Set --encryption-provider-config to an EncryptionConfiguration that encrypts secrets.",
        new FlagRule.AllSet(List.of("encryption-provider-config")),
        "nsa:secrets",
        "mitre:T1552.001");
    flag(
        out,
        "KOR-0378",
        "3.2.1",
        API_SERVER,
        "API server without audit policy",
        Severity.MEDIUM,
        "Without --audit-policy-file the API server records no audit events at all.",
        "Set --audit-policy-file to an audit Policy (and --audit-log-path).",
        new FlagRule.AllSet(List.of("audit-policy-file")),
        "nsa:audit-logging",
        "mitre:T1562");
  }

  private static void controllerManagerAndScheduler(List<Control> out) {
    flag(
        out,
        "KOR-0350",
        "1.3.2",
        CONTROLLER_MANAGER,
        "Controller manager profiling enabled",
        Severity.LOW,
        "Profiling (on by default) exposes /debug/pprof on the controller manager.",
        "Set --profiling=false on kube-controller-manager.",
        new FlagRule.Bool("profiling", false, true),
        "mitre:T1613");
    flag(
        out,
        "KOR-0351",
        "1.3.3",
        CONTROLLER_MANAGER,
        "Controller manager shares one credential across controllers",
        Severity.MEDIUM,
        "Without --use-service-account-credentials=true (false by default) every controller runs with the controller manager's own broad identity instead of a least-privilege service account each.",
        "Set --use-service-account-credentials=true on kube-controller-manager.",
        new FlagRule.Bool("use-service-account-credentials", true, false),
        "nsa:rbac",
        "mitre:T1078");
    flag(
        out,
        "KOR-0352",
        "1.3.4",
        CONTROLLER_MANAGER,
        "Controller manager without service account private key",
        Severity.MEDIUM,
        "Without --service-account-private-key-file service account tokens are not signed with a key of their own, so they cannot be rotated apart from TLS keys.",
        "Set --service-account-private-key-file on kube-controller-manager.",
        new FlagRule.AllSet(List.of("service-account-private-key-file")),
        "nsa:service-account-tokens",
        "mitre:T1528");
    flag(
        out,
        "KOR-0353",
        "1.3.5",
        CONTROLLER_MANAGER,
        "Controller manager without root CA file",
        Severity.MEDIUM,
        "Without --root-ca-file pods receive no CA bundle and cannot verify the API server they talk to.",
        "Set --root-ca-file to the cluster CA on kube-controller-manager.",
        new FlagRule.AllSet(List.of("root-ca-file")),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0354",
        "1.3.6",
        CONTROLLER_MANAGER,
        "Kubelet server certificate rotation disabled",
        Severity.LOW,
        "--feature-gates=RotateKubeletServerCertificate=false stops kubelet serving certificates from being renewed.",
        "Remove RotateKubeletServerCertificate=false from --feature-gates.",
        new FlagRule.MapNot("feature-gates", "RotateKubeletServerCertificate", "false"),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0355",
        "1.3.7",
        CONTROLLER_MANAGER,
        "Controller manager listens beyond localhost",
        Severity.MEDIUM,
        "--bind-address other than 127.0.0.1 (0.0.0.0 by default) exposes the controller manager's health, metrics and profiling endpoints to the network.",
        "Set --bind-address=127.0.0.1 on kube-controller-manager.",
        new FlagRule.OneOf("bind-address", Set.of("127.0.0.1"), "0.0.0.0"),
        "mitre:T1613");
    flag(
        out,
        "KOR-0356",
        "1.4.1",
        SCHEDULER,
        "Scheduler profiling enabled",
        Severity.LOW,
        "Profiling (on by default) exposes /debug/pprof on the scheduler.",
        "Set --profiling=false on kube-scheduler.",
        new FlagRule.Bool("profiling", false, true),
        "mitre:T1613");
    flag(
        out,
        "KOR-0357",
        "1.4.2",
        SCHEDULER,
        "Scheduler listens beyond localhost",
        Severity.MEDIUM,
        "--bind-address other than 127.0.0.1 (0.0.0.0 by default) exposes the scheduler's endpoints to the network.",
        "Set --bind-address=127.0.0.1 on kube-scheduler.",
        new FlagRule.OneOf("bind-address", Set.of("127.0.0.1"), "0.0.0.0"),
        "mitre:T1613");
  }

  private static void etcd(List<Control> out) {
    flag(
        out,
        "KOR-0360",
        "2.1",
        ETCD,
        "Plaintext etcd client traffic",
        Severity.HIGH,
        "Without --cert-file and --key-file etcd serves clients over plain HTTP: the whole cluster state, Secrets included, crosses the network readable.",
        "Set --cert-file and --key-file on etcd.",
        new FlagRule.AllSet(List.of("cert-file", "key-file")),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0361",
        "2.2",
        ETCD,
        "Unauthenticated etcd clients accepted",
        Severity.CRITICAL,
        "Without --client-cert-auth=true (false by default) anyone who reaches etcd's client port can read and write every object, Secrets included.",
        "Set --client-cert-auth=true on etcd.",
        new FlagRule.Bool("client-cert-auth", true, false),
        "nsa:tls",
        "mitre:T1552.001");
    flag(
        out,
        "KOR-0362",
        "2.3",
        ETCD,
        "Self-signed etcd client certificates",
        Severity.MEDIUM,
        "--auto-tls=true makes etcd generate self-signed certificates that clients cannot verify.",
        "Remove --auto-tls or set it to false on etcd.",
        new FlagRule.Bool("auto-tls", false, false),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0363",
        "2.4",
        ETCD,
        "Plaintext etcd peer traffic",
        Severity.HIGH,
        "Without --peer-cert-file and --peer-key-file etcd members replicate the cluster state in plaintext.",
        "Set --peer-cert-file and --peer-key-file on etcd.",
        new FlagRule.AllSet(List.of("peer-cert-file", "peer-key-file")),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0364",
        "2.5",
        ETCD,
        "Unauthenticated etcd peers accepted",
        Severity.HIGH,
        "Without --peer-client-cert-auth=true (false by default) anything that reaches the peer port can join or read replication traffic.",
        "Set --peer-client-cert-auth=true on etcd.",
        new FlagRule.Bool("peer-client-cert-auth", true, false),
        "nsa:tls",
        "mitre:T1557");
    flag(
        out,
        "KOR-0365",
        "2.6",
        ETCD,
        "Self-signed etcd peer certificates",
        Severity.MEDIUM,
        "--peer-auto-tls=true makes etcd generate self-signed peer certificates that members cannot verify.",
        "Remove --peer-auto-tls or set it to false on etcd.",
        new FlagRule.Bool("peer-auto-tls", false, false),
        "nsa:tls",
        "mitre:T1557");
  }
}
