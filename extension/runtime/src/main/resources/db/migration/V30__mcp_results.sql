-- The whole of tool results the pipeline cut for an MCP caller (toolgate.limits.max-result-bytes), readable by the
-- same principal as the resource toolgate://results/<id> until expires_at (toolgate.mcp.result-link-ttl); expired
-- rows are deleted periodically. Shared by H2 and PostgreSQL. Migrations after this one start at V31.
CREATE TABLE mcp_results (
  id VARCHAR(64) PRIMARY KEY,
  principal VARCHAR(200) NOT NULL,
  tool VARCHAR(128) NOT NULL,
  content TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mcp_results_expires_at ON mcp_results (expires_at);
