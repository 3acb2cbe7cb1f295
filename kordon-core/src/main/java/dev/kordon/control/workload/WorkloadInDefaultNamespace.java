package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Set;

/**
 * A user-created namespaced object of any kind whose {@code metadata.namespace} is explicitly
 * {@code default}. Manifests without a namespace are in {@code default} by the one namespace rule
 * ({@code dev.kordon.source.DefaultNamespace}), but are not reported: they land wherever {@code
 * kubectl -n} or the Helm release puts them. Objects that controllers or the API server derive
 * (Endpoints, Events, leases, anything with a controller owner) and the objects every cluster has
 * in {@code default} are not reported either: the user did not place them.
 */
public final class WorkloadInDefaultNamespace implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0058")
          .title("Object in the default namespace")
          .severity(Severity.LOW)
          .description(
              "The default namespace is where everything without a home ends up: policies,"
                  + " quotas and RBAC scoped to it cover unrelated workloads, and a mistake in"
                  + " one application's manifests reaches the others.")
          .remediation("Create a namespace per application or team and deploy the object there.")
          .kinds("*")
          .refs("cis:5.7.4", "cis:5.7.1")
          .peers("kubescape:C-0061", "kubescape:C-0212", "trivy:KSV-0110")
          .build();

  private static final String DEFAULT = "default";

  private static final JsonPointer NAMESPACE = JsonPointer.of("metadata", "namespace");

  /** Kinds that controllers or the API server write, never a user's manifest. */
  private static final Set<String> DERIVED_KINDS =
      Set.of("Endpoints", "EndpointSlice", "Lease", "Event", "ControllerRevision");

  /** {@code Kind/name} of the objects the control plane creates in {@code default} itself. */
  private static final Set<String> BUILT_IN_OBJECTS =
      Set.of("Service/kubernetes", "ServiceAccount/default", "ConfigMap/kube-root-ca.crt");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  /** Every user-created namespaced object, so that the ones elsewhere count as passing. */
  @Override
  public boolean appliesTo(KubeObject object) {
    return !object.namespace().isEmpty()
        && !DERIVED_KINDS.contains(object.kind())
        && !BUILT_IN_OBJECTS.contains(object.kind() + "/" + object.name())
        && !controlled(object);
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    if (!appliesTo(object) || !object.namespace().equals(DEFAULT) || !object.namespaceExplicit()) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            object,
            NAMESPACE,
            object.kind() + " \"" + object.name() + "\" is in namespace \"default\""));
  }

  /** Whether a controller made the object (a ReplicaSet's Pod, a Deployment's ReplicaSet). */
  private static boolean controlled(KubeObject object) {
    for (var owner : object.raw().path("metadata").path("ownerReferences")) {
      if (owner.path("controller").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }
}
