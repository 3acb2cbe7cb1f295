package dev.kordon.cluster;

import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.model.ScanError;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads what the controls need from a live cluster through the Kubernetes API: discovery first,
 * then every kind listed concurrently page by page ({@code limit}/{@code continue}), each object
 * compacted before it is kept. Secrets are listed as metadata only. Read-only: only {@code get} and
 * {@code list} requests are ever sent.
 */
public final class ClusterSource implements AutoCloseable {

  /** The kind of the synthetic object holding the API server's {@code /version}. */
  public static final String SERVER_VERSION_KIND = "ServerVersion";

  /** Its apiVersion: Kordon's own, since the API has no such object. */
  public static final String SERVER_VERSION_API = "kordon.dev/v1alpha1";

  /** The kind (and apiVersion) of a node's kubelet configuration read through configz. */
  public static final String KUBELET_CONFIG_KIND = "KubeletConfiguration";

  public static final String KUBELET_CONFIG_API = "kubelet.config.k8s.io/v1beta1";

  static final String METADATA_ONLY =
      "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

  private static final String JSON = "application/json";
  private static final long REQUEST_TIMEOUT_SECONDS = 120;

  private final KubernetesClient client;
  private final boolean ownsClient;
  private final String context;
  private final ClusterOptions options;
  private final JsonMapper json = JsonMapper.builder().nodeFactory(new SharedStrings()).build();

