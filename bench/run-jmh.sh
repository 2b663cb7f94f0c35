#!/usr/bin/env bash
# In-process benchmarks on JDK 25: the JMH pipeline overhead and the batch efficiency harness.
# Usage: bench/run-jmh.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
./mvnw -B -q install -DskipTests
./mvnw -B -q -f bench/pom.xml package
"$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar io.toolgate.bench.BatchEfficiency
"$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar PipelineOverheadBenchmark -rf json -rff bench/target/jmh.json "$@"
