package dev.kordon.source;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Resolves plain YAML scalars the way Kubernetes reads manifests (sigs.k8s.io/yaml on go-yaml v2,
 * YAML 1.1 rules): {@code yes}/{@code on} are booleans and {@code 0644} is octal, so that a {@code
 * privileged: yes} is caught and {@code defaultMode: 0644} means 420.
 */
final class ScalarTypes {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Set<String> TRUE =
      Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE");
  private static final Set<String> FALSE =
      Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE");
  private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
  private static final Pattern OCTAL_11 = Pattern.compile("[-+]?0[0-7_]+");
  private static final Pattern OCTAL_12 = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+");
  private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  private ScalarTypes() {}

  /** The node for a plain (unquoted, untagged) scalar. */
  static JsonNode plain(String v) {
    if (NULL.contains(v)) {
      return NODES.nullNode();
    }
    if (TRUE.contains(v)) {
      return NODES.booleanNode(true);
    }
    if (FALSE.contains(v)) {
      return NODES.booleanNode(false);
    }
    if (v.length() > 64) {
      return NODES.stringNode(v);
    }
    char c = v.charAt(0);
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
      JsonNode number = number(v);
      if (number != null) {
        return number;
      }
    }
    return NODES.stringNode(v);
  }

  private static JsonNode number(String v) {
    if (DECIMAL.matcher(v).matches()) {
      return integer(v.replace("_", ""), 10);
    }
    if (OCTAL_11.matcher(v).matches()) {
      return integer(v.replace("_", ""), 8);
    }
    if (OCTAL_12.matcher(v).matches()) {
      return integer(v.substring(2), 8);
    }
    if (HEX.matcher(v).matches()) {
      String digits = v.replace("_", "");
      boolean negative = digits.startsWith("-");
      digits = digits.replaceFirst("^[-+]?0x", "");
      return integer((negative ? "-" : "") + digits, 16);
    }
    if (FLOAT.matcher(v).matches() && !v.equals(".")) {
      try {
        return NODES.numberNode(Double.parseDouble(v.replace("_", "")));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (INF.matcher(v).matches()) {
      return NODES.numberNode(
          v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (NAN.matcher(v).matches()) {
      return NODES.numberNode(Double.NaN);
    }
    return null;
  }

  private static JsonNode integer(String digits, int radix) {
    BigInteger big = new BigInteger(digits, radix);
    return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
  }

  /** The node for an explicitly tagged scalar ({@code !!int "5"}); unknown tags stay strings. */
  static JsonNode tagged(String tag, String v) {
    switch (tag) {
      case "tag:yaml.org,2002:str":
        return NODES.stringNode(v);
      case "tag:yaml.org,2002:null":
        return NODES.nullNode();
      case "tag:yaml.org,2002:bool":
      case "tag:yaml.org,2002:int":
      case "tag:yaml.org,2002:float":
        JsonNode n = plain(v);
        return n.isString() ? NODES.stringNode(v) : n;
      default:
        return NODES.stringNode(v);
    }
  }
}
