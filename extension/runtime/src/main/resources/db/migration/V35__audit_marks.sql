-- Where each minute's rows start. Every audit writer (one per instance) marks, in the transaction of its first batch
-- of a minute, the smallest id that batch can get: MAX(id) + 1, as ids come from the identity's sequence, which
-- hands out only values above every id already given. A row is written after its time (at <= the minute it was
-- written in), so GET /audit's "from" becomes "id >= the smallest first id marked at or after from's minute", a
-- range of the primary key, the only index the audit table keeps (V36).
CREATE TABLE audit_marks (
  at_minute TIMESTAMP WITH TIME ZONE NOT NULL,
  first_id BIGINT NOT NULL
);
CREATE INDEX audit_marks_at_minute ON audit_marks (at_minute);
-- Rows from before the marks: each minute of their own time and its smallest id, which bounds them the same way.
INSERT INTO audit_marks (at_minute, first_id)
  SELECT DATE_TRUNC('MINUTE', at), MIN(id) FROM audit_log GROUP BY DATE_TRUNC('MINUTE', at);
