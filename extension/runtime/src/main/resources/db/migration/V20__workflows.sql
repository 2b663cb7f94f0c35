-- Workflow definitions (every version kept: a run pins the version it started with), runs and their steps. Each step
-- transition is written before the engine moves on, so another instance (or this one after a restart) can continue a
-- run from here; the lease says which instance owns a run right now.
CREATE TABLE workflow_definitions (
  name VARCHAR(64) NOT NULL,
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  origin VARCHAR(300) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (name, version)
);
CREATE TABLE workflow_runs (
  id VARCHAR(40) PRIMARY KEY,
  workflow VARCHAR(64) NOT NULL,
  version INTEGER NOT NULL,
  state VARCHAR(24) NOT NULL,
  input TEXT NOT NULL,
  principal VARCHAR(200) NOT NULL,
  roles TEXT NOT NULL,
  auth_method VARCHAR(16) NOT NULL,
  error TEXT,
  executions INTEGER NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at TIMESTAMP WITH TIME ZONE,
  lease_owner VARCHAR(64),
  lease_until TIMESTAMP WITH TIME ZONE,
  FOREIGN KEY (workflow, version) REFERENCES workflow_definitions (name, version)
);
CREATE INDEX workflow_runs_state_lease ON workflow_runs (state, lease_until);
CREATE INDEX workflow_runs_principal ON workflow_runs (principal, created_at);
CREATE TABLE workflow_steps (
  run_id VARCHAR(40) NOT NULL REFERENCES workflow_runs (id),
  name VARCHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL,
  attempts INTEGER NOT NULL,
  arguments TEXT,
  result TEXT,
  error TEXT,
  approval TEXT,
  started_at TIMESTAMP WITH TIME ZONE,
  finished_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (run_id, name)
);
