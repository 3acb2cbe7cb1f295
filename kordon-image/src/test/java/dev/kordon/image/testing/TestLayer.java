package dev.kordon.image.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** A layer built in a test: files, links, whiteouts, written as a tar in the order given. */
public final class TestLayer {

  private record Entry(String name, byte[] content, String link, boolean symlink, boolean dir) {}

  private final List<Entry> entries = new ArrayList<>();

  public TestLayer file(String name, String content) {
    return bytes(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public TestLayer bytes(String name, byte[] content) {
    entries.add(new Entry(name, content, "", false, false));
    return this;
  }

  public TestLayer dir(String name) {
    entries.add(new Entry(name, new byte[0], "", false, true));
    return this;
  }

  public TestLayer symlink(String name, String target) {
    entries.add(new Entry(name, new byte[0], target, true, false));
    return this;
  }

  public TestLayer hardlink(String name, String target) {
    entries.add(new Entry(name, new byte[0], target, false, false));
    return this;
  }

  /** Deletes a path of a lower layer. */
  public TestLayer whiteout(String path) {
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash + 1);
    return file(dir + ".wh." + path.substring(slash + 1), "");
  }

  /** Hides everything a lower layer put below a directory. */
  public TestLayer opaque(String dir) {
    return file(dir + "/.wh..wh..opq", "");
  }

  public byte[] tar() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry t;
        if (e.symlink) {
          t = new TarArchiveEntry(e.name, TarArchiveEntry.LF_SYMLINK);
          t.setLinkName(e.link);
        } else if (!e.link.isEmpty()) {
          t = new TarArchiveEntry(e.name, TarArchiveEntry.LF_LINK);
          t.setLinkName(e.link);
        } else if (e.dir) {
          t = new TarArchiveEntry(e.name.endsWith("/") ? e.name : e.name + "/");
        } else {
          t = new TarArchiveEntry(e.name);
          t.setSize(e.content.length);
        }
        tar.putArchiveEntry(t);
        if (!e.dir && !e.symlink && e.link.isEmpty()) {
          tar.write(e.content);
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public byte[] tgz() {
    return gzip(tar());
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** zstd, as {@code zstd} and containerd write it (one frame, streaming). */
  public static byte[] zstd(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (io.airlift.compress.zstd.ZstdOutputStream z =
        new io.airlift.compress.zstd.ZstdOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A jar (zip) with the given entries; an entry whose content is a byte[] is stored as is. */
  public static byte[] jar(Object... nameThenContent) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < nameThenContent.length; i += 2) {
        zip.putNextEntry(new ZipEntry((String) nameThenContent[i]));
        Object c = nameThenContent[i + 1];
        zip.write(c instanceof byte[] b ? b : ((String) c).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** pom.properties of a Maven artifact, at its place in a jar. */
  public static Object[] pom(String group, String artifact, String version) {
    return new Object[] {
      "META-INF/maven/" + group + "/" + artifact + "/pom.properties",
      "groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n"
    };
  }
}
