package dev.kordon.rules;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * Kubernetes' URL library: {@code url(s)}, {@code isURL(s)}, {@code getScheme}, {@code getHost},
 * {@code getHostname}, {@code getPort}, {@code getEscapedPath}, {@code getQuery}.
 */
final class UrlLibrary implements CelLibrary {

  static final OpaqueType TYPE = OpaqueType.create("net.URL");

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        newFunctionDeclaration("url", newGlobalOverload("string_to_url", TYPE, SimpleType.STRING)),
        newFunctionDeclaration(
            "isURL", newGlobalOverload("is_url_string", SimpleType.BOOL, SimpleType.STRING)),
        newFunctionDeclaration(
            "getScheme", newMemberOverload("url_get_scheme", SimpleType.STRING, TYPE)),
        newFunctionDeclaration(
            "getHost", newMemberOverload("url_get_host", SimpleType.STRING, TYPE)),
        newFunctionDeclaration(
            "getHostname", newMemberOverload("url_get_hostname", SimpleType.STRING, TYPE)),
        newFunctionDeclaration(
            "getPort", newMemberOverload("url_get_port", SimpleType.STRING, TYPE)),
        newFunctionDeclaration(
            "getEscapedPath", newMemberOverload("url_get_escaped_path", SimpleType.STRING, TYPE)),
        newFunctionDeclaration(
            "getQuery",
            newMemberOverload(
                "url_get_query",
                MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)),
                TYPE)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_to_url", String.class, KubeUrl::parse),
        CelFunctionBinding.from("is_url_string", String.class, KubeUrl::isValid),
        CelFunctionBinding.from("url_get_scheme", KubeUrl.class, KubeUrl::scheme),
        CelFunctionBinding.from("url_get_host", KubeUrl.class, KubeUrl::host),
        CelFunctionBinding.from("url_get_hostname", KubeUrl.class, KubeUrl::hostname),
        CelFunctionBinding.from("url_get_port", KubeUrl.class, KubeUrl::port),
        CelFunctionBinding.from("url_get_escaped_path", KubeUrl.class, KubeUrl::escapedPath),
        CelFunctionBinding.from("url_get_query", KubeUrl.class, KubeUrl::query));
  }
}
