package dev.kordon.rules;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL types of the Kubernetes schema, as the API server declares them to type-check admission
 * policies: an object is a struct of its fields, an array a list, an object of additional
 * properties a map with string keys, integers {@code int}, strings {@code string}, booleans {@code
 * bool}. What Kordon presents differently at run time from the API server, or what the schema
 * leaves open, is {@code dyn}: int-or-string, arbitrary JSON, numbers (a JSON {@code 1} arrives as
 * an integer), timestamps and base64 bytes (both arrive as strings). So a type error is only
 * reported where the API server would report one too. Thread-safe.
 */
final class SchemaTypes implements CelTypeProvider {

  /** Struct type names are prefixed so that they never clash with CEL's own type names. */
  static final String PREFIX = "k8s.";

  private final KubeSchema schema;
  private final Map<String, StructType> structs = new ConcurrentHashMap<>();

  SchemaTypes(KubeSchema schema) {
    this.schema = schema;
  }

  /** The type of objects of this kind. */
  CelType of(KubeSchema.Kind kind) {
    return struct(kind.type());
  }

  private StructType struct(String typeName) {
    StructType known = structs.get(typeName);
    if (known != null) {
      return known;
    }
    Map<String, String> fields = schema.fields(typeName);
    StructType created =
        StructType.create(
            PREFIX + typeName,
            ImmutableSet.copyOf(fields.keySet()),
            field -> Optional.ofNullable(fields.get(field)).map(this::type));
    StructType raced = structs.putIfAbsent(typeName, created);
    return raced == null ? created : raced;
  }

  /** The CEL type of one field type of the schema's grammar (see {@link KubeSchema}). */
  CelType type(String t) {
    if (t.startsWith("[]")) {
      return ListType.create(type(t.substring(2)));
    }
    if (t.startsWith("{}")) {
      return MapType.create(SimpleType.STRING, type(t.substring(2)));
    }
    switch (t) {
      case "string":
        return SimpleType.STRING;
      case "int":
        return SimpleType.INT;
      case "bool":
        return SimpleType.BOOL;
      case "number":
      case "bytes":
      case "date-time":
      case "int-or-string":
      case "any":
        return SimpleType.DYN;
      default:
        return schema.hasType(t) && !schema.fields(t).isEmpty() ? struct(t) : SimpleType.DYN;
    }
  }

  @Override
  public ImmutableCollection<CelType> types() {
    return ImmutableList.copyOf(structs.values());
  }

  @Override
  public Optional<CelType> findType(String typeName) {
    if (!typeName.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String name = typeName.substring(PREFIX.length());
    return schema.hasType(name) ? Optional.of(struct(name)) : Optional.empty();
  }
}
