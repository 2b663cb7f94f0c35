-- Where each minute's rows start: the smallest id the audit writer could give a row in that minute (written by the
-- first batch of the minute, in its transaction). On H2, whose audit table keeps only its primary key (V36 there),
-- GET /audit's "from" turns into "id >= the first id of the first marked minute at or after it", a range of the
-- primary key, because a row is written after its time: at <= the minute it was written in. PostgreSQL keeps
-- audit_log(at) and does not use the marks (the table is created on both, so one writer serves both).
CREATE TABLE audit_marks (
  at_minute TIMESTAMP WITH TIME ZONE PRIMARY KEY,
  first_id BIGINT NOT NULL
);
-- Rows from before the marks: each minute of their own time and its smallest id, which bounds them the same way.
INSERT INTO audit_marks (at_minute, first_id)
  SELECT DATE_TRUNC('MINUTE', at), MIN(id) FROM audit_log GROUP BY DATE_TRUNC('MINUTE', at);
