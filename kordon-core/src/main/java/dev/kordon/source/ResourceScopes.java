package dev.kordon.source;

import dev.kordon.model.KubeObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which kinds have no namespace: Kubernetes' built-in cluster-scoped kinds (data in {@code
 * kubernetes/cluster-scoped-kinds.txt}) and the custom kinds that a CustomResourceDefinition among
 * the inputs declares {@code scope: Cluster}. Every other kind is namespaced, as kubectl assumes
 * for a custom resource it knows nothing about.
 */
public final class ResourceScopes {

  private static final String RESOURCE = "/kubernetes/cluster-scoped-kinds.txt";

  private static final ResourceScopes BUILT_IN = new ResourceScopes(readBuiltIn());

  /** {@code group/Kind}; the core group is empty. */
  private final Set<String> clusterScoped;

  private ResourceScopes(Set<String> clusterScoped) {
    this.clusterScoped = Set.copyOf(clusterScoped);
  }

  /** Kubernetes' built-in kinds only. */
  public static ResourceScopes builtIn() {
    return BUILT_IN;
  }

  /** The built-in kinds plus those that the CustomResourceDefinitions among {@code objects} add. */
  public static ResourceScopes of(List<KubeObject> objects) {
    // copied only when a CRD adds to it: the webhook resolves one object per request
    Set<String> kinds = null;
    for (KubeObject o : objects) {
      if (!o.kind().equals("CustomResourceDefinition")
          || !o.apiVersion().startsWith("apiextensions.k8s.io/")) {
        continue;
      }
      String group = o.raw().path("spec").path("group").asString("");
      String kind = o.raw().path("spec").path("names").path("kind").asString("");
      if (!kind.isEmpty() && o.raw().path("spec").path("scope").asString("").equals("Cluster")) {
        if (kinds == null) {
          kinds = new HashSet<>(BUILT_IN.clusterScoped);
        }
        kinds.add(group + "/" + kind);
      }
    }
    return kinds == null || kinds.size() == BUILT_IN.clusterScoped.size()
        ? BUILT_IN
        : new ResourceScopes(kinds);
  }

  /** Whether objects of this apiVersion and kind have no namespace. */
  public boolean clusterScoped(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return clusterScoped.contains(group + "/" + kind);
  }

  private static Set<String> readBuiltIn() {
    Set<String> out = new HashSet<>();
    try (InputStream in = ResourceScopes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        if (entry.indexOf('/') < 0) {
          throw new IllegalStateException(RESOURCE + ": not group/Kind: " + entry);
        }
        out.add(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
