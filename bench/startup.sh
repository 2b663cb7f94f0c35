#!/usr/bin/env bash
# Start-up to the first successful tools/list, and RSS after start-up: N runs each of the plain JVM and of the JVM
# with the AOT cache built by `-Dquarkus.package.jar.aot.enabled=true` (JDK 25). Prints medians.
# Usage: bench/startup.sh <quarkus-app dir> [runs]
set -euo pipefail
APP=${1:?quarkus-app dir}
RUNS=${2:-7}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18480
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT

measure() { # $@: extra JVM options; prints "ms rss_kb"
  local start pid ms rss
  start=$(date +%s%N)
  (cd "$APP" && exec "$JAVA" "$@" -Dquarkus.http.port=$PORT -Dtoolgate.data-dir="$DATA" -jar quarkus-run.jar \
      >/dev/null 2>&1) &
  pid=$!
  for _ in $(seq 6000); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/tools" && break
    kill -0 $pid 2>/dev/null || { echo "the server exited before answering" >&2; exit 1; }
    sleep 0.005
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  rss=$(awk '/VmRSS/ {print $2}' /proc/$(pgrep -P $pid java || echo $pid)/status 2>/dev/null || echo 0)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$ms $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for mode in plain aot; do
  opts=()
  if [ "$mode" = aot ]; then
    if [ -f "$APP/app.aot" ]; then opts=(-XX:AOTCache=app.aot); else opts=(-XX:SharedArchiveFile=app-cds.jsa); fi
  fi
  measure "${opts[@]}" >/dev/null # warm the file cache
  : > /tmp/startup-$mode.txt
  for _ in $(seq "$RUNS"); do measure "${opts[@]}" >> /tmp/startup-$mode.txt; done
  echo "$mode ${opts[*]:-}: median start-up to first tools/list $(cut -d' ' -f1 /tmp/startup-$mode.txt | median) ms," \
       "median RSS $(( $(cut -d' ' -f2 /tmp/startup-$mode.txt | median) / 1024 )) MiB ($RUNS runs)"
done
