#!/usr/bin/env bash
# Start-up to the first successful tools/list (GET /tools answers 200), and RSS right after it, for several variants
# measured side by side: the variants take turns (one run each per round), so a load change on a shared machine hits
# all of them alike. Prints the median per variant and the load average before and after.
#
# Usage: bench/startup.sh RUNS 'name|quarkus-app dir|JVM options' ...
#   bench/startup.sh 9 'plain|/tmp/tg-fast|' 'appcds|/tmp/tg-cds|-XX:SharedArchiveFile=app-cds.jsa' \
#                      'aot|target/quarkus-app|-XX:AOTCache=app.aot'
# Each variant gets its own data directory, migrated by one discarded warm-up run, so the measured runs open an
# existing H2 database (Flyway only validates), as a restarted server does.
set -euo pipefail
RUNS=${1:?runs}; shift
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18480
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

measure() { # $1 app dir, $2 data dir, $3 JVM options (word-split); prints "ms rss_kb"
  local app=$1 data=$2 start pid ms rss
  # shellcheck disable=SC2086
  start=$(date +%s%N)
  (cd "$app" && exec "$JAVA" $3 -Dquarkus.http.port=$PORT -Dtoolgate.data-dir="$data" -jar quarkus-run.jar \
      >"$data.log" 2>&1) &
  pid=$!
  for _ in $(seq 12000); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/tools" && break
    kill -0 $pid 2>/dev/null || { echo "the server exited before answering, see $data.log" >&2; exit 1; }
    sleep 0.005
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$ms $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

names=(); dirs=(); opts=()
for v in "$@"; do
  IFS='|' read -r n d o <<<"$v"
  names+=("$n"); dirs+=("$(cd "$d" && pwd)"); opts+=("$o")
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!names[@]}"; do
  mkdir -p "$WORK/$i"; measure "${dirs[$i]}" "$WORK/$i" "${opts[$i]}" >/dev/null # migrate, warm the file cache
done
for _ in $(seq "$RUNS"); do
  for i in "${!names[@]}"; do measure "${dirs[$i]}" "$WORK/$i" "${opts[$i]}" >> "$WORK/$i.txt"; done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!names[@]}"; do
  printf '%-12s median %5d ms  (min %d, max %d)  RSS %d MiB  [%s]\n' "${names[$i]}" \
      "$(cut -d' ' -f1 "$WORK/$i.txt" | median)" "$(cut -d' ' -f1 "$WORK/$i.txt" | sort -n | head -1)" \
      "$(cut -d' ' -f1 "$WORK/$i.txt" | sort -n | tail -1)" \
      $(( $(cut -d' ' -f2 "$WORK/$i.txt" | median) / 1024 )) "${opts[$i]:-no options}"
done
