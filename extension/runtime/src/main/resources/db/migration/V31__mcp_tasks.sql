-- MCP tasks (the 2026-07-28 tasks extension): a tool call the client polls for. The row is the task's state, so any
-- instance can answer tasks/get, take tasks/update answers and tasks/cancel requests; the instance running the call
-- picks those up from here.
CREATE TABLE mcp_tasks (
  id VARCHAR(64) PRIMARY KEY,
  principal VARCHAR(200) NOT NULL,
  tool VARCHAR(128) NOT NULL,
  status VARCHAR(24) NOT NULL,
  status_message TEXT,
  input_requests TEXT,
  answers TEXT,
  result TEXT,
  error TEXT,
  cancel_requested BOOLEAN NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mcp_tasks_expiry ON mcp_tasks (expires_at);
