package dev.kordon.image.layer;

import dev.kordon.image.inventory.ApkInstalled;
import dev.kordon.image.inventory.DpkgStatus;
import dev.kordon.image.inventory.JarScanner;
import dev.kordon.image.inventory.LangPackage;
import dev.kordon.image.inventory.LanguageFiles;
import dev.kordon.image.inventory.Limited;
import dev.kordon.image.inventory.OsPackage;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies layers, in order, to a {@link FileTree}: streams each layer's tar once, verifies its
 * digest, honours whiteouts ({@code .wh.NAME}) and opaque whiteouts ({@code .wh..wh..opq}), and
 * parses only the files the inventory needs while they stream by. Nothing is written to disk.
 */
public final class LayerApplier {

  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final String image;
  private final ImageLimits limits;
  private final FileTree tree = new FileTree();
  private long entries;
  private int links;

  public LayerApplier(String image, ImageLimits limits) {
    this.image = image;
    this.limits = limits;
  }

  public FileTree tree() {
    return tree;
  }

  /** Reads one layer blob to its end and merges it over the layers below. */
  public void apply(LayerBlob layer, InputStream blob) throws ImageReadException {
    String label = layer.digest();
    MessageDigest sha = sha256();
    CountingStream raw = new CountingStream(blob);
    // every byte, skipped or read, passes through the digest: CountingStream skips by reading
    InputStream hashedRaw =
        layer.digestOfUncompressed() ? raw : new CountingStream(new DigestInputStream(raw, sha));
    try {
      InputStream content = decompress(new BufferedInputStream(hashedRaw, 1 << 16), label);
      if (layer.digestOfUncompressed()) {
        content = new DigestInputStream(content, sha);
      }
      CountingStream tarBytes = new CountingStream(content);
      tarBytes.cap = limits.maxLayerBytes();
      tarBytes.what =
          "layer larger than " + limits.maxLayerBytes() + " bytes uncompressed (tar bomb?)";
      Changes changes = read(tarBytes, label);
      // what follows the tar's end marker is part of the blob and of its digest
      tarBytes.transferTo(java.io.OutputStream.nullOutputStream());
      hashedRaw.transferTo(java.io.OutputStream.nullOutputStream());
      String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
      if (layer.size() >= 0 && raw.count != layer.size()) {
        throw new ImageReadException(
            image, label, "blob has " + raw.count + " bytes, the manifest says " + layer.size());
      }
      if (!actual.equals(layer.digest())) {
        throw new ImageReadException(image, label, "digest mismatch: content hashes to " + actual);
      }
      changes.applyTo(tree);
    } catch (ImageReadException e) {
      throw e;
    } catch (EOFException e) {
      throw new ImageReadException(image, label, "truncated blob (" + e.getMessage() + ")", e);
    } catch (IOException | RuntimeException e) {
      throw new ImageReadException(image, label, describe(e), e);
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    if (m != null
        && (m.contains("Truncated") || m.contains("truncated") || m.contains("Unexpected end"))) {
      return "truncated blob (" + m + ")";
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private InputStream decompress(BufferedInputStream in, String label) throws IOException {
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    int b3 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
      // tar+zstd (image-spec 1.1): a streaming, pure-Java decoder; the blob digest is taken
      // below it, over the compressed bytes, as for gzip
      in.mark(16);
      byte[] header = in.readNBytes(14);
      in.reset();
      long window = zstdWindow(header);
      if (window > MAX_ZSTD_WINDOW) {
        throw new ImageReadException(
            image,
            label,
            "zstd frame asks for a "
                + window
                + "-byte window, more than the "
                + MAX_ZSTD_WINDOW
                + " bytes allowed");
      }
      return new ZstdInputStream(in);
    }
    return in;
  }

  /** zstd's own default limit for decoders (--long=27): larger windows need an explicit opt-in. */
  static final long MAX_ZSTD_WINDOW = 1L << 27;

  /**
   * The window the first zstd frame declares (RFC 8878 3.1.1.1): the decoder allocates that much,
   * so a hostile frame must not choose it. A single-segment frame's window is its content size.
   */
  static long zstdWindow(byte[] h) {
    if (h.length < 6) {
      return 0;
    }
    int descriptor = h[4] & 0xff;
    boolean singleSegment = (descriptor & 0x20) != 0;
    if (!singleSegment) {
      int wd = h[5] & 0xff;
      long base = 1L << (10 + (wd >>> 3));
      return base + (base / 8) * (wd & 7);
    }
    int dictBytes = new int[] {0, 1, 2, 4}[descriptor & 3];
    int sizeFlag = descriptor >>> 6;
    int sizeBytes = new int[] {1, 2, 4, 8}[sizeFlag];
    int at = 5 + dictBytes;
    if (h.length < at + sizeBytes) {
      return 0;
    }
    long size = 0;
    for (int i = sizeBytes - 1; i >= 0; i--) {
      size = (size << 8) | (h[at + i] & 0xff);
    }
    return sizeFlag == 1 ? size + 256 : size;
  }

  /** What one layer does to the tree: applied only once the whole layer has been verified. */
  private static final class Changes {
    final Set<String> whiteouts = new LinkedHashSet<>();
    final Set<String> opaque = new LinkedHashSet<>();
    final Set<String> replaced = new LinkedHashSet<>();
    final Map<String, Fact> added = new LinkedHashMap<>();

    void applyTo(FileTree tree) {
      for (String dir : opaque) {
        tree.removeBelow(dir);
      }
      for (String path : whiteouts) {
        tree.removeTree(path);
      }
      for (String path : replaced) {
        tree.removeTree(path);
      }
      for (Map.Entry<String, Fact> e : added.entrySet()) {
        Fact fact = e.getValue();
        if (fact instanceof Fact.OsDatabase db
            && tree.get(e.getKey()).orElse(null) instanceof Fact.OsDatabase before) {
          fact = keepIntroduction(db, before);
        }
        tree.put(e.getKey(), fact);
      }
    }

    /** A package unchanged since a lower layer's copy of the database came from that layer. */
    private static Fact keepIntroduction(Fact.OsDatabase now, Fact.OsDatabase before) {
      Map<String, String> introduced = new HashMap<>(now.introducedIn());
      for (Map.Entry<String, String> e : before.introducedIn().entrySet()) {
        if (introduced.containsKey(e.getKey())) {
          introduced.put(e.getKey(), e.getValue());
        }
      }
      return new Fact.OsDatabase(now.kind(), now.packages(), introduced, now.layer());
    }
  }

  private Changes read(InputStream tarStream, String label) throws IOException {
    Changes changes = new Changes();
    TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      if (++entries > limits.maxEntries()) {
        throw new ImageReadException(
            image, label, "more than " + limits.maxEntries() + " files in the image (tar bomb?)");
      }
      String path = normalize(e.getName(), label);
      if (path.isEmpty()) {
        continue;
      }
      int slash = path.lastIndexOf('/');
      String dir = slash < 0 ? "" : path.substring(0, slash);
      String base = path.substring(slash + 1);
      if (base.equals(OPAQUE)) {
        changes.opaque.add(dir);
        continue;
      }
      if (base.startsWith(WHITEOUT)) {
        String hidden = (dir.isEmpty() ? "" : dir + "/") + base.substring(WHITEOUT.length());
        changes.whiteouts.add(hidden);
        changes.added.remove(hidden);
        continue;
      }
      if (e.isSymbolicLink()) {
        if (++links > limits.maxLinks()) {
          throw new ImageReadException(
              image, label, "more than " + limits.maxLinks() + " symbolic links");
        }
        changes.added.put(path, new Fact.Link(e.getLinkName(), label));
        continue;
      }
      if (e.isLink()) {
        // a hard link to a file we kept: the same content under a second name
        String target = normalize(e.getLinkName(), label);
        Fact same = changes.added.get(target);
        if (same == null) {
          same = tree.get(target).orElse(null);
        }
        if (same != null
            && !(same instanceof Fact.Link)
            && WantedFiles.of(path) != WantedFiles.NONE) {
          changes.added.put(path, same);
        } else if (tree.contains(path)) {
          changes.replaced.add(path);
        }
        continue;
      }
      WantedFiles kind = e.isFile() ? WantedFiles.of(path) : WantedFiles.NONE;
      if (kind == WantedFiles.NONE) {
        if (tree.contains(path)) {
          changes.replaced.add(path);
        }
        changes.added.remove(path);
        continue;
      }
      Fact fact = parse(kind, path, e, tar, label);
      if (fact != null) {
        changes.added.put(path, fact);
      } else if (tree.contains(path)) {
        changes.replaced.add(path);
      }
    }
    return changes;
  }

  private Fact parse(
      WantedFiles kind, String path, TarArchiveEntry e, TarArchiveInputStream tar, String label)
      throws IOException {
    long cap = kind == WantedFiles.JAR ? limits.maxArchiveBytes() : limits.maxDatabaseBytes();
    if (e.getRealSize() > cap || e.getSize() > cap) {
      if (kind == WantedFiles.JAR) {
        return null; // an oversized archive is skipped, not trusted
      }
      throw new ImageReadException(
          image,
          label,
          path + " is " + e.getRealSize() + " bytes, more than the " + cap + " allowed");
    }
    InputStream in = new Limited(tar, cap, path);
    try {
      return switch (kind) {
        case OS_RELEASE ->
            new Fact.Text(
                new String(Limited.read(in, 64 * 1024, path), StandardCharsets.UTF_8), label);
        case DPKG -> osDatabase(Fact.Kind.DPKG, DpkgStatus.read(in), label);
        case APK -> osDatabase(Fact.Kind.APK, ApkInstalled.read(in), label);
        case JAR -> lang(JarScanner.scan(in, path), label);
        case NPM_MANIFEST -> lang(LanguageFiles.npmManifest(in, path), label);
        case NPM_LOCK -> lang(LanguageFiles.npmLock(in, path), label);
        case PYTHON -> lang(LanguageFiles.pythonMetadata(in, path), label);
        case NONE -> null;
      };
    } catch (Limited.TooLarge tooLarge) {
      throw new ImageReadException(image, label, tooLarge.getMessage());
    } catch (IOException | RuntimeException bad) {
      if (kind == WantedFiles.JAR
          || kind == WantedFiles.NPM_MANIFEST
          || kind == WantedFiles.NPM_LOCK) {
        return null; // a broken application file hides no package we could name
      }
      throw bad;
    }
  }

  private static Fact lang(List<LangPackage> packages, String label) {
    return packages.isEmpty() ? null : new Fact.Lang(packages, label);
  }

  private static Fact osDatabase(Fact.Kind kind, List<OsPackage> packages, String label) {
    Map<String, String> introduced = new HashMap<>();
    for (OsPackage p : packages) {
      introduced.put(p.name() + "@" + p.version(), label);
    }
    return new Fact.OsDatabase(kind, new ArrayList<>(packages), introduced, label);
  }

  /**
   * A tar entry's name as a path inside the image. A leading {@code /} or {@code ./} is dropped; a
   * {@code ..} that would climb out of the image root is an error (path traversal).
   */
  String normalize(String name, String label) throws ImageReadException {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new ImageReadException(
              image, label, "entry '" + name + "' escapes the image root (path traversal)");
        }
        parts.remove(parts.size() - 1);
        continue;
      }
      parts.add(part);
    }
    if (name.indexOf('\0') >= 0) {
      throw new ImageReadException(image, label, "entry name contains a NUL byte");
    }
    return String.join("/", parts);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  /** Counts what passes through. */
  private static final class CountingStream extends java.io.FilterInputStream {
    long count;
    long cap = Long.MAX_VALUE;
    String what = "";

    private void check() throws IOException {
      if (count > cap) {
        throw new IOException(what);
      }
    }

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
        check();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        check();
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // skipping must still hash every byte
      long done = 0;
      byte[] buf = new byte[8192];
      while (done < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - done));
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    }
  }
}
