-- The audit table keeps its primary key alone, so a row costs one B-tree insert instead of two. Measured on this
-- project's machine: H2, a 300,000-row insert loop, 4.7-5.2 µs of CPU per row against 7.4-8.8 with audit_log(at);
-- PostgreSQL, 200,000 rows by COPY, 5.5-7.2 µs of the server's CPU against 6.9-8.1 (docs/benchmarks.md). GET /audit
-- reads the primary key backwards (the order the rows were recorded in) and bounds "from" with audit_marks (V35).
DROP INDEX IF EXISTS audit_log_at;
