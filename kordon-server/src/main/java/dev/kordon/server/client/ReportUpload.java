package dev.kordon.server.client;

import dev.kordon.report.SafeText;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends a JSON report to a Kordon server: {@code scan --upload URL}. */
public final class ReportUpload {
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** What the server answered to a stored report: its one-line JSON. */
  public record Answer(int status, String body) {}

  /**
   * Posts the report.
   *
   * @param server the server's base URL ({@code https://kordon.example}) or the full reports URL
   * @throws IOException when the server cannot be reached or refuses the report (the message says
   *     why, with the server's own words)
   */
  public Answer send(String server, String cluster, String source, byte[] json, String token)
      throws IOException {
    URI uri = endpoint(server, "/api/v1/reports");
    uri =
        URI.create(
            uri
                + "?cluster="
                + URLEncoder.encode(cluster, StandardCharsets.UTF_8)
                + "&source="
                + URLEncoder.encode(source, StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    HttpResponse<String> response = exchange(request, uri);
    if (response.statusCode() != 201) {
      throw new IOException(
          "the server refused the report ("
              + response.statusCode()
              + "): "
              + SafeText.line(response.body().strip()));
    }
    return new Answer(response.statusCode(), SafeText.line(response.body().strip()));
  }

  /** GETs a URL with the token; the body on 200, else an exception naming the status. */
  public byte[] get(URI uri, String token) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET();
    if (token != null && !token.isBlank()) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IOException(
            uri
                + " answered "
                + r.statusCode()
                + ": "
                + SafeText.line(new String(r.body(), StandardCharsets.UTF_8).strip()));
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private HttpResponse<String> exchange(HttpRequest request, URI uri) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IOException e) {
      throw new IOException(
          "cannot reach "
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
  }

  /** The server's base URL joined with a path, unless it already ends with that path. */
  public static URI endpoint(String server, String path) throws IOException {
    String s = server.strip();
    try {
      URI base = new URI(s);
      if (base.getScheme() == null
          || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
          || base.getHost() == null) {
        throw new IOException("not an http(s) URL: " + SafeText.line(s));
      }
      if (base.getRawQuery() != null) {
        throw new IOException("the server URL takes no query: " + SafeText.line(s));
      }
    } catch (URISyntaxException e) {
      throw new IOException("not a URL: " + SafeText.line(s), e);
    }
    if (s.endsWith(path)) {
      return URI.create(s);
    }
    return URI.create(s.replaceAll("/+$", "") + path);
  }
}
