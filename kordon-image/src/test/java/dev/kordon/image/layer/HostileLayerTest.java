package dev.kordon.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.image.inventory.Inventories;
import dev.kordon.image.testing.TestImages;
import dev.kordon.image.testing.TestLayer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** Bad layers end with one clear error naming the image and the layer, in bounded memory. */
class HostileLayerTest {

  static final ImageLimits SMALL = new ImageLimits(1_000, 1L << 20, 64 * 1024, 1L << 20, 100);

  static LayerBlob blob(byte[] bytes) {
    return new LayerBlob(TestImages.sha256(bytes), bytes.length, false);
  }

  static LayerApplier apply(ImageLimits limits, byte[]... layers) throws ImageReadException {
    LayerApplier a = new LayerApplier("img", limits);
    for (byte[] l : layers) {
      a.apply(blob(l), new ByteArrayInputStream(l));
    }
    return a;
  }

  @Test
  void aDigestMismatchNamesImageAndLayer() {
    byte[] layer = new TestLayer().file("etc/os-release", "ID=debian\n").tgz();
    LayerBlob claimed = new LayerBlob("sha256:" + "0".repeat(64), layer.length, false);
    assertThatThrownBy(
            () -> new LayerApplier("img", SMALL).apply(claimed, new ByteArrayInputStream(layer)))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("img layer sha256:000")
        .hasMessageContaining("digest mismatch");
  }

  @Test
  void aZstdLayerIsDecompressedAndItsCompressedDigestVerified() throws Exception {
    byte[] layer = TestLayer.zstd(new TestLayer().file("etc/os-release", "ID=debian\n").tar());
    assertThat(apply(SMALL, layer).tree().get("etc/os-release")).isPresent();
    byte[] bad = layer.clone();
    bad[bad.length / 2] ^= 1;
    LayerBlob claimed = blob(layer);
    assertThatThrownBy(
            () -> new LayerApplier("img", SMALL).apply(claimed, new ByteArrayInputStream(bad)))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("img layer " + claimed.digest());
  }

