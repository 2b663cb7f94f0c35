-- PostgreSQL now keeps the audit table's indexes that H2 keeps (V22): the primary key and audit_log(at), both of
-- which take their inserts at the right edge. The composite (tool, at) and (principal, at) indexes took inserts in
-- the middle of their trees on every call: with them, a row cost PostgreSQL 10.1 µs of CPU (COPY, 200,000 rows),
-- without them 7.4 µs (docs/benchmarks.md). GET /audit filters tool and principal while reading audit_log(at)
-- backwards; a deployment that searches one principal's rows over a long history can add its own index.
DROP INDEX IF EXISTS audit_log_tool_at;
DROP INDEX IF EXISTS audit_log_principal_at;
