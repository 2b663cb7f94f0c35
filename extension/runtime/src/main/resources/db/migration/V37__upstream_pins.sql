-- What each upstream MCP server's tool looked like when Toolgate first saw it (or an admin last approved it): the
-- hash of its name, title, description and schemas, and the definition itself to show the difference. A tool whose
-- listing no longer matches its pin is quarantined (docs/gateway.md).
CREATE TABLE upstream_pins (
  upstream VARCHAR(64) NOT NULL,
  tool VARCHAR(128) NOT NULL,
  hash VARCHAR(64) NOT NULL,
  definition TEXT NOT NULL,
  pinned_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (upstream, tool)
);
