package dev.kordon.control.workload;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.Optional;

/**
 * Which service account a pod runs as and whether its token is mounted, decided as the API server
 * does: the pod's {@code automountServiceAccountToken} wins; when the pod is silent, the
 * ServiceAccount's field decides; when both are silent the token is mounted.
 *
 * @param account the service account name ({@code default} when none is named)
 * @param accountField the field naming it, or the missing {@code serviceAccountName}
 * @param accountObject the ServiceAccount object when it is in the snapshot
 * @param mounted whether the token ends up mounted
 * @param mountField the pod's {@code automountServiceAccountToken} (possibly missing)
 * @param podDecides whether the pod sets the field itself
 */
record ServiceAccountToken(
    String account,
    JsonPointer accountField,
    Optional<KubeObject> accountObject,
    boolean mounted,
    JsonPointer mountField,
    boolean podDecides) {

  static ServiceAccountToken of(PodSpecView pod, Snapshot snapshot) {
    JsonPointer accountField = pod.field("serviceAccountName");
    String account = pod.object().text(accountField).orElse("");
    if (account.isEmpty()) {
      JsonPointer deprecated = pod.field("serviceAccount");
      String old = pod.object().text(deprecated).orElse("");
      if (!old.isEmpty()) {
        account = old;
        accountField = deprecated;
      }
    }
    if (account.isEmpty()) {
      account = "default";
    }
    Optional<KubeObject> sa = snapshot.find("ServiceAccount", pod.namespace(), account);
    JsonPointer mountField = pod.field("automountServiceAccountToken");
    Optional<Boolean> podSays = pod.object().bool(mountField);
    boolean mounted;
    if (podSays.isPresent()) {
      mounted = podSays.get();
    } else {
      mounted =
          sa.flatMap(o -> o.bool(JsonPointer.of("automountServiceAccountToken"))).orElse(true);
    }
    return new ServiceAccountToken(
        account, accountField, sa, mounted, mountField, podSays.isPresent());
  }
}
