package dev.kordon.rules;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' format library: {@code format.named(name)} (an optional format), {@code
 * format.dns1123Label()} and the other named formats, and {@code f.validate(s)}: {@code
 * optional.none()} when valid, otherwise the list of errors.
 */
final class FormatLibrary implements CelLibrary {

  static final OpaqueType TYPE = OpaqueType.create("kubernetes.NamedFormat");

  @Override
  public List<CelFunctionDecl> declarations() {
    List<CelFunctionDecl> out = new ArrayList<>();
    out.add(
        newFunctionDeclaration(
            "format.named",
            newGlobalOverload("format_named", OptionalType.create(TYPE), SimpleType.STRING)));
    out.add(
        newFunctionDeclaration(
            "validate",
            newMemberOverload(
                "format_validate",
                OptionalType.create(ListType.create(SimpleType.STRING)),
                TYPE,
                SimpleType.STRING)));
    for (NamedFormat f : NamedFormat.values()) {
      out.add(
          newFunctionDeclaration(
              "format." + f.celName, newGlobalOverload("format_" + f.celName, TYPE)));
    }
    return out;
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    List<CelFunctionBinding> out = new ArrayList<>();
    out.add(CelFunctionBinding.from("format_named", String.class, NamedFormat::named));
    out.add(
        CelFunctionBinding.from(
            "format_validate", NamedFormat.class, String.class, NamedFormat::validate));
    for (NamedFormat f : NamedFormat.values()) {
      out.add(CelFunctionBinding.from("format_" + f.celName, List.of(), args -> f));
    }
    return out;
  }
}
