package dev.kordon.audit;

import static dev.kordon.audit.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.ScanError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on every shape a log comes in, and on hostile input. */
class LogReaderTest {

  @TempDir Path dir;

  private static List<String> ids(List<AuditEvent> events) {
    return events.stream().map(AuditEvent::auditId).toList();
  }

  @Test
  void badLinesAreCountedInOneNotePerFileWithTheFirstLineNumber() {
    List<ScanError> problems = new ArrayList<>();
    String log =
        String.join(
            "\n",
            event().id("a").json(),
            "",
            "garbage",
            "{\"kind\":\"Pod\",\"metadata\":{}}",
            event().id("b").json(),
            "[1,2",
            event().id("c").json());
    List<AuditEvent> events = Events.read(log + "\n", problems);
    assertThat(ids(events)).containsExactly("a", "b", "c");
    assertThat(problems).hasSize(1);
    ScanError note = problems.get(0);
    assertThat(note.isError()).isFalse();
    assertThat(note.line()).isEqualTo(3);
    assertThat(note.message()).startsWith("3 lines are not audit events");
  }

  @Test
  void aTruncatedLastLineIsNotAnError() {
    List<ScanError> problems = new ArrayList<>();
    String whole = event().id("a").json();
    String half = event().id("b").json().substring(0, 80);
    List<AuditEvent> events = Events.read(whole + "\n" + half, problems);
    assertThat(ids(events)).containsExactly("a");
    assertThat(problems).allMatch(p -> !p.isError());
    assertThat(problems.get(0).message()).contains("incomplete");
  }

  @Test
  void eventListOnOneLineAndPrettyPrintedAndArraysAreRead() {
    String items = event().id("a").json() + "," + event().id("b").json();
    String oneLine =
        "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
            + items
            + "]}";
    assertThat(ids(Events.read(oneLine, new ArrayList<>()))).containsExactly("a", "b");
    String pretty =
        "{\n  \"kind\": \"EventList\",\n  \"items\": [\n"
            + event().id("a").json()
            + ",\n"
            + event().id("b").json()
            + "\n  ]\n}\n";
    List<AuditEvent> events = Events.read(pretty, new ArrayList<>());
    assertThat(ids(events)).containsExactly("a", "b");
    assertThat(events.get(1).line()).isEqualTo(5);
    assertThat(ids(Events.read("[\n" + items + "\n]", new ArrayList<>())))
        .containsExactly("a", "b");
    String prettyEvent =
        "{\n \"auditID\": \"p\",\n \"verb\": \"get\",\n \"user\": {\"username\": \"x\"}\n}\n";
    assertThat(ids(Events.read(prettyEvent, new ArrayList<>()))).containsExactly("p");
  }

