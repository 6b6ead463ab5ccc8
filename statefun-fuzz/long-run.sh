#!/usr/bin/env bash
# A long fuzzing run with Jazzer's command-line driver (the build's own runs are a few seconds each).
#
# Usage: statefun-fuzz/long-run.sh [runs] [target]
#   runs    number of inputs (default 10,000,000)
#   target  handler (default: HandlerFuzzTest, the protocol handler in-process)
#           http    (HttpResourceFuzzTest: real HTTP requests to the embedded server on 127.0.0.1)
# Environment:
#   MAX_TIME  stop after this many seconds even if the runs are not done (default 0 = no limit)
#   NICE      niceness of the fuzzing JVM (default 10: the box is shared)
#   HEAP      -Xmx of the fuzzing JVM (default 512m; libFuzzer's RSS limit is 2048 MB on top of it)
#
# The classes are copied into target/long-run/<target>/classpath first, so that a build in the same
# worktree during the run cannot swap classes under the fuzzer. Results (see README.md):
# target/long-run/<target>/fuzz.log (libFuzzer's status lines and final stats), time.txt (wall time,
# peak RSS), corpus/ (the inputs that found new coverage), crash-*/timeout-*/oom-* (findings, if any).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10000000}"
target="${2:-handler}"
case "$target" in
  handler) class=dev.statefun.jakarta.fuzz.HandlerFuzzTest ;;
  http) class=dev.statefun.jakarta.fuzz.HttpResourceFuzzTest ;;
  *) echo "unknown target '$target' (handler or http)" >&2; exit 2 ;;
esac
work="statefun-fuzz/target/long-run/$target"

mvn -B -ntp -q -pl statefun-fuzz -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test

# Snapshot every directory on the class path (this module's and the reactor modules' classes).
rm -rf "$work/classpath"
mkdir -p "$work/classpath" "$work/corpus"
cp=""
n=0
for entry in "statefun-fuzz/target/test-classes" $(tr ':' ' ' < statefun-fuzz/target/test.classpath); do
  if [ -d "$entry" ]; then
    n=$((n + 1))
    cp -r "$entry" "$work/classpath/$n"
    entry="$work/classpath/$n"
  fi
  cp="${cp:+$cp:}$entry"
done

echo "fuzzing $class for $runs inputs; log in $work/fuzz.log" >&2
# The seed inputs of the JUnit test (if any) are read as a second corpus; new inputs go to corpus/.
seeds="statefun-fuzz/src/test/resources/dev/statefun/jakarta/fuzz/$(basename "${class//.//}")Inputs"
corpora=("$work/corpus")
if [ -d "$seeds" ]; then
  for dir in "$seeds"/*/; do corpora+=("$dir"); done
fi
set +e
/usr/bin/time -v -o "$work/time.txt" nice -n "${NICE:-10}" java "-Xmx${HEAP:-512m}" -XX:+UseSerialGC -cp "$cp" \
  com.code_intelligence.jazzer.Jazzer \
  --target_class="$class" \
  --instrumentation_includes='dev.statefun.**' \
  -runs="$runs" -max_total_time="${MAX_TIME:-0}" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$work/" "${corpora[@]}" > "$work/fuzz.log" 2>&1
status=$?
set -e
tail -n 25 "$work/fuzz.log"
grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$work/time.txt"
exit "$status"
