package dev.kordon.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a chart archive ({@code .tgz}): regular files and directories only, names kept inside the
 * target directory, sizes capped. Links and devices are skipped: an archive is hostile input.
 */
final class TarGz {
  private TarGz() {}

  static void extract(Path archive, Path into, long maxBytes) throws IOException {
    long total = 0;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
      byte[] header = new byte[512];
      String longName = null;
      while (in.readNBytes(header, 0, 512) == 512) {
        if (isZero(header)) {
          break;
        }
        String name = longName != null ? longName : name(header);
        longName = null;
        char type = (char) header[156];
        long size =
            Long.parseLong(
                text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
        total += size;
        if (total > maxBytes) {
          throw new IOException("archive unpacks to more than " + maxBytes + " bytes; refused");
        }
        byte[] body = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        if (type == 'x' || type == 'L') {
          longName = type == 'L' ? text(body, 0, body.length) : paxPath(body);
          continue;
        }
        if (type != '0' && type != '\0' && type != '5') {
          continue; // links, devices, global headers
        }
        Path target = into.resolve(name).normalize();
        if (!target.startsWith(into) || name.startsWith("/")) {
          throw new IOException("archive entry '" + name + "' points outside the archive; refused");
        }
        if (type == '5' || name.endsWith("/")) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.write(target, body);
        }
      }
    }
  }

  private static String name(byte[] h) {
    String name = text(h, 0, 100);
    String prefix = text(h, 345, 155);
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String paxPath(byte[] body) {
    for (String record : new String(body, StandardCharsets.UTF_8).split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 6);
      }
    }
    return null;
  }

  private static String text(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
