-- wrk script for Toolgate: MCP tools/call of add_numbers(2, 3, 0) (default), or the REST invoke of the same
-- (TOOLGATE_DOOR=rest; point wrk at /tools/add_numbers/invoke). Counts non-2xx responses and 2xx responses
-- without the expected result, since MCP answers JSON-RPC errors with HTTP 200.
local door = os.getenv("TOOLGATE_DOOR") or "mcp"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local expected
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
  elseif body == nil or not string.find(body, expected, 1, true) then
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
  io.write(string.format(
    "RESULT reqs=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d bad_body=%d sock_err=%d\n",
    summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, n, b,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
