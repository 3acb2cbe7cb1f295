-- Indexes in the order the search lists findings (severity_rank, control_id, id), each led by the
-- columns a filter fixes, so that every filter combination reads a page from an index in order
-- (see FindingSearch). findings_cluster_order and findings_order (V1) serve the cluster filter and
-- no filter with a state; these add state "all" and the control and namespace filters.
CREATE INDEX findings_cluster_all_order ON findings (cluster_id, severity_rank, control_id, id);
CREATE INDEX findings_all_order ON findings (severity_rank, control_id, id);
CREATE INDEX findings_control_order ON findings (control_id, is_open, severity_rank, id);
CREATE INDEX findings_namespace_order ON findings (namespace, is_open, severity_rank, control_id, id);
DROP INDEX findings_control;
DROP INDEX findings_namespace;
