#!/usr/bin/env bash
# Starts examples/hello-tools in dev mode and drives the Toolgate card of its Dev UI in Chromium (check.js).
# Not part of bin/test: it needs Debian's chromium (apt-get install chromium) and a Quarkus whose dev-mode artifacts
# the Maven repository serves. This machine's mirror lacks io.quarkus:quarkus-devui:3.37.3, so the example runs
# with the platform given here (default 3.37.4; the extension itself is built against 3.37.3).
# Usage: extension/deployment/src/test/dev-ui-browser/run.sh [platform version]   (after ./mvnw install)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../.." && pwd)
version=${1:-3.37.4}
port=18090
out=$root/extension/deployment/target/dev-ui-browser
mkdir -p "$out"
(cd "$here" && npm ci --no-audit --no-fund >/dev/null)
set -m # the dev-mode job gets a process group of its own: Maven and the application it forks stop together
(cd "$root/examples/hello-tools" && exec "$root/mvnw" -B quarkus:dev -Dquarkus.platform.version="$version" \
    -Dquarkus.http.port=$port -Ddebug=false -Dquarkus.console.enabled=false -Dquarkus.analytics.disabled=true \
    >"$out/dev-mode.log" 2>&1) &
dev=$!
trap 'kill -- -$dev 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/q/dev-ui/extensions" && break
  kill -0 $dev 2>/dev/null || { echo "dev mode ended, see $out/dev-mode.log" >&2; exit 1; }
  sleep 0.5
done
OUT=$out node "$here/check.js" "http://127.0.0.1:$port"