  @Test
  void aZstdBombHitsTheUncompressedLimit() throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry e = new TarArchiveEntry("zeros");
      e.setSize(4L << 20);
      tar.putArchiveEntry(e);
      tar.write(new byte[4 << 20]);
      tar.closeArchiveEntry();
    }
    byte[] layer = TestLayer.zstd(out.toByteArray());
    assertThat(layer.length).isLessThan(1 << 16);
    assertThatThrownBy(() -> apply(SMALL, layer)).hasMessageContaining("tar bomb");
  }

  @Test
  void aZstdFrameAskingForAHugeWindowIsRefusedBeforeAllocating() {
    // frame header: magic, descriptor 0 (no single segment), window descriptor: 2^(10+31) bytes
    byte[] frame = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x00, (byte) (31 << 3), 1, 0, 0};
    assertThat(LayerApplier.zstdWindow(frame)).isEqualTo(1L << 41);
    assertThatThrownBy(() -> apply(SMALL, frame))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("zstd frame asks for a 2199023255552-byte window");
  }

  @Test
  void bytesSkippedByTheTarReaderStillCountForTheDigest() {
    // an uncompressed layer whose unread file content is altered after the digest was taken
    byte[] good =
        new TestLayer()
            .file("usr/share/doc/big.txt", "x".repeat(5000))
            .file("etc/os-release", "ID=debian\n")
            .tar();
    byte[] bad = good.clone();
    bad[600] ^= 1;
    LayerBlob claimed = blob(good);
    assertThatThrownBy(
            () -> new LayerApplier("img", SMALL).apply(claimed, new ByteArrayInputStream(bad)))
        .hasMessageContaining("digest mismatch");
  }

  @Test
  void aTruncatedBlobIsReportedAsTruncated() {
    byte[] layer =
        new TestLayer().file("var/lib/dpkg/status", "Package: a\nVersion: 1\n".repeat(200)).tgz();
    byte[] cut = Arrays.copyOf(layer, layer.length / 2);
    LayerBlob claimed = blob(layer);
    assertThatThrownBy(
            () -> new LayerApplier("img", SMALL).apply(claimed, new ByteArrayInputStream(cut)))
        .hasMessageContaining("img layer " + claimed.digest())
        .hasMessageContaining("truncated");
  }

  @Test
  void pathTraversalIsRefused() {
    byte[] layer = new TestLayer().file("../../etc/passwd", "root").tgz();
    assertThatThrownBy(() -> apply(SMALL, layer))
        .hasMessageContaining("escapes the image root")
        .hasMessageContaining("../../etc/passwd");
  }

  @Test
  void absolutePathsAndSymlinkTricksStayInsideTheImage() throws Exception {
    // os-release points far above the root: resolution clamps at the image root, never the host
    byte[] layer =
        new TestLayer()
            .symlink("etc/os-release", "../../../../../../usr/lib/os-release")
            .file("/usr/lib/os-release", "ID=alpine\nVERSION_ID=3.20.1\n")
            .tgz();
    LayerApplier a = apply(SMALL, layer);
    var inv = Inventories.of("img", "", List.of(), a.tree());
    assertThat(inv.os().id()).isEqualTo("alpine");
    // a symlink loop ends without hanging
    LayerApplier loop =
        apply(
            SMALL,
            new TestLayer()
                .symlink("etc/os-release", "os-release2")
                .symlink("etc/os-release2", "os-release")
                .tgz());
    assertThat(Inventories.of("img", "", List.of(), loop.tree()).os().known()).isFalse();
  }

  @Test
  void tooManyFilesIsATarBomb() {
    TestLayer many = new TestLayer();
    for (int i = 0; i < 1_200; i++) {
      many.file("f/" + i, "");
    }
    assertThatThrownBy(() -> apply(SMALL, many.tgz())).hasMessageContaining("more than 1000 files");
  }

  @Test
  void aHugeEntryIsCappedWhileStreaming() throws IOException {
    // 4 MiB of zeros compresses to a few KiB: a small blob that expands past the layer cap
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry e = new TarArchiveEntry("zeros");
      e.setSize(4L << 20);
      tar.putArchiveEntry(e);
      tar.write(new byte[4 << 20]);
      tar.closeArchiveEntry();
    }
    byte[] gz = TestLayer.gzip(out.toByteArray());
    assertThat(gz.length).isLessThan(64 * 1024);
    assertThatThrownBy(() -> apply(SMALL, gz)).hasMessageContaining("tar bomb");
  }

  @Test
  void aHugeStatusFileIsRefusedWithItsName() {
    byte[] layer =
        new TestLayer()
            .file("var/lib/dpkg/status", "Package: a\nVersion: 1\n\n".repeat(5_000))
            .tgz();
    assertThatThrownBy(() -> apply(SMALL, layer))
        .hasMessageContaining("var/lib/dpkg/status")
        .hasMessageContaining("allowed");
  }

  @Test
  void whiteoutsAndOpaqueDirectoriesHideLowerFiles() throws Exception {
    byte[] lower =
        new TestLayer()
            .file("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\n")
            .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
            .file("app/node_modules/a/package.json", "{\"name\":\"a\",\"version\":\"1.0.0\"}")
            .file("app/node_modules/b/package.json", "{\"name\":\"b\",\"version\":\"1.0.0\"}")
            .tgz();
    byte[] upper =
        new TestLayer()
            .opaque("app/node_modules")
            .file("app/node_modules/c/package.json", "{\"name\":\"c\",\"version\":\"2.0.0\"}")
            .whiteout("lib/apk")
            .tgz();
    var inv = Inventories.of("img", "", List.of(), apply(SMALL, lower, upper).tree());
    assertThat(inv.packages())
        .extracting(p -> p.name() + "@" + p.version())
        .containsExactly("c@2.0.0");
  }

  @Test
  void aLaterLayerKeepsTheLayerWherePackagesFirstAppeared() throws Exception {
    byte[] l1 = new TestLayer().file("var/lib/dpkg/status", "Package: a\nVersion: 1\n\n").tgz();
    byte[] l2 =
        new TestLayer()
            .file("var/lib/dpkg/status", "Package: a\nVersion: 1\n\nPackage: b\nVersion: 2\n")
            .tgz();
    var inv = Inventories.of("img", "", List.of(), apply(SMALL, l1, l2).tree());
    assertThat(inv.packages())
        .extracting(p -> p.name() + " " + p.layer())
        .containsExactly("a " + TestImages.sha256(l1), "b " + TestImages.sha256(l2));
  }
}
