package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.report.JsonOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Slowloris: 500 connections that never finish their request (headers trickled a byte at a time,
 * the headers of a kept-alive connection's second request trickled after a first review answered on
 * it, nothing sent after the handshake, a TLS handshake trickled, a body trickled) are all cut off
 * by their deadlines while well-behaved reviews on other connections are still answered correctly,
 * and a kept-alive connection silent between two reviews for longer than the header timeout is not.
 * Idle timeout 60 s: without the deadlines, none of these connections would be closed during the
 * test, and the trickling ones never.
 */
class SlowClientsTest {

  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(2000);
  private static final Duration BODY_TIMEOUT = Duration.ofMillis(1000);
  private static final int HEADER_TRICKLERS = 175;
  private static final int KEEP_ALIVE_TRICKLERS = 75;
  private static final int SILENT = 100;
  private static final int HANDSHAKE_TRICKLERS = 75;
  private static final int BODY_TRICKLERS = 75;

  /** One slow client: its socket, and the next byte it will send (or -1: it sends nothing). */
  private static final class Slow {
    final String kind;
    final Socket socket;
    final byte[] trickle;
    int sent;
    boolean cut;

    Slow(String kind, Socket socket, byte[] trickle) {
      this.kind = kind;
      this.socket = socket;
      this.trickle = trickle;
    }

    /** Sends one more byte; false once the server has closed the connection. */
    boolean step() {
      if (cut || trickle.length == 0) {
        return !cut;
      }
      try {
        OutputStream out = socket.getOutputStream();
        out.write(trickle[sent++ % trickle.length]);
        out.flush();
        return true;
      } catch (IOException e) {
        cut = true;
        return false;
      }
    }

    /** Whether the server has closed the connection: end of stream or a reset when read. */
    boolean closedByServer() throws IOException {
      if (cut) {
        return true;
      }
      socket.setSoTimeout(1);
      try {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        while (true) {
          int n = in.read(buf);
          if (n < 0) {
            cut = true;
            return true;
          }
          // a 408 for the body tricklers comes before the close: read on
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        cut = true;
        return true;
      }
    }
  }

  @Test
  void fiveHundredSlowClientsAreCutOffWhileReviewsAreAnswered() throws Exception {
    TestTls tls = TestTls.generate(Certificates.KeyType.EC_P256, Certificates.KeyFormat.PKCS8);
    List<String> log = new CopyOnWriteArrayList<>();
    PolicyReloader policy =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, Clock.systemUTC(), log::add);
    AdmissionServer.Options options =
        AdmissionServer.Options.defaults()
            .withAddress("127.0.0.1", 0)
            .withTimeouts(BODY_TIMEOUT, Duration.ofSeconds(5), Duration.ofSeconds(60))
            .withHeaderTimeout(HEADER_TIMEOUT)
            .withMaxConnections(2000)
            .withWarmUp(Duration.ofSeconds(1));
    try (AdmissionServer server =
        AdmissionServer.start(tls.serverTls(), policy, options, log::add)) {
      int port = server.port();
      List<Slow> slow = open(tls, port);
      assertThat(slow).hasSize(500);

      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(tls.client())
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      URI validate = URI.create("https://127.0.0.1:" + port + "/validate?timeout=10s");
      byte[] privileged = Reviews.bytes(Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE"));
      byte[] restricted = Reviews.bytes(Reviews.review(Reviews.RESTRICTED_POD, "shop", "CREATE"));

      // a kept-alive connection silent between two reviews for longer than the header timeout
      SSLSocket idle = handshake(tls, port);
      assertThat(exchange(idle, privileged)).isEqualTo(200);

      // trickle for two header timeouts, answering reviews in between
      long end = System.nanoTime() + 2 * HEADER_TIMEOUT.toNanos();
      int reviews = 0;
      while (System.nanoTime() < end) {
        for (Slow s : slow) {
          s.step();
        }
        JsonNode denied = review(client, validate, privileged);
        assertThat(denied.path("allowed").asBoolean()).isFalse();
        assertThat(denied.path("status").path("message").asString()).startsWith("KOR-0001 ");
        JsonNode allowed = review(client, validate, restricted);
        assertThat(allowed.path("allowed").asBoolean()).isTrue();
        reviews += 2;
        Thread.sleep(100);
      }
      assertThat(reviews).isGreaterThanOrEqualTo(4);
      assertThat(exchange(idle, restricted))
          .as("second review on the idle connection")
          .isEqualTo(200);
      idle.close();

      // every slow client has been cut off; allow a little slack for a loaded machine
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      List<Slow> open = new ArrayList<>(slow);
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        List<Slow> still = new ArrayList<>();
        for (Slow s : open) {
          s.step();
          if (!s.closedByServer()) {
            still.add(s);
          }
        }
        open = still;
        if (!open.isEmpty()) {
          Thread.sleep(100);
        }
      }
      assertThat(open).as("slow clients still open").extracting(s -> s.kind).isEmpty();
      assertThat(server.metrics().render())
          .containsPattern(
              "kordon_admission_connections_cut_total\\{reason=\"header-timeout\"\\} (\\d{3})");

      // one more, trickling a header byte every 50 ms: it gets to send for a while, then is cut
      // off although it never stops sending (an idle timeout would never fire)
      Slow steady = new Slow("steady", handshake(tls, port), headers());
      int written = 0;
      long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (steady.step() && System.nanoTime() < giveUp) {
        written++;
        Thread.sleep(50);
        if (steady.closedByServer()) {
          break;
        }
      }
      assertThat(steady.closedByServer()).as("steady trickler cut off").isTrue();
      assertThat(written).isGreaterThanOrEqualTo(3);
      steady.socket.close();

      // the same on a kept-alive connection: a first review answered, then the second request's
      // headers trickled
      SSLSocket kept = handshake(tls, port);
      assertThat(exchange(kept, restricted)).isEqualTo(200);
      Slow steadyKept = new Slow("steady keep-alive", kept, headers());
      int keptWritten = 0;
      long keptGiveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (steadyKept.step() && System.nanoTime() < keptGiveUp) {
        keptWritten++;
        Thread.sleep(50);
        if (steadyKept.closedByServer()) {
          break;
        }
      }
      assertThat(steadyKept.closedByServer()).as("steady keep-alive trickler cut off").isTrue();
      assertThat(keptWritten).isGreaterThanOrEqualTo(3);
      kept.close();

      // and the server still answers on a fresh connection
      JsonNode after = review(client, validate, privileged);
      assertThat(after.path("allowed").asBoolean()).isFalse();
      for (Slow s : slow) {
        s.socket.close();
      }
    }
  }

