package dev.kordon.node;

import java.util.Optional;

/** The control-plane components that run as static pods, by the name of their binary. */
public enum Component {
  API_SERVER("kube-apiserver", "1.2"),
  CONTROLLER_MANAGER("kube-controller-manager", "1.3"),
  SCHEDULER("kube-scheduler", "1.4"),
  ETCD("etcd", "2");

  private final String binary;
  private final String cisSection;

  Component(String binary, String cisSection) {
    this.binary = binary;
    this.cisSection = cisSection;
  }

  /** The binary, which kubeadm also uses as the {@code component} label and the manifest name. */
  public String binary() {
    return binary;
  }

  /** The CIS section of its flag checks. */
  public String cisSection() {
    return cisSection;
  }

  public static Optional<Component> byBinary(String word) {
    String base = word.substring(word.lastIndexOf('/') + 1);
    for (Component c : values()) {
      if (c.binary.equals(base)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
