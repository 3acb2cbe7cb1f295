package dev.kordon.report.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArtifactUriTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "k8s/app.yaml | k8s/app.yaml | true",
        "./k8s/app.yaml | k8s/app.yaml | true",
        "././a.yaml | a.yaml | true",
        "../other/a.yaml | ../other/a.yaml | true",
        "dir with space/a b.yaml | dir%20with%20space/a%20b.yaml | true",
        "pods/débug#1.yaml | pods/d%C3%A9bug%231.yaml | true",
        "a%b?c.yaml | a%25b%3Fc.yaml | true",
        "c:d.yaml | c%3Ad.yaml | true",
        "k8s\\win\\app.yaml | k8s/win/app.yaml | true",
        "/srv/repo/app.yaml | file:///srv/repo/app.yaml | false",
        "C:\\repo\\app x.yaml | file:///C:/repo/app%20x.yaml | false",
      })
  void escapesAndClassifies(String file, String uri, boolean relative) {
    ArtifactUri a = ArtifactUri.of(file);
    assertThat(a.uri()).isEqualTo(uri);
    assertThat(a.relative()).isEqualTo(relative);
    URI parsed = URI.create(a.uri());
    assertThat(parsed.isAbsolute())
        .as("a relative reference never parses as a scheme")
        .isEqualTo(!relative);
  }
}
