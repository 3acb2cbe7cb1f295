package dev.kordon.cli;

import picocli.CommandLine.Command;

/** The top-level {@code kordon} command; the work is in its subcommands. */
@Command(
    name = "kordon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Kubernetes security toolkit: scan, analyze, enforce.",
    footer = {
      "",
      "Examples:",
      "  kordon scan examples/",
      "  kordon scan deploy/ --format sarif --output kordon.sarif --fail-on high",
      "  kordon controls explain KOR-0001"
    })
final class KordonCommand extends CommandGroup {}
