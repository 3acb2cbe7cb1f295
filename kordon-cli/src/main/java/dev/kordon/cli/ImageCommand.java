package dev.kordon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kordon image scan|verify}: what is inside an image, and who signed it. */
final class ImageCommand {

  private ImageCommand() {}

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new Group());
    cl.addSubcommand("scan", new ImageScanCommand(io));
    cl.addSubcommand("verify", new ImageVerifyCommand(io));
    return cl;
  }

  @Command(
      name = "image",
      mixinStandardHelpOptions = true,
      description = "Container images: inventory, SBOM, vulnerabilities and cosign signatures.",
      footer = {
        "",
        "Examples:",
        "  kordon image scan oci:build/app --vuln-db osv/",
        "  kordon image scan registry.example.com/shop/api:1.4 --format cyclonedx",
        "  kordon image verify registry.example.com/shop/api:1.4 --key cosign.pub"
      })
  static final class Group extends CommandGroup {}
}
