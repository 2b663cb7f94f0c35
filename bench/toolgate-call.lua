-- wrk script for Toolgate: MCP tools/call of add_numbers(2, 3, 0) (default), or the REST invoke of the same
-- (TOOLGATE_DOOR=rest; point wrk at /tools/add_numbers/invoke). Counts non-2xx responses and 2xx responses
-- without the expected result, since MCP answers JSON-RPC errors with HTTP 200.
local door = os.getenv("TOOLGATE_DOOR") or "mcp"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
expected = nil
if door == "rest" then
  wrk.body = '{"a":2,"b":3,"c":0}'
  expected = '"result":5'
else
  wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add_numbers","arguments":{"a":2,"b":3,"c":0}}}'
  wrk.headers["Accept"] = "application/json, text/event-stream"
  wrk.headers["MCP-Protocol-Version"] = "2025-06-18"
  local sid = os.getenv("MCP_SESSION_ID")
  if sid ~= nil and sid ~= "" then
    wrk.headers["Mcp-Session-Id"] = sid
  end
  expected = '"text":"5"'
end

dofile("bench/wrk-result.lua")
