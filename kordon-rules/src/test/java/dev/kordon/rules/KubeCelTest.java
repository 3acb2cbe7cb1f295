package dev.kordon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.values.NullValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Kubernetes CEL libraries Kordon implements, against upstream's documented examples. */
class KubeCelTest {

  private static final KubeCel CEL = new KubeCel();

  static Object eval(String expr) throws EvaluationError {
    return eval(expr, Map.of());
  }

  static Object eval(String expr, Object object) throws EvaluationError {
    KubeCel.Compiled c = CEL.compile("expr", expr, KubeCel.Result.ANY);
    assertThat(c.isOk()).as(() -> c.error().describe()).isTrue();
    Map<String, Object> vars = new HashMap<>();
    for (String v : KubeCel.VARIABLES) {
      vars.put(v, NullValue.NULL_VALUE);
    }
    vars.put("object", object);
    return c.expression().eval(vars);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // lists
        "[1, 2, 3].isSorted() | true",
        "['b', 'a'].isSorted() | false",
        "[1, 2, 3].sum() == 6 | true",
        "[1.5, 2.5].sum() == 4.0 | true",
        "[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3 | true",
        "[1, 2, 2, 3].indexOf(2) == 1 && [1, 2, 2, 3].lastIndexOf(2) == 2 | true",
        "['a'].indexOf('z') == -1 | true",
        // regex
        "'abc 123'.find('[0-9]+') == '123' | true",
        "'abc'.find('[0-9]+') == '' | true",
        "'123 abc 456'.findAll('[0-9]+') == ['123', '456'] | true",
        "'123 abc 456'.findAll('[0-9]+', 1) == ['123'] | true",
        "'foobar'.matches('o+b') | true",
        // quantity
        "quantity('1Gi').isGreaterThan(quantity('1G')) | true",
        "quantity('500m').isLessThan(quantity('1')) | true",
        "quantity('1000m') == quantity('1') | true",
        "quantity('1.5').isInteger() | false",
        "quantity('2k').asInteger() == 2000 | true",
        "quantity('50Mi').asApproximateFloat() == 52428800.0 | true",
        "quantity('1').add(quantity('500m')) == quantity('1500m') | true",
        "quantity('2').sub(1) == quantity('1') | true",
        "quantity('-3').sign() == -1 | true",
        "quantity('1e3').compareTo(quantity('1k')) == 0 | true",
        "isQuantity('1.5Gi') && !isQuantity('1.5GB') && !isQuantity('') | true",
        "[quantity('1'), quantity('2')].sum() == quantity('3') | true",
        // URL
        "url('https://example.com:80/a%20b?x=1&x=2').getScheme() == 'https' | true",
        "url('https://example.com:80/').getHost() == 'example.com:80' | true",
        "url('https://[::1]:80/').getHostname() == '::1' | true",
        "url('https://example.com:80/').getPort() == '80' | true",
        "url('https://example.com/a%20b').getEscapedPath() == '/a%20b' | true",
        "url('https://example.com/?x=1&x=2&y').getQuery() == {'x': ['1', '2'], 'y': ['']} | true",
        "url('/absolute/path').getHost() == '' | true",
        "isURL('https://example.com') && !isURL('relative/path') | true",
        // IP and CIDR
        "isIP('192.168.0.1') && isIP('::1') && !isIP('192.168.0.01') && !isIP('fe80::1%eth0') | true",
        "isIP('::ffff:1.2.3.4') | false",
        "ip('192.168.0.1').family() == 4 && ip('::1').family() == 6 | true",
        "ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1') | true",
        "ip('127.0.0.1').isLoopback() && ip('0.0.0.0').isUnspecified() | true",
        "ip('169.254.1.1').isLinkLocalUnicast() && ip('224.0.0.1').isLinkLocalMulticast() | true",
        "ip('10.0.0.1').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast() | true",
        "cidr('192.168.0.0/24').containsIP(ip('192.168.0.7')) | true",
        "cidr('192.168.0.0/24').containsIP('192.168.1.7') | false",
        "cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && !cidr('10.0.0.0/16').containsCIDR('10.0.0.0/8') | true",
        "cidr('192.168.0.5/24').masked() == cidr('192.168.0.0/24') | true",
        "string(cidr('192.168.0.5/24').masked()) == '192.168.0.0/24' | true",
        "cidr('2001:db8::/32').prefixLength() == 32 && string(cidr('10.0.0.1/8').ip()) == '10.0.0.1' | true",
        "!isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0') && isCIDR('::/0') | true",
        "string(ip('2001:db8:0:0:0:0:0:1')) == '2001:db8::1' | true",
        // format
        "format.dns1123Label().validate('my-name') == optional.none() | true",
        "format.dns1123Label().validate('My_Name').hasValue() | true",
        "format.named('dns1123Subdomain').value().validate('a.b.c') == optional.none() | true",
        "format.named('nope').hasValue() | false",
        "format.qualifiedName().validate('example.com/my-key') == optional.none() | true",
        "format.labelValue().validate('-bad').hasValue() | true",
        // strings and sets extensions from cel-java
        "'Hello'.lowerAscii() == 'hello' && 'a,b'.split(',') == ['a', 'b'] | true",
        "['a', 'b'].join('-') == 'a-b' && '  x '.trim() == 'x' | true",
        "sets.contains([1, 2, 3], [3, 1]) && sets.intersects([1], [1, 4]) | true",
      })
  void kubernetesFunctions(String expr, boolean expected) throws EvaluationError {
    assertThat(eval(expr)).isEqualTo(expected);
  }

  @Test
  void jsonIntsAreLongsAndNullIsCelNull() throws EvaluationError {
    var tree =
        new tools.jackson.databind.ObjectMapper()
            .readTree("{\"spec\": {\"replicas\": 3, \"ratio\": 0.5, \"x\": null}}");
    Object object = KubeValues.of(tree);
    assertThat(eval("object.spec.replicas > 2 && object.spec.ratio < 1.0", object)).isEqualTo(true);
    assertThat(eval("!has(object.spec.x) && size(object.spec) == 2", object))
        .as("a null field is absent, as the API server decodes it")
        .isEqualTo(true);
    assertThat(eval("object.spec.map(k, k) == ['replicas', 'ratio']", object)).isEqualTo(true);
    assertThat(eval("object.spec == {'replicas': 3, 'ratio': 0.5}", object)).isEqualTo(true);
  }

  @Test
  void runtimeErrorsSurfaceAsEvaluationErrors() {
    assertThatThrownBy(() -> eval("quantity('12 apples') == quantity('1')"))
        .isInstanceOf(EvaluationError.class)
        .hasMessageContaining("quantities must match");
    assertThatThrownBy(() -> eval("object.spec.missing == 1", Map.of("spec", Map.of())))
        .isInstanceOf(EvaluationError.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> eval("[].min() == 1")).isInstanceOf(EvaluationError.class);
  }

  @Test
  void listHelpers() {
    assertThat(ListsLibrary.isSorted(List.of(1L, 1L, 2L))).isTrue();
    assertThatThrownBy(() -> ListsLibrary.compare(1L, "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
