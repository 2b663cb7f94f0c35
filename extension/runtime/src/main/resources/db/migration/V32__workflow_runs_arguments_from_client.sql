-- A run started over MCP by a client that can sample: its `arguments: llm` steps, when no model is configured here,
-- wait for the client's model to choose the arguments instead of failing. Kept with the run, so that whichever
-- instance continues it decides the same way.
ALTER TABLE workflow_runs ADD COLUMN arguments_from_client BOOLEAN DEFAULT FALSE NOT NULL;
