package dev.kordon.image.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.kordon.image.ImageReader;
import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.layer.ImageLimits;
import dev.kordon.image.source.DockerConfig;
import dev.kordon.image.source.Platform;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.TestImages;
import dev.kordon.image.vuln.EndOfLife;
import dev.kordon.image.vuln.OsvDatabase;
import dev.kordon.image.vuln.VulnerabilityMatcher;
import dev.kordon.testing.SharedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SBOM validates against the official CycloneDX 1.6 schema and reads back as the same
 * inventory.
 */
class CycloneDxTest {

  @TempDir Path tmp;

  static final String BASE = "http://cyclonedx.org/schema/";

  static Schema schema() throws Exception {
    Path dir = SharedCorpus.require("reference/schemas/cyclonedx-1.6");
    Map<String, String> schemas =
        Map.of(
            BASE + "bom-1.6.schema.json", Files.readString(dir.resolve("bom-1.6.schema.json")),
            BASE + "spdx.schema.json", Files.readString(dir.resolve("spdx.schema.json")),
            BASE + "jsf-0.82.schema.json", Files.readString(dir.resolve("jsf-0.82.schema.json")));
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemas(schemas));
    return registry.getSchema(com.networknt.schema.SchemaLocation.of(BASE + "bom-1.6.schema.json"));
  }

  ImageScan scan() throws Exception {
    Path layout = tmp.resolve("debian");
    TestImages.ociLayout(layout, "12", Fixtures.debian());
    ImageInventory inv =
        new ImageReader(DockerConfig.NONE, Platform.DEFAULT, false, ImageLimits.DEFAULT)
            .read("oci:" + layout);
    OsvDatabase db = OsvDatabase.load(Fixtures.osv(tmp.resolve("osv")));
    return new ImageScan(
        inv,
        new VulnerabilityMatcher(db).match(inv.packages()),
        EndOfLife.builtIn().ended(inv.os(), LocalDate.now()));
  }

  @Test
  void theSbomIsValidCycloneDx16AndReadsBack() throws Exception {
    Schema schema = schema();
    ImageScan scan = scan();
    String json = CycloneDxWriter.write(List.of(scan), Instant.parse("2026-01-01T00:00:00Z"));
    JsonNode tree = JsonMapper.builder().build().readTree(json);
    List<Error> errors = schema.validate(tree);
    assertThat(errors).as("CycloneDX 1.6 schema violations").isEmpty();
    assertThat(tree.path("specVersion").asString()).isEqualTo("1.6");
    assertThat(tree.path("components")).hasSize(Fixtures.DEBIAN_PACKAGES.size());
    assertThat(tree.path("vulnerabilities")).hasSize(Fixtures.DEBIAN_VULNS.size());
    assertThat(tree.path("dependencies").get(0).path("dependsOn"))
        .hasSize(Fixtures.DEBIAN_PACKAGES.size());

    // a broken SBOM is caught by the same schema: the test can fail
    ((tools.jackson.databind.node.ObjectNode) tree).put("specVersion", 16);
    assertThat(schema.validate(tree)).isNotEmpty();

    Path file = tmp.resolve("sbom.json");
    Files.writeString(file, json);
    ImageInventory back = SbomReader.read(file);
    assertThat(back.os().id()).isEqualTo("debian");
    assertThat(
            back.packages().stream()
                .filter(p -> p.name().equals("bash"))
                .findFirst()
                .orElseThrow()
                .sourceVersion())
        .isEqualTo("5.2.15-2");
    assertThat(back.packages())
        .extracting(p -> p.ecosystem() + " " + p.name() + " " + p.version())
        .containsExactlyInAnyOrderElementsOf(Fixtures.DEBIAN_PACKAGES);
    OsvDatabase db = OsvDatabase.load(tmp.resolve("osv"));
    assertThat(new VulnerabilityMatcher(db).match(back.packages()))
        .extracting(m -> m.id() + " " + m.pkg())
        .containsExactlyInAnyOrderElementsOf(
            scan.vulnerabilities().stream().map(m -> m.id() + " " + m.pkg()).toList());
  }

  @Test
  void aFileThatIsNotCycloneDxIsAClearError() throws Exception {
    Path file = tmp.resolve("x.json");
    Files.writeString(file, "{\"hello\": 1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SbomReader.read(file))
        .hasMessageContaining("sbom:" + file)
        .hasMessageContaining("not a CycloneDX JSON SBOM");
  }
}
