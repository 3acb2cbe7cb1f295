package dev.kordon.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server in a process of its own for {@link RestartMidUploadTest}: it prints its port and an
 * upload token, stores the first upload normally, and halts the second one midway through its
 * transaction (printing {@code midway}) so that the test can kill the process there.
 */
public final class CrashingServer {
  private CrashingServer() {}

  public static void main(String[] args) throws Exception {
    Database db = Database.open(Database.h2FileUrl(Path.of(args[0])), Map.of());
    AtomicInteger uploads = new AtomicInteger();
    History history =
        new History(
            db,
            stage -> {
              if (stage.equals("report")) {
                uploads.incrementAndGet();
              }
              if (stage.equals("findings") && uploads.get() == 2) {
                System.out.println("midway");
                System.out.flush();
                try {
                  Thread.sleep(120_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    Tokens tokens = new Tokens(db);
    String token =
        tokens.create("crash", Scope.parseAll("upload,read"), System.currentTimeMillis());
    KordonServer server =
        KordonServer.start(
            history,
            tokens,
            new ServerOptions(
                "127.0.0.1",
                0,
                Optional.empty(),
                Optional.empty(),
                ServerOptions.DEFAULT_MAX_UPLOAD,
                Optional.empty()),
            System::currentTimeMillis,
            System.err::println);
    System.out.println("token " + token);
    System.out.println("port " + server.port());
    System.out.flush();
    Thread.sleep(300_000);
  }
}
