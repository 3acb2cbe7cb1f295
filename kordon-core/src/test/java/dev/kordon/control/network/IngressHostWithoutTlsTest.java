package dev.kordon.control.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IngressHostWithoutTlsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("shop.example.com", List.of("shop.example.com"), true),
        Arguments.of("shop.example.com", List.of("*.example.com"), true),
        Arguments.of("example.com", List.of("*.example.com"), false),
        Arguments.of("a.b.example.com", List.of("*.example.com"), false),
        Arguments.of("*.example.com", List.of("*.example.com"), true),
        Arguments.of("*.example.com", List.of("*.com"), false),
        Arguments.of("shopexample.com", List.of("*.example.com"), false),
        Arguments.of("evil-example.com", List.of("*example.com"), false),
        Arguments.of("shop.example.com", List.of(), false),
        Arguments.of("shop.example.com", List.of("", "other.example.com"), false));
  }

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @MethodSource("cases")
  void wildcardCoversExactlyOneLabel(String host, List<String> tls, boolean expected) {
    assertThat(IngressHostWithoutTls.coveredBy(host, tls)).isEqualTo(expected);
  }
}
