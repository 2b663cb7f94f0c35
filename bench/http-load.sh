#!/usr/bin/env bash
# HTTP load on loopback, side by side in one run: the bare Quarkus floor (../shared/bench-peers/floor: parse the
# same JSON-RPC body, answer the same shape) and quarkus-mcp-server (../shared/bench-peers/peerA, one @Tool add)
# against Toolgate's REST invoke and MCP tools/call of add_numbers, with the audit log on (the default) and off, on the
# embedded H2 and on PostgreSQL.
# One server runs at a time (idle JVMs beside it took CPU and skewed the figures), and the servers take turns for
# ROUNDS rounds, so a change in the machine's load hits all of them alike; the summary gives medians per target.
# Needs wrk (Debian package), JDK 25 and, for the PostgreSQL targets, the local server (bin/services).
# Usage: [ROUNDS=3] [WARMUP=10s] [DATABASES='h2 postgresql'] bench/http-load.sh [duration, default 15s]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15s}
ROUNDS=${ROUNDS:-1}
WARMUP=${WARMUP:-10s}
# Toolgate's database: the embedded H2 file (the default) and the local PostgreSQL (database test, a schema of its own).
DATABASES=${DATABASES:-h2 postgresql}
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
JAVA=$JAVA_HOME/bin/java
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
FLOOR_SRC=${FLOOR_SRC:-../shared/bench-peers/floor}
PEER_A_SRC=${PEER_A_SRC:-../shared/bench-peers/peerA}
WORK=$(mktemp -d)
server=
cleanup() { stop; rm -rf "$WORK"; }
trap cleanup EXIT

# shared/ is read-only: build the peers in copies.
cp -r "$FLOOR_SRC" "$WORK/floor"
./mvnw -B -q -f "$WORK/floor/pom.xml" package -DskipTests
cp -r "$PEER_A_SRC" "$WORK/peerA"
./mvnw -B -q -f "$WORK/peerA/pom.xml" package -DskipTests
[ -f server/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q install -DskipTests -pl server -am

start() { # probe url (up when it answers 200, or anything for the floor's '/'), java arguments...
  local probe=$1 code
  shift
  "$JAVA" "$@" >>"$WORK/server.log" 2>&1 &
  server=$!
  for _ in $(seq 600); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$probe" || true)
    [ "$code" = 200 ] || { [ "${probe##*/}" = "" ] && [ "$code" != 000 ]; } && return
    sleep 0.1
  done
  echo "server did not start: $*" >&2
  exit 1
}
stop() { # TERM, and KILL if the server is still there after 10 s
  [ -n "$server" ] || return 0
  kill "$server" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=
}

# One target: a warm-up (WARMUP, 10s), then the measured run. Besides wrk's figures it prints the server's own CPU time per
# request (user + system, from /proc), which steal time on a shared VM inflates less than it does req/s.
warm() { # url, wrk script, extra env
  local url=$1 lua=$2
  shift 2
  env "$@" wrk -t2 -c32 -d"$WARMUP" -s "$lua" "$url" >/dev/null
}

measure() { # name, url, wrk script, extra env; WARMED=1 when the server was warmed up on this target already
  local name=$1 url=$2 lua=$3
  shift 3
  [ "${WARMED:-0}" = 1 ] || warm "$url" "$lua" "$@"
  local before after out reqs
  before=$(awk '{print $14 + $15}' "/proc/$server/stat")
  threads >"$WORK/threads.before"
  out=$(env "$@" wrk -t2 -c32 -d"$DURATION" --latency -s "$lua" "$url" | grep RESULT)
  after=$(awk '{print $14 + $15}' "/proc/$server/stat")
  threads >"$WORK/threads.after"
  reqs=$(sed 's/.*reqs=\([0-9]*\).*/\1/' <<<"$out")
  echo "$name: $out cpu_us_per_req=$(awk -v t=$((after - before)) -v n="$reqs" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.1f", t * 1e6 / hz / n }') $(split_cpu "$reqs")" | tee -a "$WORK/results"
}

# CPU ticks per thread of the server ("tid name ticks") and of every PostgreSQL process ("pg postgres ticks"), to
# split a request's CPU between the event loops, the audit path (Toolgate's writer, H2's threads, PostgreSQL's
# processes), the garbage collector and the JIT compilers.
threads() {
  local t
  # stat's second field is "(name)", which may hold spaces: the times are counted from after it.
  for t in /proc/$server/task/*; do
    sed 's/.*) //' "$t/stat" 2>/dev/null | awk -v tid="${t##*/}" -v name="$(tr ' ' '_' <"$t/comm" 2>/dev/null)" \
      '{print tid, name, $12 + $13}' || true
  done
  for t in $(pgrep -x postgres || true); do
    sed 's/.*) //' "/proc/$t/stat" 2>/dev/null | awk -v tid="pg$t" '{print tid, "postgres", $12 + $13}' || true
  done
}
split_cpu() { # requests; prints loop_us= audit_us= db_us= gc_us= jit_us= per request
  awk -v n="$1" -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $3; next }
    { d = $3 - before[$1]; name = $2
      if (name ~ /^vert\.x-eventloo/) g["loop"] += d
      else if (name ~ /^toolgate-audit/ || name ~ /^H2-/ || name ~ /^MVStore/) g["audit"] += d
      else if (name == "postgres") g["db"] += d
      else if (name ~ /^GC_Thread|^G1_/) g["gc"] += d
      else if (name ~ /Compiler/) g["jit"] += d }
    END { printf "loop_us=%.1f audit_us=%.1f db_us=%.1f gc_us=%.1f jit_us=%.1f", g["loop"] * 1e6 / hz / n,
      g["audit"] * 1e6 / hz / n, g["db"] * 1e6 / hz / n, g["gc"] * 1e6 / hz / n, g["jit"] * 1e6 / hz / n }' \
    "$WORK/threads.before" "$WORK/threads.after"
}

