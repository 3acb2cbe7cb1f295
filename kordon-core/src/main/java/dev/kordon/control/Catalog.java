package dev.kordon.control;

import dev.kordon.control.cluster.ClusterControls;
import dev.kordon.control.image.ImageControls;
import dev.kordon.control.network.NetworkControls;
import dev.kordon.control.network.NetworkPolicyControls;
import dev.kordon.control.node.NodeControls;
import dev.kordon.control.pss.PssControls;
import dev.kordon.control.rbac.RbacControls;
import dev.kordon.control.secrets.SecretControls;
import dev.kordon.control.workload.ResourceControls;
import dev.kordon.control.workload.WorkloadControls;
import dev.kordon.pss.PssCheck;
import dev.kordon.pss.PssChecks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controls of a scan, validated once: ids and alt-ids unique, and what each control declares
 * consistent with what it is (see {@link #validate}). Built-ins are an explicit list per topic
 * package; there is no classpath scanning.
 */
public final class Catalog {

  private final List<Control> controls;
  private final Map<String, Control> byId;

  private static final Map<String, PssCheck> PSS_CHECKS = pssChecks();

  private static Map<String, PssCheck> pssChecks() {
    Map<String, PssCheck> out = new LinkedHashMap<>();
    for (PssCheck c : PssChecks.all()) {
      out.put(c.id(), c);
    }
    return Collections.unmodifiableMap(out);
  }

  private Catalog(List<Control> controls) {
    Map<String, Control> ids = new LinkedHashMap<>();
    Map<String, Control> pssReporters = new LinkedHashMap<>();
    for (Control c : controls) {
      validate(c);
      if (c.info().family() == ControlFamily.POD_SECURITY) {
        Control previous = pssReporters.putIfAbsent(c.info().pssChecks().get(0), c);
        if (previous != null) {
          throw new IllegalArgumentException(
              "PSS check "
                  + c.info().pssChecks().get(0)
                  + " is reported by two Pod Security controls: "
                  + previous.info().id()
                  + " and "
                  + c.info().id());
        }
      }
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

  /**
   * What a control declares must agree with what it is: a snapshot-wide scope belongs to a {@link
   * SnapshotControl} alone; a SnapshotControl cannot judge one object in context; every PSS check
   * it names exists, is judged on pod specs and carries its framework reference {@code
   * pss:<level>/<id>}, so that the pss-baseline and pss-restricted scores count its failures.
   */
  private static void validate(Control c) {
    ControlInfo info = c.info();
    boolean snapshotWide = c instanceof SnapshotControl;
    if (info.scope() == ControlScope.SNAPSHOT && !snapshotWide) {
      throw new IllegalArgumentException(
          info.id() + ": declares scope SNAPSHOT but is not a SnapshotControl");
    }
    if (info.scope() == ControlScope.OBJECT_IN_SNAPSHOT && snapshotWide) {
      throw new IllegalArgumentException(
          info.id() + ": a SnapshotControl judges the whole snapshot, not one object in it");
    }
    for (String check : info.pssChecks()) {
      PssCheck pss = PSS_CHECKS.get(check);
      if (pss == null) {
        throw new IllegalArgumentException(
            info.id()
                + ": names unknown PSS check "
                + check
                + " (known: "
                + PSS_CHECKS.keySet()
                + ")");
      }
      if (!(c instanceof PodControl)) {
        throw new IllegalArgumentException(
            info.id() + ": names PSS check " + check + " but does not judge pod specs");
      }
      String ref = "pss:" + pss.level().word() + "/" + check;
      if (!info.refs().contains(ref)) {
        throw new IllegalArgumentException(
            info.id() + ": names PSS check " + check + " but lacks its reference " + ref);
      }
    }
  }

  /** What the control's verdict reads: declared, or {@link ControlScope#SNAPSHOT} by its type. */
  public static ControlScope scope(Control c) {
    return c instanceof SnapshotControl ? ControlScope.SNAPSHOT : c.info().scope();
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
    all.addAll(NodeControls.all(settings));
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
