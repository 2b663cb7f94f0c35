#!/usr/bin/env bash
# Gateway overhead (issue 20): @modelcontextprotocol/server-everything's echo tool over Streamable HTTP, called
# straight (with its session) and through Toolgate (an mcp: file pointing at it, the tool as remote_echo on Toolgate's
# MCP door, audit log on as by default), side by side in one run for ROUNDS rounds; medians. Two loads per target:
# one connection (latency: what Toolgate adds to a call) and 16 (throughput). Node, Toolgate and wrk share the
# machine's cores, as they would on a sidecar host.
# Needs wrk, Node 20+ and npm (the upstream from server/src/test/upstreams, installed with npm ci), JDK 25.
# Each target is warmed up at 16 connections for WARMUP (30 s by default: at a few hundred calls a second the JIT needs
# that long; with 3 s Toolgate's path was still interpreted and added 6 ms).
# Both targets speak MCP_VERSION (default 2025-06-18; Toolgate asks for it with the file's protocol_version): under
# 2025-11-25 server-everything keeps every event of a session in memory for resumption, and in a run of that revision
# its own throughput fell from 2,085 to 1,422 req/s between rounds, p99 up to 0.4 s, drowning what Toolgate adds.
# Usage: [ROUNDS=3] [WARMUP=30s] [MCP_VERSION=2025-06-18] bench/gateway-load.sh [duration, default 10s]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-30s}
export MCP_VERSION=${MCP_VERSION:-2025-06-18}
JAVA=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
UP=server/src/test/upstreams
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f "$UP/node_modules/@modelcontextprotocol/server-everything/dist/index.js" ] \
  || (cd "$UP" && npm ci --no-audit --no-fund >/dev/null)
[ -f server/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q install -DskipTests -pl server -am
WORK=$(mktemp -d)
UPSTREAM_PORT=18301
TOOLGATE_PORT=18302
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
HEADERS=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')

PORT=$UPSTREAM_PORT node "$UP/node_modules/@modelcontextprotocol/server-everything/dist/index.js" streamableHttp \
  >"$WORK/upstream.log" 2>&1 &
pids+=($!)
mkdir -p "$WORK/tools"
cat >"$WORK/tools/remote.yaml" <<YAML
mcp:
  name: remote
  http:
    url: http://127.0.0.1:$UPSTREAM_PORT/mcp
    allow_private_network: true
  protocol_version: $MCP_VERSION
max_concurrency: 64
YAML
"$JAVA" -Dquarkus.http.port=$TOOLGATE_PORT -Dtoolgate.data-dir="$WORK/data" -Dtoolgate.declarative.folder="$WORK/tools" \
  -Dtoolgate.demo.enabled=false -jar server/target/quarkus-app/quarkus-run.jar >"$WORK/toolgate.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do
  curl -sf -o /dev/null "http://127.0.0.1:$TOOLGATE_PORT/tools/remote_echo" && break
  sleep 0.2
done
curl -sf -o /dev/null "http://127.0.0.1:$TOOLGATE_PORT/tools/remote_echo" || { echo "Toolgate did not list remote_echo" >&2;
  tail -20 "$WORK/toolgate.log" >&2; exit 1; }

# The direct target needs its own session, as Toolgate has one.
SID=$(curl -s -D - -o /dev/null "${HEADERS[@]}" "http://127.0.0.1:$UPSTREAM_PORT/mcp" -d '{"jsonrpc":"2.0","id":0,
  "method":"initialize","params":{"protocolVersion":"'"$MCP_VERSION"'","capabilities":{},"clientInfo":{"name":"wrk","version":"1"}}}' \
  | awk 'tolower($1)=="mcp-session-id:" {print $2}' | tr -d '\r')
curl -s -o /dev/null "${HEADERS[@]}" -H "Mcp-Session-Id: $SID" -H "MCP-Protocol-Version: $MCP_VERSION" \
  "http://127.0.0.1:$UPSTREAM_PORT/mcp" -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'

warm() { # url, env...
  local url=$1
  shift
  env "$@" wrk -t1 -c16 -d"$WARMUP" -s bench/mcp-echo.lua "$url" >/dev/null
}
measure() { # name, url, connections, env...
  local name=$1 url=$2 c=$3
  shift 3
  echo "$name c=$c: $(env "$@" wrk -t1 -c"$c" -d"$DURATION" --latency -s bench/mcp-echo.lua "$url" | grep RESULT)" \
    | tee -a "$WORK/results"
}
DIRECT=(TOOL=echo MCP_SESSION_ID="$SID")
for round in $(seq "$ROUNDS"); do
  echo "round $round, load $(cut -d' ' -f1-3 /proc/loadavg)"
  warm "http://127.0.0.1:$UPSTREAM_PORT/mcp" "${DIRECT[@]}"
  for c in 1 16; do measure "direct" "http://127.0.0.1:$UPSTREAM_PORT/mcp" $c "${DIRECT[@]}"; done
  warm "http://127.0.0.1:$TOOLGATE_PORT/mcp" TOOL=remote_echo
  for c in 1 16; do measure "through Toolgate" "http://127.0.0.1:$TOOLGATE_PORT/mcp" $c TOOL=remote_echo; done
done

echo "medians over $ROUNDS round(s):"
awk -F': RESULT ' -v width=24 -f bench/medians.awk -v columns='rps=rps:%d p50_ms=p50_ms:%.3f p99_ms=p99_ms:%.3f
  non2xx=non2xx:%d bad=bad_body:%d' "$WORK/results"
