package dev.kordon.rules;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named string format of Kubernetes' format library, with the validation messages of {@code
 * k8s.io/apimachinery/pkg/util/validation}.
 */
enum NamedFormat {
  DNS1123_LABEL("dns1123Label"),
  DNS1123_SUBDOMAIN("dns1123Subdomain"),
  DNS1035_LABEL("dns1035Label"),
  QUALIFIED_NAME("qualifiedName"),
  LABEL_VALUE("labelValue"),
  UUID("uuid"),
  BYTE("byte"),
  DATE("date"),
  DATETIME("datetime"),
  URI("uri");

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern UUID_FORMAT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  final String celName;

  NamedFormat(String celName) {
    this.celName = celName;
  }

  static Optional<NamedFormat> named(String name) {
    for (NamedFormat f : values()) {
      if (f.celName.equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The validation errors, or empty when the value is valid (CEL {@code optional.none()}). */
  Optional<List<String>> validate(String value) {
    List<String> errors = new ArrayList<>();
    switch (this) {
      case DNS1123_LABEL:
        length(errors, value, 63);
        pattern(errors, value, LABEL, "a lowercase RFC 1123 label");
        break;
      case DNS1123_SUBDOMAIN:
        length(errors, value, 253);
        pattern(errors, value, SUBDOMAIN, "a lowercase RFC 1123 subdomain");
        break;
      case DNS1035_LABEL:
        length(errors, value, 63);
        pattern(errors, value, DNS1035, "a DNS-1035 label");
        break;
      case QUALIFIED_NAME:
        qualifiedName(errors, value);
        break;
      case LABEL_VALUE:
        length(errors, value, 63);
        if (!value.isEmpty()) {
          pattern(errors, value, NAME, "a valid label");
        }
        break;
      case UUID:
        pattern(errors, value, UUID_FORMAT, "a valid UUID");
        break;
      case BYTE:
        try {
          Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
          errors.add("invalid base64");
        }
        break;
      case DATE:
        try {
          LocalDate.parse(value);
        } catch (DateTimeParseException e) {
          errors.add("an RFC3339 date");
        }
        break;
      case DATETIME:
        try {
          OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
          errors.add("an RFC3339 date-time");
        }
        break;
      case URI:
        if (!KubeUrl.isValid(value)) {
          errors.add("invalid URI");
        }
        break;
      default:
        throw new IllegalStateException(name());
    }
    return errors.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(errors));
  }

  private static void length(List<String> errors, String value, int max) {
    if (value.length() > max) {
      errors.add("must be no more than " + max + " characters");
    }
  }

  private static void pattern(List<String> errors, String value, Pattern p, String what) {
    if (!p.matcher(value).matches()) {
      errors.add("must be " + what);
    }
  }

  private static void qualifiedName(List<String> errors, String value) {
    String name = value;
    int slash = value.indexOf('/');
    if (slash >= 0) {
      String prefix = value.substring(0, slash);
      name = value.substring(slash + 1);
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        length(errors, prefix, 253);
        pattern(errors, prefix, SUBDOMAIN, "a lowercase RFC 1123 subdomain");
      }
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
      return;
    }
    length(errors, name, 63);
    pattern(errors, name, NAME, "a valid name part of a qualified name");
  }
}
