package dev.kordon.image.source;

import dev.kordon.image.layer.ImageReadException;
import dev.kordon.image.layer.LayerBlob;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The OCI distribution API, read-only: manifests and blobs of one registry, anonymous or with
 * credentials, following the {@code WWW-Authenticate} challenge (Bearer token or Basic).
 */
public final class RegistryClient {

  static final String ACCEPT =
      String.join(
          ", ",
          Manifests.OCI_INDEX,
          Manifests.OCI_MANIFEST,
          Manifests.DOCKER_LIST,
          Manifests.DOCKER_MANIFEST);

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final HttpClient http;
  private final DockerConfig config;
  private final boolean plainHttp;
  private final Duration requestTimeout;
  private final Map<String, String> authorization = new ConcurrentHashMap<>();

  public RegistryClient(DockerConfig config, boolean plainHttp) {
    this(config, plainHttp, Duration.ofMinutes(10));
  }

  /**
   * A client whose requests give up after {@code requestTimeout} without response headers (and
   * whose connections after at most 15 s): an admission webhook must not wait longer than the API
   * server waits for it.
   */
  public RegistryClient(DockerConfig config, boolean plainHttp, Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    Duration connect = Duration.ofSeconds(15);
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(requestTimeout.compareTo(connect) < 0 ? requestTimeout : connect)
            .build();
    this.config = config;
    this.plainHttp = plainHttp;
  }

  /** A manifest with its media type and digest (verified when the reference is a digest). */
  public record Fetched(byte[] bytes, String mediaType, String digest) {}

