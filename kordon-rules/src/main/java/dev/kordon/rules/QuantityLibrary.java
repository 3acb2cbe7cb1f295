package dev.kordon.rules;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * Kubernetes' quantity library: {@code quantity(s)}, {@code isQuantity(s)}, {@code sign}, {@code
 * isInteger}, {@code asInteger}, {@code asApproximateFloat}, {@code add}/{@code sub} (quantity or
 * int), {@code isGreaterThan}, {@code isLessThan}, {@code compareTo}.
 */
final class QuantityLibrary implements CelLibrary {

  static final OpaqueType TYPE = OpaqueType.create("kubernetes.Quantity");

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        newFunctionDeclaration(
            "quantity", newGlobalOverload("string_to_quantity", TYPE, SimpleType.STRING)),
        newFunctionDeclaration(
            "isQuantity",
            newGlobalOverload("is_quantity_string", SimpleType.BOOL, SimpleType.STRING)),
        newFunctionDeclaration("sign", newMemberOverload("quantity_sign", SimpleType.INT, TYPE)),
        newFunctionDeclaration(
            "isInteger", newMemberOverload("quantity_is_integer", SimpleType.BOOL, TYPE)),
        newFunctionDeclaration(
            "asInteger", newMemberOverload("quantity_get_integer", SimpleType.INT, TYPE)),
        newFunctionDeclaration(
            "asApproximateFloat", newMemberOverload("quantity_get_float", SimpleType.DOUBLE, TYPE)),
        newFunctionDeclaration(
            "add",
            newMemberOverload("quantity_add", TYPE, TYPE, TYPE),
            newMemberOverload("quantity_add_int", TYPE, TYPE, SimpleType.INT)),
        newFunctionDeclaration(
            "sub",
            newMemberOverload("quantity_sub", TYPE, TYPE, TYPE),
            newMemberOverload("quantity_sub_int", TYPE, TYPE, SimpleType.INT)),
        newFunctionDeclaration(
            "isGreaterThan",
            newMemberOverload("quantity_is_greater_than", SimpleType.BOOL, TYPE, TYPE)),
        newFunctionDeclaration(
            "isLessThan", newMemberOverload("quantity_is_less_than", SimpleType.BOOL, TYPE, TYPE)),
        newFunctionDeclaration(
            "compareTo", newMemberOverload("quantity_compare_to", SimpleType.INT, TYPE, TYPE)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_to_quantity", String.class, Quantity::parse),
        CelFunctionBinding.from("is_quantity_string", String.class, Quantity::isValid),
        CelFunctionBinding.from("quantity_sign", Quantity.class, Quantity::sign),
        CelFunctionBinding.from("quantity_is_integer", Quantity.class, Quantity::isInteger),
        CelFunctionBinding.from("quantity_get_integer", Quantity.class, Quantity::asInteger),
        CelFunctionBinding.from("quantity_get_float", Quantity.class, Quantity::asApproximateFloat),
        CelFunctionBinding.from("quantity_add", Quantity.class, Quantity.class, Quantity::add),
        CelFunctionBinding.from(
            "quantity_add_int", Quantity.class, Long.class, (q, i) -> q.add(Quantity.of(i))),
        CelFunctionBinding.from("quantity_sub", Quantity.class, Quantity.class, Quantity::sub),
        CelFunctionBinding.from(
            "quantity_sub_int", Quantity.class, Long.class, (q, i) -> q.sub(Quantity.of(i))),
        CelFunctionBinding.from(
            "quantity_is_greater_than",
            Quantity.class,
            Quantity.class,
            (a, b) -> a.compareTo(b) > 0),
        CelFunctionBinding.from(
            "quantity_is_less_than", Quantity.class, Quantity.class, (a, b) -> a.compareTo(b) < 0),
        CelFunctionBinding.from(
            "quantity_compare_to",
            Quantity.class,
            Quantity.class,
            (a, b) -> (long) Integer.signum(a.compareTo(b))));
  }
}
