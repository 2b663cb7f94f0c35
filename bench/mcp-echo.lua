-- wrk script for the gateway benchmark: MCP tools/call of an echo tool, straight to server-everything (with its
-- session) or through Toolgate (TOOL=remote_echo, no session). Counts non-2xx answers and 2xx answers without the
-- echo, since MCP answers JSON-RPC errors with HTTP 200.
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

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  elseif body == nil or not string.find(body, 'Echo: hi', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local b, n = 0, 0
  for _, t in ipairs(threads) do
    b = b + t:get("bad")
    n = n + t:get("non2xx")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT reqs=%d rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f non2xx=%d bad_body=%d\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, n, b))
end
