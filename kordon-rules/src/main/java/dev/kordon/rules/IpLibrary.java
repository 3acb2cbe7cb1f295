package dev.kordon.rules;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * Kubernetes' IP and CIDR libraries: {@code ip}, {@code isIP}, {@code ip.isCanonical}, {@code
 * family}, {@code isUnspecified}, {@code isLoopback}, {@code isLinkLocalMulticast}, {@code
 * isLinkLocalUnicast}, {@code isGlobalUnicast}; {@code cidr}, {@code isCIDR}, {@code containsIP},
 * {@code containsCIDR}, {@code ip()}, {@code masked}, {@code prefixLength}; {@code string()} of
 * both.
 */
final class IpLibrary implements CelLibrary {

  static final OpaqueType IP = OpaqueType.create("net.IP");
  static final OpaqueType CIDR = OpaqueType.create("net.CIDR");

  @Override
  public List<CelFunctionDecl> declarations() {
    CelType bool = SimpleType.BOOL;
    CelType str = SimpleType.STRING;
    return List.of(
        newFunctionDeclaration(
            "ip",
            newGlobalOverload("string_to_ip", IP, str),
            newMemberOverload("cidr_ip", IP, CIDR)),
        newFunctionDeclaration("isIP", newGlobalOverload("is_ip", bool, str)),
        newFunctionDeclaration("ip.isCanonical", newGlobalOverload("ip_is_canonical", bool, str)),
        newFunctionDeclaration("family", newMemberOverload("ip_family", SimpleType.INT, IP)),
        newFunctionDeclaration("isUnspecified", newMemberOverload("ip_is_unspecified", bool, IP)),
        newFunctionDeclaration("isLoopback", newMemberOverload("ip_is_loopback", bool, IP)),
        newFunctionDeclaration(
            "isLinkLocalMulticast", newMemberOverload("ip_is_link_local_multicast", bool, IP)),
        newFunctionDeclaration(
            "isLinkLocalUnicast", newMemberOverload("ip_is_link_local_unicast", bool, IP)),
        newFunctionDeclaration(
            "isGlobalUnicast", newMemberOverload("ip_is_global_unicast", bool, IP)),
        newFunctionDeclaration("cidr", newGlobalOverload("string_to_cidr", CIDR, str)),
        newFunctionDeclaration("isCIDR", newGlobalOverload("is_cidr", bool, str)),
        newFunctionDeclaration(
            "containsIP",
            newMemberOverload("cidr_contains_ip_ip", bool, CIDR, IP),
            newMemberOverload("cidr_contains_ip_string", bool, CIDR, str)),
        newFunctionDeclaration(
            "containsCIDR",
            newMemberOverload("cidr_contains_cidr", bool, CIDR, CIDR),
            newMemberOverload("cidr_contains_cidr_string", bool, CIDR, str)),
        newFunctionDeclaration("masked", newMemberOverload("cidr_masked", CIDR, CIDR)),
        newFunctionDeclaration(
            "prefixLength", newMemberOverload("cidr_prefix_length", SimpleType.INT, CIDR)),
        newFunctionDeclaration(
            "string",
            newGlobalOverload("ip_to_string", str, IP),
            newGlobalOverload("cidr_to_string", str, CIDR)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_to_ip", String.class, IpAddress::parse),
        CelFunctionBinding.from("cidr_ip", Cidr.class, Cidr::ip),
        CelFunctionBinding.from("is_ip", String.class, IpAddress::isValid),
        CelFunctionBinding.from("ip_is_canonical", String.class, IpAddress::isCanonical),
        CelFunctionBinding.from("ip_family", IpAddress.class, IpAddress::family),
        CelFunctionBinding.from("ip_is_unspecified", IpAddress.class, IpAddress::isUnspecified),
        CelFunctionBinding.from("ip_is_loopback", IpAddress.class, IpAddress::isLoopback),
        CelFunctionBinding.from(
            "ip_is_link_local_multicast", IpAddress.class, IpAddress::isLinkLocalMulticast),
        CelFunctionBinding.from(
            "ip_is_link_local_unicast", IpAddress.class, IpAddress::isLinkLocalUnicast),
        CelFunctionBinding.from(
            "ip_is_global_unicast", IpAddress.class, IpAddress::isGlobalUnicast),
        CelFunctionBinding.from("string_to_cidr", String.class, Cidr::parse),
        CelFunctionBinding.from("is_cidr", String.class, Cidr::isValid),
        CelFunctionBinding.from(
            "cidr_contains_ip_ip", Cidr.class, IpAddress.class, Cidr::containsIp),
        CelFunctionBinding.from(
            "cidr_contains_ip_string",
            Cidr.class,
            String.class,
            (c, s) -> c.containsIp(IpAddress.parse(s))),
        CelFunctionBinding.from("cidr_contains_cidr", Cidr.class, Cidr.class, Cidr::containsCidr),
        CelFunctionBinding.from(
            "cidr_contains_cidr_string",
            Cidr.class,
            String.class,
            (c, s) -> c.containsCidr(Cidr.parse(s))),
        CelFunctionBinding.from("cidr_masked", Cidr.class, Cidr::masked),
        CelFunctionBinding.from("cidr_prefix_length", Cidr.class, c -> (long) c.prefixLength()),
        CelFunctionBinding.from("ip_to_string", IpAddress.class, IpAddress::toString),
        CelFunctionBinding.from("cidr_to_string", Cidr.class, Cidr::toString));
  }
}
