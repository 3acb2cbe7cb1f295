package dev.kordon.node;

import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one node: the control-plane static pods, the kubelet (unit, drop-ins, config file), the
 * files CIS sections 1 and 4 name with their modes and owners, and the files the API server's flags
 * point to. The result is plain objects for the engine (the static pods as Pods, the kubelet's
 * effective configuration as a KubeletConfiguration, files as NodeFiles) plus notes: an absent
 * component is one note, an unreadable file a note naming it and what was missing. It judges
 * nothing.
 */
public final class NodeInventory {

  public static final String MANIFESTS = "etc/kubernetes/manifests";
  public static final String PKI = "etc/kubernetes/pki";
  private static final int MAX_PKI_ENTRIES = 10_000;

  /**
   * What was found.
   *
   * @param components the control-plane components whose static pod was found
   * @param kubelet whether a kubelet (unit or config file) was found
   */
  public record Result(
      List<KubeObject> objects,
      List<ScanError> problems,
      Set<Component> components,
      boolean kubelet) {
    public Result {
      objects = List.copyOf(objects);
      problems = List.copyOf(problems);
      components = Set.copyOf(components);
    }

    public boolean controlPlane() {
      return !components.isEmpty();
    }
  }

  private final NodeTree tree;
  private final ManifestReader reader = new ManifestReader();
  private final List<KubeObject> objects = new ArrayList<>();
  private final List<ScanError> problems = new ArrayList<>();
  private final Set<String> filed = new LinkedHashSet<>();
  private Accounts accounts = Accounts.NONE;

  private NodeInventory(NodeTree tree) {
    this.tree = tree;
  }

  public static Result read(NodeTree tree) {
    return new NodeInventory(tree).run();
  }

  private Result run() {
    accounts = readAccounts();
    Map<Component, ComponentContainer> found = staticPods();
    for (Component c : Component.values()) {
      if (!found.containsKey(c)) {
        problems.add(
            ScanError.note(
                MANIFESTS,
                0,
                c.binary()
                    + ": no static pod manifest found; its checks (CIS "
                    + c.cisSection()
                    + ") were not run"));
      }
    }
    if (!found.isEmpty()) {
      controlPlaneFiles(found);
    }
    boolean kubelet = kubelet();
    kubeProxy();
    return new Result(objects, problems, found.keySet(), kubelet);
  }

  private Accounts readAccounts() {
    NodeTree.Read passwd = tree.read("etc/passwd");
    NodeTree.Read group = tree.read("etc/group");
    if (passwd instanceof NodeTree.Text p && group instanceof NodeTree.Text g) {
      return Accounts.parse(p.text(), g.text());
    }
    problems.add(
        ScanError.note(
            "etc/passwd",
            0,
            "the node's etc/passwd or etc/group cannot be read: owners other than uid 0 are shown"
                + " as numbers"));
    return Accounts.NONE;
  }

