package dev.kordon.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

  private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\n";

  @TempDir Path dir;

  private final FileSource source = new FileSource();

  private void write(String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void walksDirectoriesInSortedOrderIncludingHiddenOnes() throws IOException {
    write("b.yaml", CM.formatted("b"));
    write("a/z.yml", CM.formatted("z"));
    write(
        ".hidden/h.json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"h\"}}");
    write("notes.txt", "not a manifest");
    ReadResult r = source.read(List.of(dir.toString()), InputStream.nullInputStream());
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("h", "z", "b");
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void badFileIsAnErrorAndTheOthersAreStillRead() throws IOException {
    write("good.yaml", CM.formatted("good"));
    write("bad.yaml", "apiVersion: v1\nkind: [unclosed\n");
    ReadResult r = source.read(List.of(dir.toString()), InputStream.nullInputStream());
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("good");
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.isError()).isTrue();
              assertThat(e.file()).endsWith("bad.yaml");
              assertThat(e.line()).isGreaterThan(0);
            });
  }

  @Test
  void binaryFilesAreSkippedWithANote() throws IOException {
    Path p = dir.resolve("image.yaml");
    Files.write(p, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});
    ReadResult r = source.read(List.of(p.toString()), InputStream.nullInputStream());
    assertThat(r.objects()).isEmpty();
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.isError()).isFalse();
              assertThat(e.message()).contains("binary");
            });
  }

  @Test
  void invalidUtf8IsAnError() throws IOException {
    Path p = dir.resolve("latin1.yaml");
    Files.write(p, "kind: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    ReadResult r = source.read(List.of(p.toString()), InputStream.nullInputStream());
    assertThat(r.problems()).singleElement().satisfies(e -> assertThat(e.isError()).isTrue());
  }

  @Test
  void symlinksOutOfTheTreeAreNotFollowed() throws IOException {
    Path outside = Files.createTempFile("kordon-outside", ".yaml");
    try {
      Files.writeString(outside, CM.formatted("outside"));
      Files.createDirectories(dir.resolve("tree"));
      Files.createSymbolicLink(dir.resolve("tree/link.yaml"), outside);
      write("tree/in.yaml", CM.formatted("in"));
      Files.createSymbolicLink(dir.resolve("tree/alias.yaml"), dir.resolve("tree/in.yaml"));
      ReadResult r =
          source.read(List.of(dir.resolve("tree").toString()), InputStream.nullInputStream());
      assertThat(r.objects()).extracting(KubeObject::name).containsExactly("in", "in");
      assertThat(r.problems())
          .singleElement()
          .satisfies(e -> assertThat(e.message()).contains("outside the scanned tree"));
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void readsStandardInputForDash() {
    ReadResult r =
        source.read(
            List.of("-"),
            new ByteArrayInputStream(CM.formatted("piped").getBytes(StandardCharsets.UTF_8)));
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("piped");
    assertThat(r.objects().get(0).origin().describe()).startsWith("<stdin>");
  }

  @Test
  void missingPathIsAnError() {
    ReadResult r =
        source.read(List.of(dir.resolve("nope").toString()), InputStream.nullInputStream());
    assertThat(r.problems()).extracting(ScanError::isError).containsExactly(true);
  }

  @Test
  void chartsAndOverlaysAreListedForRenderingAndTheirFilesNeverReadAsManifests()
      throws IOException {
    write("chart/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
    write("chart/templates/d.yaml", "kind: {{ .Values.kind }}\n");
    write("overlay/kustomization.yaml", "resources: [d.yaml]\n");
    write("overlay/d.yaml", CM.formatted("in-overlay"));
    write("app-1.0.0.tgz", "not read here");
    write("plain.yaml", CM.formatted("plain"));
    FileSource.Listing listing =
        source.list(List.of(dir.toString(), dir.resolve("app-1.0.0.tgz").toString()));
    assertThat(listing.charts())
        .containsExactly(dir.resolve("chart").toString(), dir.resolve("app-1.0.0.tgz").toString());
    assertThat(listing.overlays()).containsExactly(dir.resolve("overlay").toString());
    ReadResult r = source.read(listing, InputStream.nullInputStream(), n -> {});
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("plain");
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void oversizedFilesAreRefusedUnread() throws IOException {
    FileSource tiny = new FileSource(new ReaderLimits(100, 100, 10, 100, 10));
    write("big.yaml", CM.formatted("x".repeat(200)));
    ReadResult r = tiny.read(List.of(dir.toString()), InputStream.nullInputStream());
    assertThat(r.objects()).isEmpty();
    assertThat(r.problems())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("larger"));
  }

  @Test
  void decodesAsciiAndUtf8AlikeWithoutTheByteOrderMarkAndRefusesMalformedInput()
      throws java.nio.charset.CharacterCodingException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String ascii = "kind: ConfigMap\n";
    String utf8 = "name: caf\u00e9 \u20ac \uD83D\uDE00\n";
    for (String text : List.of("", ascii, utf8)) {
      byte[] plain = text.getBytes(StandardCharsets.UTF_8);
      byte[] marked = new byte[bom.length + plain.length];
      System.arraycopy(bom, 0, marked, 0, bom.length);
      System.arraycopy(plain, 0, marked, bom.length, plain.length);
      assertThat(FileSource.decode(plain)).isEqualTo(text);
      assertThat(FileSource.decode(marked)).isEqualTo(text);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FileSource.decode(new byte[] {'a', (byte) 0xC3, 'b'}))
        .isInstanceOf(java.nio.charset.CharacterCodingException.class);
  }
}
