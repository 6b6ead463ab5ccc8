#!/usr/bin/env bash
# A long fuzzing run of the protocol handler with Jazzer's command-line driver (the build's own run
# is 20 s). Usage: statefun-fuzz/long-run.sh [runs]   (default 10,000,000 inputs)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10000000}"
mvn -B -ntp -q -pl statefun-fuzz -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
corpus=statefun-fuzz/target/long-run-corpus
mkdir -p "$corpus"
exec java -cp "statefun-fuzz/target/test-classes:$(cat statefun-fuzz/target/test.classpath)" \
  com.code_intelligence.jazzer.Jazzer \
  --target_class=dev.statefun.jakarta.fuzz.HandlerFuzzTest \
  --instrumentation_includes='dev.statefun.**' \
  -runs="$runs" -max_total_time=3600 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$corpus"