FLOOR_LUA=../shared/bench-peers/mcp-call.lua
TG_LUA=bench/toolgate-call.lua
TG=(-Dtoolgate.demo.benchmark-tools=true -Dquarkus.http.port=18084)
MCP_HEADERS=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
for round in $(seq "$ROUNDS"); do
  echo "round $round, load $(cut -d' ' -f1-3 /proc/loadavg)"
  start http://127.0.0.1:18083/ -jar "$WORK/floor/target/quarkus-app/quarkus-run.jar"
  measure "floor /echo (worker)" http://127.0.0.1:18083/echo $FLOOR_LUA
  measure "floor /echo/nb (event loop)" http://127.0.0.1:18083/echo/nb $FLOOR_LUA
  stop

  # quarkus-mcp-server needs a session: initialize, then notifications/initialized, then the id on every call.
  start http://127.0.0.1:18081/ -jar "$WORK/peerA/target/quarkus-app/quarkus-run.jar"
  SID=$(curl -s -D - -o /dev/null "${MCP_HEADERS[@]}" http://127.0.0.1:18081/mcp -d '{"jsonrpc":"2.0","id":0,
    "method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
    "clientInfo":{"name":"wrk","version":"1"}}}' | awk 'tolower($1)=="mcp-session-id:" {print $2}' | tr -d '\r')
  curl -s -o /dev/null "${MCP_HEADERS[@]}" -H "Mcp-Session-Id: $SID" http://127.0.0.1:18081/mcp \
    -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  measure "quarkus-mcp-server tools/call" http://127.0.0.1:18081/mcp $FLOOR_LUA MCP_SESSION_ID="$SID"
  stop

  for db in $DATABASES; do
    for audit in true false; do
      suffix=$([ $db = h2 ] && echo "" || echo ", $db")$([ $audit = true ] && echo "" || echo ", audit off")
      rm -rf "$WORK/data"
      db_options=()
      if [ $db = postgresql ]; then
        # A schema of its own on the local server (bin/services starts it), dropped so every run starts empty.
        psql -q -h 127.0.0.1 -U postgres -d test -c 'DROP SCHEMA IF EXISTS toolgate_bench CASCADE' >/dev/null
        db_options=(-Dquarkus.profile=postgres
          "-Dquarkus.datasource.postgresql.jdbc.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=toolgate_bench"
          -Dquarkus.flyway.postgresql.schemas=toolgate_bench)
      fi
      start http://127.0.0.1:18084/q/health/ready "${TG[@]}" "${db_options[@]}" -Dtoolgate.data-dir="$WORK/data" \
        -Dtoolgate.audit.enabled=$audit -jar server/target/quarkus-app/quarkus-run.jar
      # Both doors warmed up before either is measured: the first target after a start otherwise still pays for
      # warming the paths they share (with the audit log on, the writer's: H2 MCP gave 6.9k-28k req/s in one run).
      warm http://127.0.0.1:18084/mcp $TG_LUA TOOLGATE_DOOR=mcp
      warm http://127.0.0.1:18084/tools/add_numbers/invoke $TG_LUA TOOLGATE_DOOR=rest
      WARMED=1 measure "toolgate MCP tools/call$suffix" http://127.0.0.1:18084/mcp $TG_LUA TOOLGATE_DOOR=mcp
      WARMED=1 measure "toolgate REST invoke$suffix" http://127.0.0.1:18084/tools/add_numbers/invoke $TG_LUA \
        TOOLGATE_DOOR=rest
      if [ $audit = true ]; then
        ps -o rss= -p "$server" | awk -v db=$db '{printf "toolgate RSS after load (%s): %d MiB\n", db, $1/1024}'
      fi
      stop
    done
  done
done

echo "medians over $ROUNDS round(s):"
awk -F': RESULT ' -v width=40 -f bench/medians.awk -v columns='rps=rps:%d p50_ms=p50_ms:%.2f p99_ms=p99_ms:%.2f
  cpu_us_per_req=cpu_us_per_req:%.1f loop=loop_us:%.1f audit=audit_us:%.1f db=db_us:%.1f gc=gc_us:%.1f
  jit=jit_us:%.1f' "$WORK/results"