  private static JsonNode review(HttpClient client, URI uri, byte[] body) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JsonOutput.mapper().readTree(r.body()).path("response");
  }

  /** Opens the slow clients, TLS handshakes on two threads. */
  private static List<Slow> open(TestTls tls, int port) throws Exception {
    byte[] headers = headers();
    byte[] bodyHead =
        "POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n{"
            .getBytes(StandardCharsets.US_ASCII);
    // the first bytes of a TLS ClientHello record, then more of the same, never a whole one
    byte[] clientHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Slow>> opened = new ArrayList<>();
      for (int i = 0; i < HEADER_TRICKLERS; i++) {
        opened.add(pool.submit(() -> new Slow("headers", handshake(tls, port), headers)));
      }
      for (int i = 0; i < KEEP_ALIVE_TRICKLERS; i++) {
        opened.add(
            pool.submit(
                () -> {
                  SSLSocket s = handshake(tls, port);
                  int status =
                      exchange(
                          s,
                          Reviews.bytes(Reviews.review(Reviews.RESTRICTED_POD, "shop", "CREATE")));
                  assertThat(status).isEqualTo(200);
                  return new Slow("keep-alive headers", s, headers);
                }));
      }
      for (int i = 0; i < SILENT; i++) {
        opened.add(pool.submit(() -> new Slow("silent", handshake(tls, port), new byte[0])));
      }
      for (int i = 0; i < HANDSHAKE_TRICKLERS; i++) {
        opened.add(
            pool.submit(() -> new Slow("handshake", new Socket("127.0.0.1", port), clientHello)));
      }
      for (int i = 0; i < BODY_TRICKLERS; i++) {
        opened.add(
            pool.submit(
                () -> {
                  SSLSocket s = handshake(tls, port);
                  s.getOutputStream().write(bodyHead);
                  s.getOutputStream().flush();
                  return new Slow("body", s, "aaaaaaaaaa".getBytes(StandardCharsets.US_ASCII));
                }));
      }
      List<Slow> out = new ArrayList<>();
      for (Future<Slow> f : opened) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Request headers that never end: a header line longer than the test trickles. */
  private static byte[] headers() {
    return ("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "X-Slow: "
            + "a".repeat(2000))
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * One review on a kept-alive connection: sends the request, reads the whole answer (its
   * Content-Length), leaves the connection open; returns the status.
   */
  private static int exchange(SSLSocket s, byte[] body) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    InputStream in = s.getInputStream();
    String status = line(in);
    int length = 0;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      }
    }
    assertThat(in.readNBytes(length)).hasSize(length);
    return Integer.parseInt(status.substring(9, 12));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed in a line: " + sb);
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  private static SSLSocket handshake(TestTls tls, int port) throws IOException {
    SSLSocket s = (SSLSocket) tls.client().getSocketFactory().createSocket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    s.startHandshake();
    return s;
  }
}
