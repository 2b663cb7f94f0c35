#!/usr/bin/env bash
# End-to-end checks of Toolgate's MCP door with real clients: the official TypeScript SDK (v1), the v2 client's
# fallback from revision 2026-07-28, the MCP Inspector CLI and the MCP conformance suite. Builds nothing: pass the
# packaged jar (./mvnw package first).
#
#   mcp-tests/run.sh [target/quarkus-app/quarkus-run.jar]      env: PORT (default 18180), JAVA (default java)
#
# Starts the server with the conformance fixtures on, waits until it is ready, runs `npm ci` and the three checks,
# stops the server, and ends with "N passed, N failed" (exit status 1 when anything failed).
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$(cd "$(dirname "${1:-$here/../target/quarkus-app/quarkus-run.jar}")" && pwd)/$(basename "${1:-quarkus-run.jar}")"
port="${PORT:-18180}"
java="${JAVA:-java}"
url="http://127.0.0.1:$port/mcp"
passed=0
failed=0
work="$(mktemp -d)"
server_pid=""

stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null
  fi
  server_pid=""
}
trap stop_server EXIT

record() { # name, exit status
  if [[ "$2" -eq 0 ]]; then
    passed=$((passed + 1)); echo "PASS  $1"
  else
    failed=$((failed + 1)); echo "FAIL  $1 (exit $2)"
  fi
}

if [[ ! -f "$jar" ]]; then
  echo "No jar at $jar; run ./mvnw package first"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== starting $jar on port $port (server log: $work/server.log)"
# Own working directory: the embedded database is created under ./data.
(cd "$work" && exec "$java" -Dquarkus.http.port="$port" -Dtoolgate.mcp.conformance-fixtures=true \
  -jar "$jar" >"$work/server.log" 2>&1) &
server_pid=$!
ready=1
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then ready=0; break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
record "server ready" "$ready"
if [[ "$ready" -ne 0 ]]; then
  tail -20 "$work/server.log"
  echo "$passed passed, $failed failed"
  exit 1
fi

cd "$here"
echo "== npm ci"
npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1
status=$?
record "npm ci" "$status"
[[ "$status" -ne 0 ]] && tail -20 "$work/npm.log"

echo "== TypeScript SDK client (StreamableHTTPClientTransport)"
node e2e-sdk.mjs "$url"
record "sdk end-to-end" $?

echo "== v2 TypeScript client (2026-07-28 first, falls back)"
node e2e-v2-client.mjs "$url"
record "v2 client interop" $?

echo "== MCP Inspector CLI"
out="$(npx --no-install mcp-inspector --cli "$url" --transport http --method tools/list 2>&1)"
status=$?
if [[ $status -eq 0 ]] && ! grep -q '"name": "search_products"' <<<"$out"; then status=1; fi
[[ $status -ne 0 ]] && echo "$out" | tail -20
record "inspector tools/list" "$status"

out="$(npx --no-install mcp-inspector --cli "$url" --transport http --method tools/call \
  --tool-name lookup_customer --tool-arg customer_id=12345 2>&1)"
status=$?
if [[ $status -eq 0 ]] && ! grep -q 'Alice Johnson' <<<"$out"; then status=1; fi
[[ $status -ne 0 ]] && echo "$out" | tail -20
record "inspector tools/call" "$status"

echo "== MCP conformance suite (Node 22)"
npx -y -p node@22 -- node node_modules/@modelcontextprotocol/conformance/dist/index.js server --url "$url" --suite all \
  --expected-failures conformance-expected-failures.yml -o "$work/conformance" >"$work/conformance.log" 2>&1
status=$?
sed -n '/=== SUMMARY ===/,$p' "$work/conformance.log"
[[ $status -ne 0 ]] && grep -v '^npm warn' "$work/conformance.log" | tail -40
record "conformance (expected failures: conformance-expected-failures.yml)" "$status"

stop_server
echo "$passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
