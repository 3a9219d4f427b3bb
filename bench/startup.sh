#!/usr/bin/env bash
# Startup comparison alone: launch->ready time and idle RSS of an empty WAR vs twofold.war (H2) on the
# same Payara Micro jar, each with a fresh data directory. See README.md.
#
#   bench/startup.sh [--runs N] [--idle SECONDS] [--java-opts "-Xmx512m"]
#
# Same as `bench/run.sh --startup-only`, without the run log.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
if [ ! -f "$ROOT/target/twofold.war" ] || [ ! -f "$ROOT/target/payara-micro.jar" ]; then
  (cd "$ROOT" && mvn -q -B package -DskipTests)
fi
(cd "$BENCH_DIR" && mvn -q -B package)
exec java -cp "$BENCH_DIR/target/classes:$(cat "$BENCH_DIR/target/classpath.txt")" org.twofold.bench.StartupComparison \
    --payara="$ROOT/target/payara-micro.jar" --war="$ROOT/target/twofold.war" "$@"
