#!/usr/bin/env bash
# Start-up to the first successful tools/list (GET /tools answers 200), and RSS right after it, for several variants
# measured side by side: the variants take turns (one run each per round), so a load change on a shared machine hits
# all of them alike. Prints the median per variant and the load average before and after.
#
# Usage: bench/startup.sh RUNS 'name|quarkus-app dir or native executable|options[|probe]' ...
#   probe: the request that must succeed, default 'GET /tools'; 'POST /echo' sends an MCP tools/call add(2,3) body
#   (for the bare Quarkus floor in ../shared/bench-peers/floor).
#   bench/startup.sh 9 'plain|/tmp/tg-fast|' 'appcds|/tmp/tg-cds|-XX:SharedArchiveFile=app-cds.jsa' \
#                      'aot|server/target/quarkus-app|-XX:AOTCache=app.aot'
# Each variant gets its own data directory, migrated by one discarded warm-up run, so the measured runs open an
# existing H2 database (Flyway only validates), as a restarted server does.
set -euo pipefail
RUNS=${1:?runs}; shift
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18480
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

probe() { # $1 probe
  local method=${1%% *} path=${1#* }
  if [ "$method" = POST ]; then
    curl -sf -o /dev/null -H 'Content-Type: application/json' \
      -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}' \
      "http://127.0.0.1:$PORT$path"
  else
    curl -sf -o /dev/null "http://127.0.0.1:$PORT$path"
  fi
}

measure() { # $1 app dir, $2 data dir, $3 JVM options (word-split), $4 probe; prints "ms rss_kb"
  local app=$1 data=$2 start pid ms rss
  # shellcheck disable=SC2086
  start=$(date +%s%N)
  if [ -d "$app" ]; then
    (cd "$app" && exec "$JAVA" $3 -Dquarkus.http.port=$PORT -Dtoolgate.data-dir="$data" -jar quarkus-run.jar \
        >"$data.log" 2>&1) &
  else # a native executable takes the same -D options
    "$app" $3 -Dquarkus.http.port=$PORT -Dtoolgate.data-dir="$data" >"$data.log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 12000); do
    probe "$4" && break
    kill -0 $pid 2>/dev/null || { echo "the server exited before answering, see $data.log" >&2; exit 1; }
    sleep 0.005
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$ms $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

names=(); dirs=(); opts=(); probes=()
for v in "$@"; do
  IFS='|' read -r n d o p <<<"$v"
  names+=("$n"); dirs+=("$(realpath "$d")"); opts+=("$o"); probes+=("${p:-GET /tools}")
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!names[@]}"; do
  mkdir -p "$WORK/$i"; measure "${dirs[$i]}" "$WORK/$i" "${opts[$i]}" "${probes[$i]}" >/dev/null # migrate, warm the file cache
done
for _ in $(seq "$RUNS"); do
  for i in "${!names[@]}"; do measure "${dirs[$i]}" "$WORK/$i" "${opts[$i]}" "${probes[$i]}" >> "$WORK/$i.txt"; done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!names[@]}"; do
  printf '%-12s median %5d ms  (min %d, max %d)  RSS %d MiB  [%s]\n' "${names[$i]}" \
      "$(cut -d' ' -f1 "$WORK/$i.txt" | median)" "$(cut -d' ' -f1 "$WORK/$i.txt" | sort -n | head -1)" \
      "$(cut -d' ' -f1 "$WORK/$i.txt" | sort -n | tail -1)" \
      $(( $(cut -d' ' -f2 "$WORK/$i.txt" | median) / 1024 )) "${opts[$i]:-no options}"
done
