-- Embedded H2 only: the audit table keeps its primary key alone, so a row costs one B-tree insert (and one undo-log
-- entry) instead of two. Measured in a 300,000-row insert loop on this project's machine: 4.7-5.2 µs of CPU per row
-- against 7.4-8.8 with audit_log(at) (docs/benchmarks.md). GET /audit reads the primary key backwards (the order the
-- rows were recorded in) and bounds "from" with audit_marks (V35).
DROP INDEX IF EXISTS audit_log_at;
