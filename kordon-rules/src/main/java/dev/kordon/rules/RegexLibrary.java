package dev.kordon.rules;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' regex library: {@code s.find(re)} (first match or empty string) and {@code
 * s.findAll(re)} / {@code s.findAll(re, n)} (at most n matches; n &lt; 0 means all). RE2 syntax, as
 * upstream: linear time, no back-references.
 */
final class RegexLibrary implements CelLibrary {

  @Override
  public List<CelFunctionDecl> declarations() {
    ListType strings = ListType.create(SimpleType.STRING);
    return List.of(
        newFunctionDeclaration(
            "find",
            newMemberOverload(
                "string_find_string", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)),
        newFunctionDeclaration(
            "findAll",
            newMemberOverload(
                "string_find_all_string", strings, SimpleType.STRING, SimpleType.STRING),
            newMemberOverload(
                "string_find_all_string_int",
                strings,
                SimpleType.STRING,
                SimpleType.STRING,
                SimpleType.INT)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    CelFunctionOverload findAllN =
        args -> findAll((String) args[0], (String) args[1], (Long) args[2]);
    return List.of(
        CelFunctionBinding.from(
            "string_find_string", String.class, String.class, RegexLibrary::find),
        CelFunctionBinding.from(
            "string_find_all_string", String.class, String.class, (s, re) -> findAll(s, re, -1)),
        CelFunctionBinding.from(
            "string_find_all_string_int",
            List.of(String.class, String.class, Long.class),
            findAllN));
  }

  static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regex: " + e.getMessage());
    }
  }

  static String find(String s, String regex) {
    Matcher m = compile(regex).matcher(s);
    return m.find() ? m.group() : "";
  }

  static List<String> findAll(String s, String regex, long limit) {
    Matcher m = compile(regex).matcher(s);
    List<String> out = new ArrayList<>();
    while ((limit < 0 || out.size() < limit) && m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
