package dev.kordon.node;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The container of a control-plane static pod (a manifest file, or its mirror pod in {@code
 * kube-system} read from the API) and its command line: {@code command} followed by {@code args},
 * each word with its JSON pointer so that a finding names the flag's line.
 *
 * @param container the container's pointer ({@code /spec/containers/0})
 */
public record ComponentContainer(
    Component component,
    KubeObject pod,
    JsonPointer container,
    List<String> words,
    List<JsonPointer> pointers,
    Flags flags) {

  public ComponentContainer {
    words = List.copyOf(words);
    pointers = List.copyOf(pointers);
  }

  public static final String NAMESPACE = "kube-system";

  /**
   * The component container of a Pod in kube-system: the container whose command names a component
   * binary, else, when the pod carries a {@code component} label naming one (as kubeadm labels its
   * static pods), the container of that name or the first one.
   */
  public static Optional<ComponentContainer> of(KubeObject pod) {
    if (!pod.kind().equals("Pod") || !pod.namespace().equals(NAMESPACE)) {
      return Optional.empty();
    }
    JsonNode containers = pod.at(JsonPointer.of("spec", "containers"));
    if (!containers.isArray() || containers.isEmpty()) {
      return Optional.empty();
    }
    for (int i = 0; i < containers.size(); i++) {
      JsonNode c = containers.get(i);
      JsonNode first = c.path("command").isArray() ? c.path("command").path(0) : c.path("x");
      if (first.isString()) {
        Optional<Component> byCommand = Component.byBinary(first.stringValue());
        if (byCommand.isPresent()) {
          return Optional.of(build(byCommand.get(), pod, i, c));
        }
      }
    }
    Optional<Component> byLabel =
        Optional.ofNullable(pod.labels().get("component")).flatMap(Component::byBinary);
    if (byLabel.isEmpty()) {
      return Optional.empty();
    }
    int index = 0;
    for (int i = 0; i < containers.size(); i++) {
      if (containers.get(i).path("name").asString("").equals(byLabel.get().binary())) {
        index = i;
      }
    }
    return Optional.of(build(byLabel.get(), pod, index, containers.get(index)));
  }

  private static ComponentContainer build(Component component, KubeObject pod, int i, JsonNode c) {
    JsonPointer base = JsonPointer.of("spec", "containers", Integer.toString(i));
    List<String> words = new ArrayList<>();
    List<JsonPointer> pointers = new ArrayList<>();
    for (String field : List.of("command", "args")) {
      JsonNode list = c.path(field);
      if (!list.isArray()) {
        continue;
      }
      for (int j = 0; j < list.size(); j++) {
        if (list.get(j).isValueNode()) {
          words.add(list.get(j).asString(""));
          pointers.add(base.append(field, Integer.toString(j)));
        }
      }
    }
    return new ComponentContainer(component, pod, base, words, pointers, Flags.parse(words));
  }

  /** The pointer of the word holding an occurrence's value (its flag, for {@code --f=v}). */
  public JsonPointer pointer(Flags.Occurrence o) {
    return pointers.get(o.valueArg());
  }

  /** Where a finding about an unset flag points: the command (or args) list, else the container. */
  public JsonPointer commandPointer() {
    return pointers.isEmpty() ? container.append("name") : pointers.get(0).parent();
  }
}
