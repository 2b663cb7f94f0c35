-- Embedded H2 only (PostgreSQL keeps both indexes). On H2 every call's audit row updated four B-trees, and the two
-- composite indexes take their inserts in the middle of the tree: in a load test the writer thread and H2's page
-- serialisation used more CPU than serving the calls. With only the primary key and audit_log(at) left, inserts
-- append. GET /audit reads audit_log(at) backwards and filters tool and principal on the way, stopping at its limit.
-- Migrations shared by both databases continue at V23.
DROP INDEX audit_log_tool_at;
DROP INDEX audit_log_principal_at;
