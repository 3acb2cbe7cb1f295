package dev.kordon.rules;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * Kubernetes' list library: {@code isSorted}, {@code sum}, {@code min}, {@code max}, {@code
 * indexOf}, {@code lastIndexOf}. Elements are compared as CEL orders them (ints, uints, doubles,
 * strings, bools, bytes); mixing kinds is an error, as upstream.
 */
final class ListsLibrary implements CelLibrary {

  private static final TypeParamType T = TypeParamType.create("T");
  private static final ListType LIST_T = ListType.create(T);

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        newFunctionDeclaration(
            "isSorted", newMemberOverload("list_is_sorted", SimpleType.BOOL, LIST_T)),
        newFunctionDeclaration("sum", newMemberOverload("list_sum", T, LIST_T)),
        newFunctionDeclaration("min", newMemberOverload("list_min", T, LIST_T)),
        newFunctionDeclaration("max", newMemberOverload("list_max", T, LIST_T)),
        newFunctionDeclaration(
            "indexOf", newMemberOverload("list_index_of", SimpleType.INT, LIST_T, T)),
        newFunctionDeclaration(
            "lastIndexOf", newMemberOverload("list_last_index_of", SimpleType.INT, LIST_T, T)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("list_is_sorted", List.class, ListsLibrary::isSorted),
        CelFunctionBinding.from("list_sum", List.class, ListsLibrary::sum),
        CelFunctionBinding.from("list_min", List.class, l -> extreme(l, -1)),
        CelFunctionBinding.from("list_max", List.class, l -> extreme(l, 1)),
        CelFunctionBinding.from(
            "list_index_of", List.class, Object.class, (l, v) -> (long) l.indexOf(v)),
        CelFunctionBinding.from(
            "list_last_index_of", List.class, Object.class, (l, v) -> (long) l.lastIndexOf(v)));
  }

  static boolean isSorted(List<?> list) {
    for (int i = 1; i < list.size(); i++) {
      if (compare(list.get(i - 1), list.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  static Object sum(List<?> list) {
    if (list.isEmpty()) {
      return 0L;
    }
    Object first = list.get(0);
    if (first instanceof Long) {
      long total = 0;
      for (Object o : list) {
        total = Math.addExact(total, (Long) numeric(o, Long.class));
      }
      return total;
    }
    if (first instanceof Double) {
      double total = 0;
      for (Object o : list) {
        total += (Double) numeric(o, Double.class);
      }
      return total;
    }
    if (first instanceof Quantity) {
      Quantity total = Quantity.ZERO;
      for (Object o : list) {
        total = total.add((Quantity) numeric(o, Quantity.class));
      }
      return total;
    }
    throw new IllegalArgumentException("sum() needs a list of int, double or quantity");
  }

  private static Object numeric(Object o, Class<?> type) {
    if (!type.isInstance(o)) {
      throw new IllegalArgumentException("sum() over mixed element types");
    }
    return o;
  }

  private static Object extreme(List<?> list, int sign) {
    if (list.isEmpty()) {
      throw new IllegalArgumentException((sign < 0 ? "min" : "max") + "() of an empty list");
    }
    Object best = list.get(0);
    for (Object o : list) {
      if (Integer.signum(compare(o, best)) == sign) {
        best = o;
      }
    }
    return best;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof Comparable && a.getClass() == b.getClass()) {
      return ((Comparable) a).compareTo(b);
    }
    throw new IllegalArgumentException(
        "cannot compare " + a.getClass().getSimpleName() + " and " + b.getClass().getSimpleName());
  }
}