  /** The static pods under etc/kubernetes/manifests, by component; each manifest is filed. */
  private Map<Component, ComponentContainer> staticPods() {
    Map<Component, ComponentContainer> found = new EnumMap<>(Component.class);
    for (String path : tree.list(MANIFESTS)) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (!(name.endsWith(".yaml")
          || name.endsWith(".yml")
          || name.endsWith(".json")
          || name.endsWith(".manifest"))) {
        continue;
      }
      Optional<ReadResult> read = readManifest(path);
      Optional<Component> component = Optional.empty();
      if (read.isPresent()) {
        for (KubeObject o : read.get().objects()) {
          Optional<ComponentContainer> cc = ComponentContainer.of(o);
          if (cc.isPresent() && !found.containsKey(cc.get().component())) {
            found.put(cc.get().component(), cc.get());
            component = Optional.of(cc.get().component());
          }
          objects.add(o);
        }
      }
      if (component.isEmpty()) {
        // an unreadable manifest is still judged by its name, as kube-bench finds it
        String stem = name.substring(0, name.lastIndexOf('.'));
        component = Component.byBinary(stem);
      }
      component.ifPresent(c -> file(NodeFileRole.manifestOf(c), path));
    }
    return found;
  }

  private Optional<ReadResult> readManifest(String path) {
    NodeTree.Read read = tree.read(path);
    if (read instanceof NodeTree.Unreadable u) {
      problems.add(ScanError.note(u.nodePath(), 0, u.why()));
      return Optional.empty();
    }
    if (!(read instanceof NodeTree.Text t)) {
      return Optional.empty();
    }
    ReadResult r = reader.read(t.nodePath(), t.text());
    problems.addAll(r.problems());
    return Optional.of(r);
  }

  private void controlPlaneFiles(Map<Component, ComponentContainer> found) {
    file(NodeFileRole.ADMIN_KUBECONFIG, "etc/kubernetes/admin.conf");
    if (tree.resolve("etc/kubernetes/super-admin.conf") instanceof NodeTree.Found) {
      file(NodeFileRole.ADMIN_KUBECONFIG, "etc/kubernetes/super-admin.conf");
    }
    ComponentContainer etcd = found.get(Component.ETCD);
    if (etcd != null) {
      // etcd's own default is ./<name>.etcd; every installer sets --data-dir
      String dir =
          etcd.flags().last("data-dir").map(Flags.Occurrence::value).orElse("/var/lib/etcd");
      file(NodeFileRole.ETCD_DATA_DIR, dir);
    }
    kubeconfigOf(
        found.get(Component.SCHEDULER),
        NodeFileRole.SCHEDULER_KUBECONFIG,
        "etc/kubernetes/scheduler.conf");
    kubeconfigOf(
        found.get(Component.CONTROLLER_MANAGER),
        NodeFileRole.CONTROLLER_MANAGER_KUBECONFIG,
        "etc/kubernetes/controller-manager.conf");
    pki();
    ComponentContainer api = found.get(Component.API_SERVER);
    if (api != null) {
      referencedConfig(api, "audit-policy-file", NodeFileRole.AUDIT_POLICY);
      referencedConfig(api, "encryption-provider-config", NodeFileRole.ENCRYPTION_CONFIG);
      referencedConfig(api, "admission-control-config-file", null);
    }
  }

  private void kubeconfigOf(ComponentContainer c, NodeFileRole role, String fallback) {
    if (c == null) {
      return;
    }
    file(role, c.flags().last("kubeconfig").map(Flags.Occurrence::value).orElse(fallback));
  }

  /** Every entry under the PKI directory, owner and mode only: keys are never read. */
  private void pki() {
    if (!tree.isDirectory(PKI)) {
      return;
    }
    List<String> pending = new ArrayList<>(List.of(PKI));
    int n = 0;
    while (!pending.isEmpty() && n < MAX_PKI_ENTRIES) {
      String p = pending.remove(0);
      file(NodeFileRole.PKI, p);
      n++;
      if (tree.isDirectory(p)) {
        pending.addAll(tree.list(p));
      }
    }
    if (!pending.isEmpty()) {
      problems.add(
          ScanError.note(
              PKI, 0, "more than " + MAX_PKI_ENTRIES + " entries: the rest were not judged"));
    }
  }

  /**
   * A file an API server flag names: filed (present or not), and its content read as an object when
   * it is a Kubernetes config kind (EncryptionConfiguration, audit Policy, AdmissionConfiguration),
   * so that controls and linters can judge it.
   */
  private void referencedConfig(ComponentContainer api, String flag, NodeFileRole role) {
    Optional<Flags.Occurrence> o = api.flags().last(flag);
    if (o.isEmpty()) {
      return;
    }
    String path = NodeTree.normalize(o.get().value());
    if (role != null) {
      file(role, path);
    }
    NodeTree.Read read = tree.read(path);
    if (read instanceof NodeTree.Unreadable u) {
      problems.add(ScanError.note(u.nodePath(), 0, "--" + flag + " file " + u.why()));
    } else if (read instanceof NodeTree.Text t) {
      ReadResult r = reader.read(t.nodePath(), t.text());
      problems.addAll(r.problems());
      objects.addAll(r.objects());
    }
  }

  /** The kubelet: its unit files, flags, config file, kubeconfig and client CA. */
  private boolean kubelet() {
    SystemdUnit.Command unit = SystemdUnit.read(tree, "kubelet.service", problems);
    for (String f : unit.files()) {
      file(NodeFileRole.KUBELET_UNIT, f);
    }
    Flags flags = Flags.parse(unit.texts());
    Optional<String> configPath = flags.last("config").map(Flags.Occurrence::value);
    if (unit.words().isEmpty() && configPath.isEmpty()) {
      if (tree.resolve("var/lib/kubelet/config.yaml") instanceof NodeTree.Found) {
        configPath = Optional.of("/var/lib/kubelet/config.yaml");
        problems.add(
            ScanError.note(
                "var/lib/kubelet/config.yaml",
                0,
                "kubelet: no systemd unit with an ExecStart found; judging its config file alone"));
      } else {
        problems.add(
            ScanError.note(
                "etc/systemd/system",
                0,
                "kubelet: no systemd unit or config file found; its checks (CIS 4.1, 4.2) were not"
                    + " run"));
        return false;
      }
    }
    Optional<KubeObject> config = Optional.empty();
    if (configPath.isPresent()) {
      String path = NodeTree.normalize(configPath.get());
      file(NodeFileRole.KUBELET_CONFIG, path);
      NodeTree.Read read = tree.read(path);
      if (read instanceof NodeTree.Text t) {
        ReadResult r = reader.read(t.nodePath(), t.text());
        problems.addAll(r.problems());
        config =
            r.objects().stream().filter(o -> o.kind().equals("KubeletConfiguration")).findFirst();
      } else if (read instanceof NodeTree.Unreadable u) {
        problems.add(ScanError.note(u.nodePath(), 0, "kubelet config file " + u.why()));
      } else {
        problems.add(ScanError.note(path, 0, "kubelet --config names a file that does not exist"));
      }
    }
    KubeObject effective =
        KubeletEffectiveConfig.build(
            config, unit.words(), unit.execStart(), "kubelet of this node");
    objects.add(effective);
    file(
        NodeFileRole.KUBELET_KUBECONFIG,
        flags
            .last("kubeconfig")
            .map(Flags.Occurrence::value)
            .orElse("/etc/kubernetes/kubelet.conf"));
    String ca =
        effective.raw().path("authentication").path("x509").path("clientCAFile").asString("");
    if (!ca.isEmpty()) {
      file(NodeFileRole.KUBELET_CLIENT_CA, ca);
    }
    return true;
  }

  /** kube-proxy, when it runs from the host (kubeadm runs it as a DaemonSet with a ConfigMap). */
  private void kubeProxy() {
    boolean any = false;
    for (String p :
        List.of("var/lib/kube-proxy/config.conf", "etc/kubernetes/kube-proxy-config.yaml")) {
      NodeTree.Read read = tree.read(p);
      if (read instanceof NodeTree.Text t) {
        any = true;
        ReadResult r = reader.read(t.nodePath(), t.text());
        problems.addAll(r.problems());
        objects.addAll(r.objects());
        break;
      }
    }
    for (String p : List.of("var/lib/kube-proxy/kubeconfig.conf", "etc/kubernetes/proxy.conf")) {
      if (tree.resolve(p) instanceof NodeTree.Found) {
        any = true;
        file(NodeFileRole.PROXY_KUBECONFIG, p);
      }
    }
    if (!any) {
      problems.add(
          ScanError.note(
              "var/lib/kube-proxy",
              0,
              "kube-proxy: no configuration on the host (kubeadm runs it as a DaemonSet); its"
                  + " check (CIS 4.3.1) was not run here"));
    }
  }

  /** Files one path under a role; a path is filed once, under the first role that names it. */
  private void file(NodeFileRole role, String path) {
    String p = NodeTree.normalize(path);
    if (!filed.add(p)) {
      return;
    }
    objects.add(NodeFiles.of(role, p, tree.stat(p, accounts)));
  }
}
