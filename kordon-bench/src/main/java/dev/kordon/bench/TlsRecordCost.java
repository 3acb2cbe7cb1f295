package dev.kordon.bench;

import dev.kordon.admission.Certificates;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * The server's TLS cost per request, without sockets, HTTP or the JIT of anything else: a server
 * engine (the JDK's or OpenSSL's, as the webhook configures them: EC P-256 key, TLS 1.3) and a JDK
 * client engine exchange a request of SIZE bytes and a 200-byte answer in memory, over one
 * kept-alive session, as the API server's connections do. Rounds alternate the two engines in one
 * JVM; the figure is the server side's thread CPU time per request (decrypting the request,
 * encrypting the answer), after the first rounds (the JIT's).
 *
 * <p>Usage: {@code TlsRecordCost [SIZE=1400] [REQUESTS_PER_ROUND=20000] [ROUNDS=6]}
 */
public final class TlsRecordCost {
  private TlsRecordCost() {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 1400;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    Certificates.ServingSet certs = AdmissionBenchServer.certificates();
    byte[] request = new byte[size];
    java.util.Arrays.fill(request, (byte) 'x');
    byte[] answer = "{\"response\":{\"allowed\":true}}".repeat(7).getBytes(StandardCharsets.UTF_8);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf(
        Locale.ROOT,
        "request %d B, answer %d B, %d requests a round%n",
        size,
        answer.length,
        perRound);
    for (int round = 1; round <= rounds; round++) {
      for (SslProvider provider : List.of(SslProvider.JDK, SslProvider.OPENSSL)) {
        SslContext server =
            SslContextBuilder.forServer(
                    new ByteArrayInputStream(
                        certs.serving().certificatePem().getBytes(StandardCharsets.US_ASCII)),
                    new ByteArrayInputStream(
                        certs.serving().privateKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .sslProvider(provider)
                .protocols("TLSv1.3")
                .build();
        SslContext client =
            SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .protocols("TLSv1.3")
                .build();
        SSLEngine s = server.newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine c = client.newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
        Pipe p = new Pipe(c, s);
        p.handshake();
        long serverCpu = 0;
        for (int i = 0; i < perRound; i++) {
          p.send(c, request, p.toServer);
          long t0 = threads.getCurrentThreadCpuTime();
          p.receive(s, p.toServer);
          p.send(s, answer, p.toClient);
          serverCpu += threads.getCurrentThreadCpuTime() - t0;
          p.receive(c, p.toClient);
        }
        System.out.printf(
            Locale.ROOT,
            "round %d  %-7s  server CPU %6.2f µs per request (%s)%n",
            round,
            provider,
            serverCpu / 1000.0 / perRound,
            s.getSession().getCipherSuite());
        io.netty.util.ReferenceCountUtil.release(s);
        io.netty.util.ReferenceCountUtil.release(c);
      }
    }
  }

  /** Two engines joined by buffers in memory. */
  private static final class Pipe {
    final SSLEngine client;
    final SSLEngine server;
    final ByteBuffer toServer = ByteBuffer.allocateDirect(1 << 17);
    final ByteBuffer toClient = ByteBuffer.allocateDirect(1 << 17);
    final ByteBuffer plain = ByteBuffer.allocateDirect(1 << 17);
    final ByteBuffer empty = ByteBuffer.allocate(0);

    Pipe(SSLEngine client, SSLEngine server) {
      this.client = client;
      this.server = server;
    }

    void handshake() throws SSLException {
      client.beginHandshake();
      server.beginHandshake();
      for (int i = 0; i < 100; i++) {
        step(client, toServer, toClient);
        step(server, toClient, toServer);
        if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
          return;
        }
      }
      throw new IllegalStateException("handshake did not finish");
    }

    private static boolean done(SSLEngine e) {
      SSLEngineResult.HandshakeStatus h = e.getHandshakeStatus();
      return h == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
          || h == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /** Unwraps what arrived for {@code e}, runs its tasks, wraps what it has to say. */
    private void step(SSLEngine e, ByteBuffer out, ByteBuffer in) throws SSLException {
      in.flip();
      while (in.hasRemaining()) {
        plain.clear();
        SSLEngineResult r = e.unwrap(in, plain);
        runTasks(e);
        if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
          break;
        }
      }
      in.compact();
      for (int i = 0; i < 10; i++) {
        SSLEngineResult r = e.wrap(empty, out);
        runTasks(e);
        if (r.bytesProduced() == 0) {
          break;
        }
      }
    }

    private static void runTasks(SSLEngine e) {
      Runnable t;
      while ((t = e.getDelegatedTask()) != null) {
        t.run();
      }
    }

    void send(SSLEngine from, byte[] data, ByteBuffer wire) throws SSLException {
      ByteBuffer src = ByteBuffer.wrap(data);
      while (src.hasRemaining()) {
        from.wrap(src, wire);
      }
    }

    void receive(SSLEngine to, ByteBuffer wire) throws SSLException {
      wire.flip();
      while (wire.hasRemaining()) {
        plain.clear();
        SSLEngineResult r = to.unwrap(wire, plain);
        runTasks(to);
        if (r.bytesConsumed() == 0) {
          break;
        }
      }
      wire.compact();
    }
  }
}
