-- PostgreSQL drops the audit table's composite indexes as H2 did (V22). They took their inserts in the middle of
-- their trees on every call: with them a row cost PostgreSQL 10.1 µs of CPU (COPY, 200,000 rows), without them 7.4 µs
-- (docs/benchmarks.md). V36 goes on to the primary key alone.
DROP INDEX IF EXISTS audit_log_tool_at;
DROP INDEX IF EXISTS audit_log_principal_at;