  public Optional<Fetched> manifest(ImageRef ref, String reference) throws IOException {
    String image = ref.toString();
    HttpResponse<InputStream> r = send(ref, "/manifests/" + reference, ACCEPT, image);
    if (r.statusCode() == 404) {
      r.body().close();
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = r.body()) {
      check(r, image);
      bytes = in.readNBytes(Manifests.MAX_MANIFEST + 1);
    }
    if (bytes.length > Manifests.MAX_MANIFEST) {
      throw new ImageReadException(
          image, "", "manifest larger than " + Manifests.MAX_MANIFEST + " bytes");
    }
    String digest = Manifests.sha256(bytes);
    if (reference.startsWith("sha256:")) {
      Manifests.verify(image, "manifest", reference, bytes);
    }
    String type = r.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "").strip();
    return Optional.of(new Fetched(bytes, type, digest));
  }

  /**
   * The digest a tag names, from a {@code HEAD} request's {@code Docker-Content-Digest} header
   * (which Docker Hub does not count against pull limits); a registry that sends no such header is
   * asked with {@code GET} and the manifest hashed.
   *
   * @return empty when the registry does not know the reference
   */
  public Optional<String> digest(ImageRef ref, String reference) throws IOException {
    String image = ref.toString();
    URI uri = URI.create(base(ref) + "/manifests/" + reference);
    String key = ref.apiHost() + "/" + ref.repository();
    HttpResponse<InputStream> r = head(uri, authorization.get(key), image);
    if (r.statusCode() == 401) {
      String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
      String auth = authorize(ref, challenge, image);
      if (auth == null) {
        throw new ImageReadException(image, "", "registry requires credentials (401)");
      }
      authorization.put(key, auth);
      r = head(uri, auth, image);
    }
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    check(r, image);
    Optional<String> header = r.headers().firstValue("Docker-Content-Digest").map(String::strip);
    if (header.isPresent() && header.get().matches("sha256:[0-9a-f]{64}")) {
      return header;
    }
    return manifest(ref, reference).map(Fetched::digest);
  }

  private HttpResponse<InputStream> head(URI uri, String auth, String image) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .header("Accept", ACCEPT)
            .timeout(requestTimeout)
            .method("HEAD", HttpRequest.BodyPublishers.noBody());
    if (auth != null) {
      b.header("Authorization", auth);
    }
    try {
      HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      r.body().close();
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageReadException(image, "", "interrupted");
    } catch (IOException e) {
      throw new ImageReadException(
          image, "", "cannot reach " + uri.getHost() + ": " + e.getMessage(), e);
    }
  }

  /** The image a reference names, resolved to one platform's manifest. */
  public ResolvedImage resolve(ImageRef ref, Platform platform) throws IOException {
    String image = ref.toString();
    Fetched top =
        manifest(ref, ref.reference())
            .orElseThrow(
                () -> new ImageReadException(image, "", "manifest unknown to the registry"));
    BlobStore store = store(ref);
    JsonNode n = Manifests.parse(image, top.bytes());
    String digest = top.digest();
    if (Manifests.isIndex(n, top.mediaType())) {
      Manifests.Descriptor chosen = Manifests.choose(image, n, platform);
      byte[] bytes = store.small(image, chosen.digest(), Manifests.MAX_MANIFEST);
      n = Manifests.parse(image, bytes);
      digest = chosen.digest();
    }
    return ImageResolution.of(image, digest, Manifests.layers(image, n), store);
  }

  /** Blobs and manifests by digest, for one repository. */
  public BlobStore store(ImageRef ref) {
    return new BlobStore() {
      @Override
      public byte[] small(String image, String digest, long maxBytes) throws IOException {
        // a manifest named by digest is served from /manifests, any other blob from /blobs
        Optional<Fetched> m = Optional.empty();
        HttpResponse<InputStream> r = send(ref, "/blobs/" + digest, "*/*", image);
        if (r.statusCode() == 404) {
          r.body().close();
          m = manifest(ref, digest);
          if (m.isPresent()) {
            return m.get().bytes();
          }
          throw new ImageReadException(image, digest, "blob unknown to the registry");
        }
        byte[] bytes;
        try (InputStream in = r.body()) {
          check(r, image);
          bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
          throw new ImageReadException(image, digest, "blob larger than " + maxBytes + " bytes");
        }
        Manifests.verify(image, "blob", digest, bytes);
        return bytes;
      }

      @Override
      public InputStream open(String image, LayerBlob layer) throws IOException {
        HttpResponse<InputStream> r = send(ref, "/blobs/" + layer.digest(), "*/*", image);
        if (r.statusCode() != 200) {
          r.body().close();
          throw new ImageReadException(
              image, layer.digest(), "registry answered " + r.statusCode() + " for the blob");
        }
        return r.body();
      }
    };
  }

  private void check(HttpResponse<InputStream> r, String image) throws ImageReadException {
    if (r.statusCode() != 200) {
      throw new ImageReadException(
          image,
          "",
          "registry answered "
              + r.statusCode()
              + (r.statusCode() == 401 || r.statusCode() == 403 ? " (not authorised)" : ""));
    }
  }

  private String base(ImageRef ref) {
    return (plainHttp || ref.loopback() ? "http://" : "https://")
        + ref.apiHost()
        + "/v2/"
        + ref.repository();
  }

  private HttpResponse<InputStream> send(ImageRef ref, String path, String accept, String image)
      throws IOException {
    URI uri = URI.create(base(ref) + path);
    String key = ref.apiHost() + "/" + ref.repository();
    HttpResponse<InputStream> r = get(uri, accept, authorization.get(key), image);
    if (r.statusCode() == 401) {
      String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
      r.body().close();
      String auth = authorize(ref, challenge, image);
      if (auth == null) {
        throw new ImageReadException(image, "", "registry requires credentials (401)");
      }
      authorization.put(key, auth);
      r = get(uri, accept, auth, image);
    }
    return r;
  }

  /** The Authorization header the challenge asks for, or null when there is none to give. */
  private String authorize(ImageRef ref, String challenge, String image) throws IOException {
    Optional<DockerConfig.Credentials> creds;
    try {
      creds = config.forRegistry(ref.registry());
    } catch (ImageReadException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageReadException(image, "", e.getMessage(), e);
    }
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      return creds.map(c -> "Basic " + c.basic()).orElse(null);
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      return null;
    }
    StringBuilder url = new StringBuilder(realm);
    char sep = realm.contains("?") ? '&' : '?';
    if (params.containsKey("service")) {
      url.append(sep).append("service=").append(enc(params.get("service")));
      sep = '&';
    }
    url.append(sep)
        .append("scope=")
        .append(enc(params.getOrDefault("scope", "repository:" + ref.repository() + ":pull")));
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(url.toString()))
            .timeout(
                requestTimeout.compareTo(Duration.ofSeconds(30)) < 0
                    ? requestTimeout
                    : Duration.ofSeconds(30));
    creds.ifPresent(c -> req.header("Authorization", "Basic " + c.basic()));
    HttpResponse<byte[]> r;
    try {
      r = http.send(req.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageReadException(image, "", "interrupted");
    }
    if (r.statusCode() != 200) {
      throw new ImageReadException(image, "", "token service answered " + r.statusCode());
    }
    JsonNode token = Manifests.parse(image, r.body());
    String t = token.path("token").asString(token.path("access_token").asString(""));
    return t.isEmpty() ? null : "Bearer " + t;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpResponse<InputStream> get(URI uri, String accept, String auth, String image)
      throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).header("Accept", accept).timeout(requestTimeout);
    if (auth != null) {
      b.header("Authorization", auth);
    }
    try {
      return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageReadException(image, "", "interrupted");
    } catch (IOException e) {
      throw new ImageReadException(
          image, "", "cannot reach " + uri.getHost() + ": " + e.getMessage(), e);
    }
  }
}
