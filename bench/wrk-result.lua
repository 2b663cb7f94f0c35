-- Shared by the wrk scripts of bench/: counts non-2xx answers and 2xx answers whose body lacks the text the script
-- expects (the global `expected`; MCP answers JSON-RPC errors with HTTP 200), and prints one RESULT line that
-- bench/medians.awk reads. Load it with dofile() from a script run at the repository's root.
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
    "RESULT reqs=%d rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.2f non2xx=%d bad_body=%d sock_err=%d\n",
    summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, n, b,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
