package dev.kordon.control.node;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.node.Component;
import dev.kordon.node.ComponentContainer;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/**
 * One CIS item about a control-plane component's flags, judged on its static pod: a manifest under
 * {@code etc/kubernetes/manifests} read by {@code kordon node} or {@code kordon scan}, or the
 * mirror pod in kube-system read by {@code kordon scan --cluster}. All three give the same finding
 * at the same field.
 */
final class ComponentFlagControl implements ObjectControl {

  private final ControlInfo info;
  private final Component component;
  private final FlagRule rule;

  ComponentFlagControl(ControlInfo info, Component component, FlagRule rule) {
    this.info = info;
    this.component = component;
    this.rule = rule;
  }

  @Override
  public ControlInfo info() {
    return info;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("Pod") && object.namespace().equals(ComponentContainer.NAMESPACE);
  }

  @Override
  public List<Finding> check(KubeObject pod, Snapshot snapshot) {
    Optional<ComponentContainer> c =
        ComponentContainer.of(pod).filter(x -> x.component() == component);
    if (c.isEmpty()) {
      return List.of();
    }
    return rule.judge(c.get())
        .map(v -> List.of(info.finding(pod, v.at(), v.message())))
        .orElse(List.of());
  }
}
