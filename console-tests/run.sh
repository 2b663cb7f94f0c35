#!/usr/bin/env bash
# End-to-end tests of the console (/console/) in a real browser: Debian's Chromium driven by playwright-core, against
# the packaged server on its embedded defaults (plus a tool whose description carries markup: it must show as text,
# and an upstream MCP server that changes a tool after it was pinned), then against a second server with
# authentication on.
# Builds nothing: pass the packaged jar (./mvnw install first). Screenshots go to server/target/console-screenshots/.
#
#   console-tests/run.sh [server/target/quarkus-app/quarkus-run.jar]
#   env: PORT (default 18190; the second server takes PORT+1), JAVA (default java), CHROMIUM (default /usr/bin/chromium)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$(realpath "${1:-$here/../server/target/quarkus-app/quarkus-run.jar}")"
port="${PORT:-18190}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
shots="$here/../server/target/console-screenshots"
work="$(mktemp -d)"
server_pid=""
stop() { if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap stop EXIT

# Browser downloads by test tools fail here: the browser is Debian's package.
if [[ ! -x "$chromium" ]]; then
  echo "== installing Debian's chromium"
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

# A tool whose title and description try markup and script: the console must show them as text.
mkdir -p "$work/tools"
cat > "$work/tools/markup_probe.yaml" <<'YAML'
name: markup_probe
title: Markup <img src=x onerror="window.__pwned='title'">
description: 'Looks up nothing. <script>window.__pwned="script"</script><img src=x onerror="window.__pwned=''img''"> <b>bold?</b>'
parameters:
  type: object
  properties:
    note: {type: string, title: '<b onmouseover="window.__pwned=1">Note</b>', description: '<img src=x onerror="window.__pwned=''param''">a note'}
url: https://example.invalid/probe
YAML

# An upstream MCP server (the gateway tests' own, on the official TypeScript SDK) that swaps a tool's description for
# a poisoned one when asked: the changed tool waits in quarantine until an admin approves it on the sources page.
upstreams="$(realpath "$here/../server/src/test/upstreams")"
[[ -d "$upstreams/node_modules/@modelcontextprotocol/sdk" ]] \
  || (cd "$upstreams" && npm ci --no-audit --no-fund --loglevel=error)
node_bin="$(command -v node)"
cat > "$work/tools/rug.yaml" <<YAML
mcp:
  name: rug
  stdio:
    executable: $node_bin
    args: ["$upstreams/rug-pull.mjs"]
YAML

start() { # port, extra JVM options...
  local p="$1"; shift
  echo "== starting $jar on port $p (log: $work/server-$p.log)"
  (cd "$work" && exec "${JAVA:-java}" -Dquarkus.http.port="$p" "$@" -jar "$jar" >"$work/server-$p.log" 2>&1) &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$p/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server-$p.log"; exit 1; }
    sleep 0.5
  done
}

mkdir -p "$shots"
# 1. bin/run's defaults: no authentication (loopback only), the local user is the operator.
start "$port" -Dtoolgate.commands.allowed-executables="$node_bin"
BASE="http://127.0.0.1:$port" CHROMIUM="$chromium" SHOTS="$shots" node "$here/console.e2e.mjs" \
  || { echo "== server log (last 60 lines)"; tail -60 "$work/server-$port.log"; exit 1; }
stop; server_pid=""

# 2. Authentication on: two API keys (only their SHA-256 is configured), charge_payment for the finance role only.
ops_key="ops-$(date +%s%N)"; viewer_key="viewer-$(date +%s%N)"
sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
secured=$((port + 1))
start "$secured" -Dtoolgate.data-dir=./data-secured \
  -Dtoolgate.security.api-keys.ops.hash="sha256:$(sha "$ops_key")" -Dtoolgate.security.api-keys.ops.roles=admin,shop,finance \
  -Dtoolgate.security.api-keys.viewer.hash="sha256:$(sha "$viewer_key")" -Dtoolgate.security.api-keys.viewer.roles=shop \
  -Dtoolgate.tools.charge_payment.roles=finance
BASE="http://127.0.0.1:$secured" CHROMIUM="$chromium" SHOTS="$shots" OPS_KEY="$ops_key" VIEWER_KEY="$viewer_key" \
  node "$here/console.secured.e2e.mjs" \
  || { echo "== server log (last 60 lines)"; tail -60 "$work/server-$secured.log"; exit 1; }
