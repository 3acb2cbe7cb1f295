package dev.kordon.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 1.5Gi}, {@code 2e3}) as an exact decimal.
 * Equality and order are by value, as {@code resource.Quantity.Cmp}: {@code 1000m == 1}.
 */
final class Quantity implements Comparable<Quantity> {

  static final Quantity ZERO = new Quantity(BigDecimal.ZERO);

  private static final Pattern FORMAT =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))((?:[eE][+-]?[0-9]+)|[KMGTPE]i|[numkMGTPE]?)");
  private static final BigDecimal MAX_INT64 = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal MIN_INT64 = BigDecimal.valueOf(Long.MIN_VALUE);

  private final BigDecimal value;

  private Quantity(BigDecimal value) {
    this.value = value;
  }

  static Quantity of(long value) {
    return new Quantity(BigDecimal.valueOf(value));
  }

  /** Parses the Kubernetes quantity syntax; anything else is an error. */
  static Quantity parse(String text) {
    if (text.length() > 64) {
      throw new IllegalArgumentException("quantities must match the regular expression");
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("quantities must match the regular expression");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    return new Quantity(number.multiply(multiplier(suffix)));
  }

  static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static BigDecimal multiplier(String suffix) {
    if (suffix.isEmpty()) {
      return BigDecimal.ONE;
    }
    char c = suffix.charAt(0);
    if (c == 'e' || c == 'E') {
      int exp = Integer.parseInt(suffix.substring(1));
      if (Math.abs(exp) > 1000) {
        throw new IllegalArgumentException("quantity exponent out of range");
      }
      return BigDecimal.ONE.scaleByPowerOfTen(exp);
    }
    if (suffix.length() == 2) {
      int power = "KMGTPE".indexOf(c) + 1;
      return new BigDecimal(BigInteger.TWO.pow(10 * power));
    }
    switch (c) {
      case 'n':
        return BigDecimal.ONE.scaleByPowerOfTen(-9);
      case 'u':
        return BigDecimal.ONE.scaleByPowerOfTen(-6);
      case 'm':
        return BigDecimal.ONE.scaleByPowerOfTen(-3);
      case 'k':
        return BigDecimal.ONE.scaleByPowerOfTen(3);
      case 'M':
        return BigDecimal.ONE.scaleByPowerOfTen(6);
      case 'G':
        return BigDecimal.ONE.scaleByPowerOfTen(9);
      case 'T':
        return BigDecimal.ONE.scaleByPowerOfTen(12);
      case 'P':
        return BigDecimal.ONE.scaleByPowerOfTen(15);
      case 'E':
        return BigDecimal.ONE.scaleByPowerOfTen(18);
      default:
        throw new IllegalArgumentException("unknown quantity suffix " + suffix);
    }
  }

  long sign() {
    return value.signum();
  }

  /** Whether the value is a whole number that fits in an int64. */
  boolean isInteger() {
    return value.stripTrailingZeros().scale() <= 0
        && value.compareTo(MAX_INT64) <= 0
        && value.compareTo(MIN_INT64) >= 0;
  }

  long asInteger() {
    if (!isInteger()) {
      throw new IllegalArgumentException("cannot convert value to integer");
    }
    return value.longValueExact();
  }

  double asApproximateFloat() {
    return value.doubleValue();
  }

  Quantity add(Quantity other) {
    return new Quantity(value.add(other.value));
  }

  Quantity sub(Quantity other) {
    return new Quantity(value.subtract(other.value));
  }

  @Override
  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity && ((Quantity) o).value.compareTo(value) == 0;
  }

  @Override
  public int hashCode() {
    return value.stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return value.stripTrailingZeros().toPlainString();
  }
}
