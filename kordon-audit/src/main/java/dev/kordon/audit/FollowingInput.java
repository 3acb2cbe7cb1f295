package dev.kordon.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A growing file, read like {@code tail -F}: at its end it waits for more; when the file was
 * rotated (another file now has its name, or it shrank) it reopens it from the start. It ends when
 * {@code stop} says so at the end of what was written.
 */
final class FollowingInput extends InputStream {

  private static final long POLL_MILLIS = 200;

  private final Path path;
  private final BooleanSupplier stop;
  private SeekableByteChannel channel;
  private InputStream in;
  private Object fileKey;
  private long position;

  FollowingInput(Path path, BooleanSupplier stop) throws IOException {
    this.path = path;
    this.stop = stop;
    open();
  }

  private void open() throws IOException {
    if (channel != null) {
      channel.close();
    }
    channel = Files.newByteChannel(path);
    in = Channels.newInputStream(channel);
    fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    position = 0;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (true) {
      int n = in.read(b, off, len);
      if (n > 0) {
        position += n;
        return n;
      }
      if (rotated()) {
        open();
        continue;
      }
      if (stop.getAsBoolean()) {
        return -1;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
  }

  private boolean rotated() {
    try {
      if (!Files.exists(path)) {
        return false; // between the rename and the new file: wait
      }
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return !Objects.equals(key, fileKey) || Files.size(path) < position;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
