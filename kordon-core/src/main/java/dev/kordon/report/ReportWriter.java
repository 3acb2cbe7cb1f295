package dev.kordon.report;

import java.io.IOException;
import java.io.Writer;

/** Formats a finished report. Never computes: everything it prints is in the report. */
public interface ReportWriter {
  Format format();

  void write(Report report, Writer out) throws IOException;
}
