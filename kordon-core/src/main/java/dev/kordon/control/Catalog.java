package dev.kordon.control;

import dev.kordon.control.cluster.ClusterControls;
import dev.kordon.control.image.ImageControls;
import dev.kordon.control.network.NetworkControls;
import dev.kordon.control.network.NetworkPolicyControls;
import dev.kordon.control.pss.PssControls;
import dev.kordon.control.rbac.RbacControls;
import dev.kordon.control.secrets.SecretControls;
import dev.kordon.control.workload.ResourceControls;
import dev.kordon.control.workload.WorkloadControls;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controls of a scan, validated once: ids and alt-ids unique. Built-ins are an explicit list
 * per topic package; there is no classpath scanning.
 */
public final class Catalog {

  private final List<Control> controls;
  private final Map<String, Control> byId;

  private Catalog(List<Control> controls) {
    Map<String, Control> ids = new LinkedHashMap<>();
    for (Control c : controls) {
      register(ids, c.info().id(), c);
      for (String alt : c.info().altIds()) {
        register(ids, alt, c);
      }
    }
    this.controls = List.copyOf(controls);
    this.byId = Collections.unmodifiableMap(ids);
  }

  private static void register(Map<String, Control> ids, String id, Control c) {
    Control previous = ids.putIfAbsent(id, c);
    if (previous != null) {
      throw new IllegalArgumentException(
          "duplicate control id "
              + id
              + " ("
              + c.getClass().getSimpleName()
              + " and "
              + previous.getClass().getSimpleName()
              + ")");
    }
  }

  public static Catalog of(List<? extends Control> controls) {
    return new Catalog(new ArrayList<>(controls));
  }

  /** Every built-in control, configured. */
  public static Catalog builtIn(ControlSettings settings) {
    List<Control> all = new ArrayList<>();
    all.addAll(WorkloadControls.all(settings));
    all.addAll(ResourceControls.all(settings));
    all.addAll(ImageControls.all(settings));
    all.addAll(SecretControls.all(settings));
    all.addAll(NetworkControls.all(settings));
    all.addAll(NetworkPolicyControls.all(settings));
    all.addAll(ClusterControls.all(settings));
    all.addAll(RbacControls.all(settings));
    all.addAll(PssControls.all(settings));
    return new Catalog(all);
  }

  public static Catalog builtIn() {
    return builtIn(ControlSettings.DEFAULT);
  }

  /** A catalog with more controls (user rules) after these. */
  public Catalog plus(List<? extends Control> more) {
    List<Control> all = new ArrayList<>(controls);
    all.addAll(more);
    return new Catalog(all);
  }

  public List<Control> controls() {
    return controls;
  }

  /** The control with this id or alt-id. */
  public Optional<Control> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<ControlInfo> infos() {
    return controls.stream().map(Control::info).toList();
  }
}
