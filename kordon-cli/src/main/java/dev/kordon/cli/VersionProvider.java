package dev.kordon.cli;

import dev.kordon.report.Report;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"kordon " + Report.Tool.KORDON.version()};
  }
}
