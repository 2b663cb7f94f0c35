-- wrk script for the gateway benchmark: MCP tools/call of an echo tool, straight to server-everything (with its
-- session) or through Toolgate (TOOL=remote_echo, no session); bench/wrk-result.lua counts and prints.
-- Usage: TOOL=echo MCP_SESSION_ID=... wrk -t2 -c16 -d10s --latency -s bench/mcp-echo.lua http://127.0.0.1:18301/mcp
local tool = os.getenv("TOOL") or "echo"
wrk.method = "POST"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"' .. tool
  .. '","arguments":{"message":"hi"}}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
-- The same revision on both targets (bench/gateway-load.sh sets it), so both pay the upstream the same.
wrk.headers["MCP-Protocol-Version"] = os.getenv("MCP_VERSION") or "2025-06-18"
local sid = os.getenv("MCP_SESSION_ID")
if sid ~= nil and sid ~= "" then
  wrk.headers["Mcp-Session-Id"] = sid
end

expected = 'Echo: hi'
dofile("bench/wrk-result.lua")
