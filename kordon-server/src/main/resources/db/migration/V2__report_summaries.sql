-- The RBAC and NetworkPolicy summaries of a report (its "summaries" field): one row per measure,
-- so that a later Kordon can add measures without a migration. area is rbac, risk (one row per
-- risky permission of the catalog, measure = risk id) or netpol.
CREATE TABLE report_summaries (
  report_id BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  area VARCHAR(16) NOT NULL,
  measure VARCHAR(64) NOT NULL,
  label VARCHAR(300) NOT NULL,
  severity VARCHAR(8),
  amount INT NOT NULL,
  position INT NOT NULL,
  PRIMARY KEY (report_id, area, measure)
);