  @Test
  void eventsWithMissingFieldsAreReadAndJudgedOnWhatTheyHave() {
    List<ScanError> problems = new ArrayList<>();
    List<AuditEvent> events =
        Events.read(
            "{\"verb\":\"get\"}\n{\"auditID\":\"x\",\"user\":\"notanobject\",\"objectRef\":7}\n",
            problems);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).micros()).isEqualTo(AuditEvent.UNKNOWN_TIME);
    assertThat(problems).isEmpty();
    AuditAnalyzer a = new AuditAnalyzer(AuditSettings.defaults(), List.of());
    events.forEach(a::accept);
    assertThat(a.findings()).isEmpty();
  }

  @Test
  void invalidUtf8AndDeepNestingMakeOneBadLineEachAndReadingGoesOn() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(event().id("a").json().getBytes(StandardCharsets.UTF_8));
    b.write(
        "\n{\"auditID\":\"bad\",\"verb\":\"get\",\"userAgent\":\""
            .getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3});
    b.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    b.write(
        ("{\"auditID\":\"deep\",\"verb\":\"create\",\"requestObject\":" + deep + "}\n")
            .getBytes(StandardCharsets.UTF_8));
    b.write((event().id("z").json() + "\n").getBytes(StandardCharsets.UTF_8));
    List<ScanError> problems = new ArrayList<>();
    List<AuditEvent> events = Events.read(b.toByteArray(), problems);
    assertThat(ids(events)).containsExactly("a", "z");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message()).startsWith("2 lines").contains("not JSON");
    assertThat(problems.get(0).line()).isEqualTo(2);
  }

  @Test
  void aOneGigabyteLineIsSkippedWithoutBeingHeld() throws IOException {
    long size = 1L << 30;
    byte[] head =
        "{\"auditID\":\"huge\",\"verb\":\"get\",\"userAgent\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\"}\n" + event().id("after").json() + "\n").getBytes(StandardCharsets.UTF_8);
    InputStream huge = new Generated(head, size, tail);
    List<ScanError> problems = new ArrayList<>();
    LogLimits limits = new LogLimits(1 << 20, 64);
    long before = usedHeap();
    List<AuditEvent> events = new ArrayList<>();
    try (LogReader r = LogReader.ofStream(huge, "huge.log", limits, problems::add)) {
      for (AuditEvent e = r.next(); e != null; e = r.next()) {
        events.add(e);
      }
    }
    assertThat(ids(events)).containsExactly("after");
    assertThat(problems.get(0).message()).contains("over the limit of 1048576");
    // the line was streamed past, never held: far less than its gigabyte stayed in use
    assertThat(usedHeap() - before).isLessThan(256L << 20);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** {@code head}, then {@code size} bytes of 'x', then {@code tail}: generated, never stored. */
  private static final class Generated extends InputStream {
    private final byte[] head;
    private final byte[] tail;
    private final long size;
    private long pos;

    Generated(byte[] head, long size, byte[] tail) {
      this.head = head;
      this.size = size;
      this.tail = tail;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(byte[] b, int off, int len) {
      long total = head.length + size + tail.length;
      if (pos >= total) {
        return -1;
      }
      int n = (int) Math.min(len, total - pos);
      for (int i = 0; i < n; i++) {
        long p = pos + i;
        if (p < head.length) {
          b[off + i] = head[(int) p];
        } else if (p < head.length + size) {
          int run = (int) Math.min(n - i, head.length + size - p);
          java.util.Arrays.fill(b, off + i, off + i + run, (byte) 'x');
          i += run - 1;
        } else {
          b[off + i] = tail[(int) (p - head.length - size)];
        }
      }
      pos += n;
      return n;
    }
  }

  @Test
  void gzipAndRotatedCopiesAreReadOldestFirstAsOneLog() throws IOException {
    Path live = dir.resolve("audit.log");
    Files.writeString(live, event().id("3").json() + "\n");
    Files.writeString(dir.resolve("audit.log.1"), event().id("2").json() + "\n");
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(dir.resolve("audit.log.2.gz")))) {
      out.write((event().id("1").json() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(
        dir.resolve("audit-2024-04-30T10-00-00.000.log"), event().id("0").json() + "\n");
    List<LogInput> inputs =
        LogInput.of(List.of(live.toString(), dir.resolve("audit.log.1").toString()));
    assertThat(inputs).hasSize(1);
    List<ScanError> problems = new ArrayList<>();
    List<AuditEvent> events = new ArrayList<>();
    try (LogReader r = new LogReader(inputs.get(0), LogLimits.DEFAULT, problems::add)) {
      for (AuditEvent e = r.next(); e != null; e = r.next()) {
        events.add(e);
      }
    }
    assertThat(ids(events)).containsExactly("0", "1", "2", "3");
    assertThat(problems).isEmpty();
  }

  @Test
  void logsOfSeveralApiServersAreMergedByTime() throws IOException {
    Path a = dir.resolve("apiserver-a.log");
    Path b = dir.resolve("apiserver-b.log");
    Files.writeString(
        a,
        event().id("a1").at("2024-05-01T10:00:01Z").json()
            + "\n"
            + event().id("a2").at("2024-05-01T10:00:04Z").json()
            + "\n"
            + "{\"auditID\":\"a3\",\"verb\":\"get\"}\n");
    Files.writeString(
        b,
        event().id("b1").at("2024-05-01T10:00:02Z").json()
            + "\n"
            + event().id("b2").at("2024-05-01T10:00:03Z").json()
            + "\n");
    List<LogReader> readers = new ArrayList<>();
    for (LogInput in : LogInput.of(List.of(a.toString(), b.toString()))) {
      readers.add(new LogReader(in, LogLimits.DEFAULT, p -> {}));
    }
    List<AuditEvent> events = new ArrayList<>();
    try (MergedEvents m = new MergedEvents(readers)) {
      for (AuditEvent e = m.next(); e != null; e = m.next()) {
        events.add(e);
      }
    }
    // a3 has no time: it stays after a2, where it was written
    assertThat(ids(events)).containsExactly("a1", "b1", "b2", "a2", "a3");
  }

  @Test
  void aMissingFileIsAnErrorNamingItAndTheOtherLogsAreRead() throws IOException {
    Path ok = dir.resolve("ok.log");
    Files.writeString(ok, event().id("ok").json() + "\n");
    List<ScanError> problems = new ArrayList<>();
    List<LogReader> readers = new ArrayList<>();
    for (LogInput in : LogInput.of(List.of(dir.resolve("missing.log").toString(), ok.toString()))) {
      readers.add(new LogReader(in, LogLimits.DEFAULT, problems::add));
    }
    List<AuditEvent> events = new ArrayList<>();
    try (MergedEvents m = new MergedEvents(readers)) {
      for (AuditEvent e = m.next(); e != null; e = m.next()) {
        events.add(e);
      }
    }
    assertThat(ids(events)).containsExactly("ok");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).isError()).isTrue();
    assertThat(problems.get(0).file()).contains("missing.log");
  }

  @Test
  void followReadsWhatIsAppendedAndReopensARotatedFile() throws Exception {
    Path live = dir.resolve("audit.log");
    Files.writeString(live, event().id("1").json() + "\n");
    AtomicBoolean stop = new AtomicBoolean();
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    LogReader r =
        new LogReader(
            new LogInput(live.toString(), List.of(live)),
            LogLimits.DEFAULT,
            p -> {},
            true,
            stop::get);
    CompletableFuture<Void> tail =
        CompletableFuture.runAsync(
            () -> {
              try {
                for (AuditEvent e = r.next(); e != null; e = r.next()) {
                  seen.add(e.auditId());
                }
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    waitFor(() -> seen.size() == 1);
    Files.writeString(live, event().id("2").json() + "\n", java.nio.file.StandardOpenOption.APPEND);
    waitFor(() -> seen.size() == 2);
    Files.move(live, dir.resolve("audit.log.1"));
    Files.writeString(live, event().id("3").json() + "\n");
    waitFor(() -> seen.size() == 3);
    stop.set(true);
    tail.get(10, TimeUnit.SECONDS);
    r.close();
    assertThat(seen).containsExactly("1", "2", "3");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(25);
    }
    assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
  }
}
