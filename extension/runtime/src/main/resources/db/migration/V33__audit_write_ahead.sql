-- Write-ahead audit (docs/security.md, "Audit log"): a side-effecting call's 'started' row is committed before its
-- tool runs and its outcome is a second row; 'outcome_unknown' rows are written for started calls whose instance
-- died first. Rows from before have no phase: they are completed calls.
ALTER TABLE audit_log ADD COLUMN phase VARCHAR(16);
ALTER TABLE audit_log ADD COLUMN instance VARCHAR(64);
-- The started calls whose outcome is not written yet: one row per call in flight, deleted in the transaction that
-- writes the outcome, so the table stays as small as the number of calls under way.
CREATE TABLE audit_open (
  id VARCHAR(64) PRIMARY KEY,
  instance VARCHAR(64) NOT NULL,
  at TIMESTAMP WITH TIME ZONE NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  principal VARCHAR(200) NOT NULL,
  door VARCHAR(16) NOT NULL,
  tool VARCHAR(128),
  tool_call_id VARCHAR(128),
  arguments TEXT
);
-- Every instance's last sign of life; open rows of an instance silent for longer than toolgate.audit.instance-timeout
-- are recovered by the others.
CREATE TABLE audit_instances (
  instance VARCHAR(64) PRIMARY KEY,
  heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
