#!/usr/bin/env bash
# HTTP load on loopback, side by side in one run: the bare Quarkus floor (../shared/bench-peers/floor: parse the
# same JSON-RPC body, answer the same shape) and quarkus-mcp-server (../shared/bench-peers/peerA, one @Tool add)
# against Toolgate's REST invoke and MCP tools/call of add_numbers, with the audit log on (the default) and off.
# Needs wrk (Debian package) and JDK 25. Usage: bench/http-load.sh [duration, default 15s]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15s}
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
JAVA=$JAVA_HOME/bin/java
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
FLOOR_SRC=${FLOOR_SRC:-../shared/bench-peers/floor}
PEER_A_SRC=${PEER_A_SRC:-../shared/bench-peers/peerA}
WORK=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# shared/ is read-only: build the peers in copies.
cp -r "$FLOOR_SRC" "$WORK/floor"
./mvnw -B -q -f "$WORK/floor/pom.xml" package -DskipTests
cp -r "$PEER_A_SRC" "$WORK/peerA"
./mvnw -B -q -f "$WORK/peerA/pom.xml" package -DskipTests
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

"$JAVA" -jar "$WORK/floor/target/quarkus-app/quarkus-run.jar" >"$WORK/floor.log" 2>&1 & pids+=($!)
"$JAVA" -Dquarkus.http.port=18084 -Dtoolgate.demo.benchmark-tools=true -Dtoolgate.data-dir="$WORK/data" \
  -Dtoolgate.audit.enabled=true -jar target/quarkus-app/quarkus-run.jar >"$WORK/toolgate.log" 2>&1 & pids+=($!)
"$JAVA" -Dquarkus.http.port=18085 -Dtoolgate.demo.benchmark-tools=true -Dtoolgate.data-dir="$WORK/data-noaudit" \
  -Dtoolgate.audit.enabled=false -jar target/quarkus-app/quarkus-run.jar >"$WORK/toolgate-noaudit.log" 2>&1 & pids+=($!)
"$JAVA" -jar "$WORK/peerA/target/quarkus-app/quarkus-run.jar" >"$WORK/peerA.log" 2>&1 & pids+=($!)
for url in http://127.0.0.1:18083/q/health http://127.0.0.1:18084/q/health/ready \
    http://127.0.0.1:18085/q/health/ready http://127.0.0.1:18081/q/health; do
  for _ in $(seq 600); do curl -sf -o /dev/null "$url" && break; sleep 0.1; done
done

# One target: 10 s warm-up, then the measured run. Besides wrk's figures it prints the server's own CPU time per
# request (user + system, from /proc), which steal time on a shared VM does not inflate the way it does req/s.
measure() { # name, server pid, url, wrk script, extra env
  local name=$1 pid=$2 url=$3 lua=$4
  shift 4
  env "$@" wrk -t2 -c32 -d10s -s "$lua" "$url" >/dev/null
  local before after out reqs
  before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  out=$(env "$@" wrk -t2 -c32 -d"$DURATION" --latency -s "$lua" "$url" | grep RESULT)
  after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  reqs=$(sed 's/.*reqs=\([0-9]*\).*/\1/' <<<"$out")
  echo "$name: $out cpu_us_per_req=$(awk -v t=$((after - before)) -v n="$reqs" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.1f", t * 1e6 / hz / n }')"
}
FLOOR_LUA=../shared/bench-peers/mcp-call.lua
measure "floor /echo (worker)" "${pids[0]}" http://127.0.0.1:18083/echo $FLOOR_LUA
measure "floor /echo/nb (event loop)" "${pids[0]}" http://127.0.0.1:18083/echo/nb $FLOOR_LUA
# quarkus-mcp-server needs a session: initialize, then notifications/initialized, then the id on every call.
MCP_HEADERS=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
SID=$(curl -s -D - -o /dev/null "${MCP_HEADERS[@]}" http://127.0.0.1:18081/mcp -d '{"jsonrpc":"2.0","id":0,
  "method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
  "clientInfo":{"name":"wrk","version":"1"}}}' | awk 'tolower($1)=="mcp-session-id:" {print $2}' | tr -d '\r')
curl -s -o /dev/null "${MCP_HEADERS[@]}" -H "Mcp-Session-Id: $SID" http://127.0.0.1:18081/mcp \
  -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
measure "quarkus-mcp-server tools/call" "${pids[3]}" http://127.0.0.1:18081/mcp $FLOOR_LUA MCP_SESSION_ID="$SID"
TG_LUA=bench/toolgate-call.lua
measure "toolgate MCP tools/call" "${pids[1]}" http://127.0.0.1:18084/mcp $TG_LUA TOOLGATE_DOOR=mcp
measure "toolgate REST invoke" "${pids[1]}" http://127.0.0.1:18084/tools/add_numbers/invoke $TG_LUA TOOLGATE_DOOR=rest
measure "toolgate MCP tools/call, audit off" "${pids[2]}" http://127.0.0.1:18085/mcp $TG_LUA TOOLGATE_DOOR=mcp
measure "toolgate REST invoke, audit off" "${pids[2]}" http://127.0.0.1:18085/tools/add_numbers/invoke $TG_LUA \
  TOOLGATE_DOOR=rest
ps -o rss= -p "${pids[1]}" | awk '{printf "toolgate RSS after load: %d MiB\n", $1/1024}'
