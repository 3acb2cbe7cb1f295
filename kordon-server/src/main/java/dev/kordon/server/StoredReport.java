package dev.kordon.server;

/** What one upload stored: the report's id and the findings it opened and closed. */
public record StoredReport(long id, String cluster, int newFindings, int fixedFindings) {}