  private ClusterSource(
      KubernetesClient client, boolean ownsClient, String context, ClusterOptions options) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.context = context;
    this.options = options;
  }

  /**
   * Connects as kubectl would: an explicit kubeconfig, else the {@code KUBECONFIG} list or {@code
   * ~/.kube/config} (exec credential plugins included), else the in-cluster service account.
   */
  public static ClusterSource connect(ClusterOptions options) {
    String wanted = options.context().isEmpty() ? null : options.context();
    if (options.kubeconfig().isEmpty() && !configured()) {
      throw new ClusterUnreachable(
          "no Kubernetes configuration: no kubeconfig at "
              + String.join(", ", Config.getKubeconfigFilenames())
              + " and not running in a pod; pass --kubeconfig",
          null);
    }
    if (!options.kubeconfig().isEmpty() && !new File(options.kubeconfig()).isFile()) {
      throw new ClusterUnreachable("kubeconfig " + options.kubeconfig() + " does not exist", null);
    }
    Config config;
    try {
      config =
          options.kubeconfig().isEmpty()
              ? Config.autoConfigure(wanted)
              : Config.fromKubeconfig(wanted, new File(options.kubeconfig()));
    } catch (RuntimeException e) {
      throw new ClusterUnreachable(
          "cannot load the Kubernetes configuration"
              + (options.kubeconfig().isEmpty() ? "" : " from " + options.kubeconfig())
              + ": "
              + message(e),
          e);
    }
    if (wanted != null
        && (config.getCurrentContext() == null
            || !wanted.equals(config.getCurrentContext().getName()))) {
      throw new ClusterUnreachable("no context \"" + wanted + "\" in the kubeconfig", null);
    }
    // a scan should fail fast on a dead server rather than back off for minutes
    config.setRequestRetryBackoffLimit(1);
    String name =
        config.getCurrentContext() != null ? config.getCurrentContext().getName() : "in-cluster";
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    return new ClusterSource(client, true, name, options);
  }

  /** The client, for {@link ManifestApplier}, which connects the same way. */
  KubernetesClient client() {
    return client;
  }

  /** A kubeconfig exists where kubectl would look, or this runs in a pod. */
  private static boolean configured() {
    for (String file : Config.getKubeconfigFilenames()) {
      if (new File(file).isFile()) {
        return true;
      }
    }
    return System.getenv("KUBERNETES_SERVICE_HOST") != null
        && new File(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH).isFile();
  }

  /** Reads through a client someone else owns (tests, an embedding application). */
  public static ClusterSource using(
      KubernetesClient client, String context, ClusterOptions options) {
    return new ClusterSource(client, false, context, options);
  }

  public String context() {
    return context;
  }

  /** The API server's address, for messages. */
  public String server() {
    return client.getMasterUrl().toString();
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  /**
   * The registry credentials a pull secret holds, as a Docker config JSON ({@code
   * .dockerconfigjson}, or a legacy {@code .dockercfg} wrapped as {@code {"auths": ...}}), for
   * reading the images of the workloads that name it. Empty when the Secret does not exist or is of
   * another type. The values are never logged or put in a message.
   *
   * @throws PullSecretUnreadable when the API refuses or fails (the message names the Secret)
   */
  public Optional<String> pullSecret(String namespace, String name) {
    io.fabric8.kubernetes.api.model.Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (RuntimeException e) {
      throw new PullSecretUnreadable(
          "cannot read pull secret " + namespace + "/" + name + ": " + message(e));
    }
    if (secret == null || secret.getData() == null) {
      return Optional.empty();
    }
    java.util.Base64.Decoder b64 = java.util.Base64.getMimeDecoder();
    String json = secret.getData().get(".dockerconfigjson");
    if (json != null) {
      return Optional.of(new String(b64.decode(json), StandardCharsets.UTF_8));
    }
    String legacy = secret.getData().get(".dockercfg");
    if (legacy != null) {
      return Optional.of(
          "{\"auths\":" + new String(b64.decode(legacy), StandardCharsets.UTF_8) + "}");
    }
    return Optional.empty();
  }

  /** A pull secret the API would not hand over; the message names it, never its content. */
  public static final class PullSecretUnreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PullSecretUnreadable(String message) {
      super(message);
    }
  }

  /** One HTTP answer: status and body. */
  private record Answer(int code, byte[] body) {
    boolean ok() {
      return code >= 200 && code < 300;
    }
  }

  /** What one listing task produced. */
  private record Listed(
      List<KubeObject> objects,
      List<ScanError> notes,
      List<DeniedListing> denied,
      long received,
      long judgedByOwner,
      boolean notServed) {}

  /**
   * Reads every scanned kind. Throws {@link ClusterUnreachable} when the server cannot be reached
   * or rejects the credentials; any narrower failure becomes a note or a {@link DeniedListing}.
   */
  public ClusterRead read(ListingListener listener) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.parallelism(),
            r -> {
              Thread t = new Thread(r, "kordon-list");
              t.setDaemon(true);
              return t;
            });
    try {
      return read(listener, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private ClusterRead read(ListingListener listener, ExecutorService pool) {
    List<ScanError> notes = new ArrayList<>();
    List<DeniedListing> denied = new ArrayList<>();
    List<KubeObject> objects = new ArrayList<>();

    Answer version = send("/version", JSON, true);
    serverVersion(version, notes).ifPresent(objects::add);

    Map<String, CompletableFuture<Optional<Set<String>>>> discovery = new LinkedHashMap<>();
    for (ResourceKind k : ResourceKind.SCANNED) {
      discovery.computeIfAbsent(
          k.discoveryPath(), p -> CompletableFuture.supplyAsync(() -> discover(p), pool));
    }

    List<ResourceKind> kinds = new ArrayList<>();
    for (ResourceKind k : ResourceKind.SCANNED) {
      Optional<Set<String>> served = discovery.get(k.discoveryPath()).join();
      if (served.isPresent() && !served.get().contains(k.resource())) {
        if (!k.optional()) {
          notes.add(
              note(
                  "the server does not serve "
                      + k.rbacResource()
                      + " ("
                      + k.apiVersion()
                      + "); controls on "
                      + k.kind()
                      + " had nothing to judge"));
        }
        continue;
      }
      kinds.add(k);
    }

    List<CompletableFuture<Listed>> tasks = new ArrayList<>();
    List<ResourceKind> taskKinds = new ArrayList<>();
    for (ResourceKind k : kinds) {
      listener.started(k.kind());
      if (k.namespaced() && !options.namespaces().isEmpty()) {
        for (String ns : options.namespaces()) {
          tasks.add(CompletableFuture.supplyAsync(() -> list(k, ns, listener), pool));
          taskKinds.add(k);
        }
      } else {
        tasks.add(CompletableFuture.supplyAsync(() -> list(k, "", listener), pool));
        taskKinds.add(k);
      }
    }

    long received = 0;
    long dropped = 0;
    Set<String> onlyNamespaces = new HashSet<>(options.namespaces());
    List<KubeObject> nodes = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      Listed l = join(tasks.get(i));
      ResourceKind k = taskKinds.get(i);
      received += l.received();
      dropped += l.judgedByOwner();
      notes.addAll(l.notes());
      denied.addAll(l.denied());
      if (l.notServed() && !k.optional()) {
        notes.add(note("the server does not serve " + k.rbacResource() + "; skipped"));
      }
      for (KubeObject o : l.objects()) {
        if (k.kind().equals("Namespace")
            && !onlyNamespaces.isEmpty()
            && !onlyNamespaces.contains(o.name())) {
          continue;
        }
        if (options.excludedNamespaces().excludes(o)) {
          continue;
        }
        objects.add(o);
        if (k.kind().equals("Node")) {
          nodes.add(o);
        }
      }
      if (i + 1 == tasks.size() || taskKinds.get(i + 1) != k) {
        listener.finished(k.kind());
      }
    }
    if (dropped > 0) {
      notes.add(
          note(
              dropped
                  + " pods, replica sets and jobs managed by a controller were judged through"
                  + " their controller's template"));
    }

    if (options.kubeletConfig()) {
      objects.addAll(kubeletConfigs(nodes, notes, denied, listener, pool));
    }
    return new ClusterRead(context, objects, notes, denied, received);
  }

  private Optional<KubeObject> serverVersion(Answer version, List<ScanError> notes) {
    if (!version.ok()) {
      notes.add(
          note(
              "cannot read the server version (HTTP "
                  + version.code()
                  + "); version controls had nothing to judge"));
      return Optional.empty();
    }
    JsonNode info = parse(version.body());
    ObjectNode tree = json.createObjectNode();
    tree.put("apiVersion", SERVER_VERSION_API);
    tree.put("kind", SERVER_VERSION_KIND);
    tree.putObject("metadata").put("name", "kube-apiserver");
    ObjectNode status = tree.putObject("status");
    for (String field : List.of("major", "minor", "gitVersion", "platform")) {
      status.put(field, info.path(field).asString(""));
    }
    return Optional.of(KubeObject.of(tree, new Origin.Cluster(context, "")));
  }

  /** The resources a group version serves; empty Optional when discovery could not tell. */
  private Optional<Set<String>> discover(String path) {
    Answer a = send(path, JSON, false);
    if (a.code() == 404) {
      return Optional.of(Set.of());
    }
    if (!a.ok()) {
      return Optional.empty();
    }
    Set<String> names = new HashSet<>();
    for (JsonNode r : parse(a.body()).path("resources")) {
      String name = r.path("name").asString("");
      if (!name.contains("/")) {
        names.add(name);
      }
    }
    return Optional.of(names);
  }

  private Listed list(ResourceKind kind, String namespace, ListingListener listener) {
    List<KubeObject> kept = new ArrayList<>();
    List<ScanError> notes = new ArrayList<>();
    long received = 0;
    long byOwner = 0;
    String accept = kind.metadataOnly() ? METADATA_ONLY : JSON;
    String cont = "";
    boolean restarted = false;
    while (true) {
      String path =
          kind.listPath(namespace)
              + "?limit="
              + options.pageSize()
              + (cont.isEmpty()
                  ? ""
                  : "&continue=" + URLEncoder.encode(cont, StandardCharsets.UTF_8));
      Answer a = send(path, accept, false);
      if (a.code() == 403) {
        return new Listed(
            kept,
            notes,
            List.of(new DeniedListing(kind.kind(), "list", kind.rbacResource(), namespace)),
            received,
            byOwner,
            false);
      }
      if (a.code() == 404 && cont.isEmpty()) {
        return new Listed(List.of(), notes, List.of(), 0, 0, true);
      }
      if (a.code() == 410 && !restarted) {
        // the continue token expired (the list took longer than etcd keeps history): start over
        restarted = true;
        kept.clear();
        received = 0;
        byOwner = 0;
        cont = "";
        continue;
      }
      if (a.code() == 406 && kind.metadataOnly()) {
        notes.add(
            note(
                "the server cannot list "
                    + kind.rbacResource()
                    + " as metadata only; they were not read (Kordon never reads Secret values)"));
        return new Listed(List.of(), notes, List.of(), 0, 0, false);
      }
      if (!a.ok()) {
        notes.add(
            ScanError.error(
                "cluster " + context,
                0,
                "listing "
                    + kind.rbacResource()
                    + (namespace.isEmpty() ? "" : " in namespace " + namespace)
                    + " failed with HTTP "
                    + a.code()
                    + status(a)));
        return new Listed(kept, notes, List.of(), received, byOwner, false);
      }
      JsonNode page = parse(a.body());
      int count = 0;
      for (JsonNode item : page.path("items")) {
        if (!(item instanceof ObjectNode o)) {
          continue;
        }
        count++;
        if (ObjectCompaction.judgedThroughOwner(kind.kind(), o)) {
          byOwner++;
          continue;
        }
        ObjectNode compact = ObjectCompaction.compact(kind, o);
        String rv = compact.path("metadata").path("resourceVersion").asString("");
        kept.add(KubeObject.of(compact, new Origin.Cluster(context, rv)));
      }
      received += count;
      listener.listed(kind.kind(), count);
      cont = page.path("metadata").path("continue").asString("");
      if (cont.isEmpty()) {
        return new Listed(kept, notes, List.of(), received, byOwner, false);
      }
    }
  }

  private List<KubeObject> kubeletConfigs(
      List<KubeObject> nodes,
      List<ScanError> notes,
      List<DeniedListing> denied,
      ListingListener listener,
      ExecutorService pool) {
    listener.started(KUBELET_CONFIG_KIND);
    List<CompletableFuture<Answer>> answers = new ArrayList<>();
    for (KubeObject node : nodes) {
      String path = "/api/v1/nodes/" + encode(node.name()) + "/proxy/configz";
      answers.add(CompletableFuture.supplyAsync(() -> send(path, JSON, false), pool));
    }
    List<KubeObject> out = new ArrayList<>();
    boolean deniedOnce = false;
    for (int i = 0; i < nodes.size(); i++) {
      String node = nodes.get(i).name();
      Answer a = join(answers.get(i));
      if (a.code() == 403) {
        if (!deniedOnce) {
          denied.add(new DeniedListing(KUBELET_CONFIG_KIND, "get", "nodes/proxy", ""));
          deniedOnce = true;
        }
        continue;
      }
      JsonNode config = a.ok() ? parse(a.body()).path("kubeletconfig") : json.missingNode();
      if (!(config instanceof ObjectNode c)) {
        notes.add(
            note(
                "cannot read the kubelet configuration of node "
                    + node
                    + " (HTTP "
                    + a.code()
                    + status(a)
                    + ")"));
        continue;
      }
      ObjectNode tree = json.createObjectNode();
      tree.put("apiVersion", KUBELET_CONFIG_API);
      tree.put("kind", KUBELET_CONFIG_KIND);
      tree.putObject("metadata").put("name", node);
      tree.setAll(c);
      out.add(KubeObject.of(tree, new Origin.Cluster(context, "")));
      listener.listed(KUBELET_CONFIG_KIND, 1);
    }
    listener.finished(KUBELET_CONFIG_KIND);
    return out;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Answer send(String path, String accept, boolean first) {
    HttpClient http = client.getHttpClient();
    String base = client.getMasterUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(base + path)
            .header("Accept", accept)
            .timeout(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .build();
    HttpResponse<byte[]> response;
    try {
      response =
          http.sendAsync(request, byte[].class).get(REQUEST_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterUnreachable("interrupted while reading the cluster", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new ClusterUnreachable(
          "cannot reach the Kubernetes API server at " + base + ": " + message(cause), cause);
    }
    if (response.code() == 401) {
      throw new ClusterUnreachable(
          "the Kubernetes API server at "
              + base
              + " rejected the credentials of context \""
              + context
              + "\" (HTTP 401 Unauthorized)",
          null);
    }
    byte[] body = response.body();
    return new Answer(response.code(), body == null ? new byte[0] : body);
  }

  private JsonNode parse(byte[] body) {
    try {
      return json.readTree(body);
    } catch (JacksonException e) {
      throw new ClusterUnreachable(
          "the API server sent malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The server's Status message, when the body is one. */
  private String status(Answer a) {
    try {
      String msg = json.readTree(a.body()).path("message").asString("");
      return msg.isEmpty() ? "" : ": " + msg;
    } catch (JacksonException e) {
      return "";
    }
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private ScanError note(String message) {
    return ScanError.note("cluster " + context, 0, message);
  }

  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    return root.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
  }
}
