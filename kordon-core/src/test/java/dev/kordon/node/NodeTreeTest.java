package dev.kordon.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.ScanError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a node tree: links stay inside the root, units follow systemd, flags follow pflag. */
class NodeTreeTest {

  @TempDir Path root;

  private void write(String path, String text) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  @Test
  void absoluteLinksResolveUnderTheRootAndEscapingLinksAreNotFollowed() throws IOException {
    write("etc/kubernetes/pki/real.crt", "x");
    Files.createDirectories(root.resolve("etc/kubernetes/certs"));
    Files.createSymbolicLink(
        root.resolve("etc/kubernetes/certs/ca.crt"), Path.of("/etc/kubernetes/pki/real.crt"));
    Files.createSymbolicLink(
        root.resolve("etc/kubernetes/certs/escape"), Path.of("../../../../../../etc/hostname"));
    NodeTree tree = NodeTree.at(root);
    assertThat(tree.resolve("etc/kubernetes/certs/ca.crt"))
        .isEqualTo(
            new NodeTree.Found(
                "etc/kubernetes/pki/real.crt", root.resolve("etc/kubernetes/pki/real.crt")));
    assertThat(tree.read("etc/kubernetes/certs/escape"))
        .isInstanceOfSatisfying(
            NodeTree.Unreadable.class, u -> assertThat(u.why()).contains("leaves the node root"));
    assertThat(tree.read("etc/kubernetes/nothing")).isInstanceOf(NodeTree.Absent.class);
  }

  @Test
  void dropInsApplyInSystemdOrderWithVariablesExpanded() throws IOException {
    write("lib/systemd/system/kubelet.service", "[Service]\nExecStart=/usr/bin/kubelet --v=2\n");
    write(
        "lib/systemd/system/kubelet.service.d/10-kubeadm.conf",
        "[Service]\nEnvironment=\"A=--anonymous-auth=false --config=/c.yaml\"\n"
            + "EnvironmentFile=-/etc/default/kubelet\nExecStart=\nExecStart=/usr/bin/kubelet $A $B ${C}\n");
    // same name in a directory of higher priority replaces the lower one entirely
    write(
        "etc/systemd/system/kubelet.service.d/10-kubeadm.conf",
        "[Service]\nEnvironment=\"A=--anonymous-auth=true\"\nExecStart=\n"
            + "ExecStart=/usr/bin/kubelet $A \\\n  $B --c=${C}\n");
    write("etc/systemd/system/kubelet.service.d/20-b.conf", "[Service]\nEnvironment=B=--b=1 C=x\n");
    write("etc/default/kubelet", "B=\"--b=2 --read-only-port 10255\"\n");
    List<ScanError> problems = new ArrayList<>();
    SystemdUnit.Command c = SystemdUnit.read(NodeTree.at(root), "kubelet.service", problems);
    assertThat(c.files())
        .containsExactly(
            "lib/systemd/system/kubelet.service",
            "etc/systemd/system/kubelet.service.d/10-kubeadm.conf",
            "etc/systemd/system/kubelet.service.d/20-b.conf");
    assertThat(c.texts())
        .containsExactly("/usr/bin/kubelet", "--anonymous-auth=true", "--b=1", "--c=x");
    assertThat(c.words().get(1).at().toString())
        .isEqualTo("etc/systemd/system/kubelet.service.d/10-kubeadm.conf:2:1");
    assertThat(problems).isEmpty();
  }

  @Test
  void environmentFilesOverrideEnvironment() throws IOException {
    write(
        "usr/lib/systemd/system/kubelet.service",
        "[Service]\nEnvironment=B=--b=1\nEnvironmentFile=/etc/default/kubelet\n"
            + "ExecStart=/usr/bin/kubelet $B\n");
    write("etc/default/kubelet", "# comment\nB=\"--b=2 --read-only-port 10255\"\n");
    SystemdUnit.Command c =
        SystemdUnit.read(NodeTree.at(root), "kubelet.service", new ArrayList<>());
    assertThat(c.texts()).containsExactly("/usr/bin/kubelet", "--b=2", "--read-only-port", "10255");
    assertThat(c.words().get(1).at().toString()).isEqualTo("etc/default/kubelet:2:1");
  }

  @Test
  void flagsFollowPflag() {
    Flags f =
        Flags.parse(
            List.of(
                "kube-apiserver",
                "--profiling",
                "false",
                "--audit-log-maxage",
                "30",
                "--enable-admission-plugins=A,B",
                "--enable-admission-plugins=C",
                "-v=2",
                "--audit-log-maxage=7"));
    assertThat(f.last("profiling").orElseThrow().value()).isEqualTo("true");
    assertThat(f.last("audit-log-maxage").orElseThrow().value()).isEqualTo("7");
    assertThat(f.items("enable-admission-plugins"))
        .extracting(Flags.Item::value)
        .containsExactly("A", "B", "C");
    assertThat(f.last("v").orElseThrow().value()).isEqualTo("2");
  }

  @Test
  void aKubeletWithoutConfigFileTakesTheFlagDefaults() throws IOException {
    write("etc/systemd/system/kubelet.service", "[Service]\nExecStart=/usr/bin/kubelet --v=2\n");
    NodeInventory.Result r = NodeInventory.read(NodeTree.at(root));
    var config =
        r.objects().stream().filter(o -> o.kind().equals("KubeletConfiguration")).findFirst();
    assertThat(config).isPresent();
    assertThat(
            config.get().raw().path("authentication").path("anonymous").path("enabled").asBoolean())
        .isTrue();
    assertThat(config.get().raw().path("readOnlyPort").asInt()).isEqualTo(10255);
    assertThat(
            config
                .get()
                .locate(dev.kordon.model.JsonPointer.of("readOnlyPort"))
                .orElseThrow()
                .toString())
        .isEqualTo("etc/systemd/system/kubelet.service:2:1");
  }

  @Test
  void encryptionKeysAreNeverKept() throws IOException {
    write(
        "etc/kubernetes/manifests/kube-apiserver.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\n"
            + "spec:\n  containers:\n  - name: kube-apiserver\n    image: x\n    command:\n"
            + "    - kube-apiserver\n    - --encryption-provider-config=/etc/kubernetes/enc.yaml\n");
    write(
        "etc/kubernetes/enc.yaml",
        "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n"
            + "- resources: [secrets]\n  providers:\n  - aescbc:\n      keys:\n"
            + "      - name: k\n        secret: c2VjcmV0LWtleS1tYXRlcmlhbA==\n");
    NodeInventory.Result r = NodeInventory.read(NodeTree.at(root));
    assertThat(r.objects()).anyMatch(o -> o.kind().equals("EncryptionConfiguration"));
    assertThat(r.objects().toString()).doesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA==");
  }
}
