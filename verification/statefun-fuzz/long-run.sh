#!/usr/bin/env bash
# A long fuzzing run with Jazzer's command-line driver (the build's own runs are 20 s each).
#
# Usage: verification/statefun-fuzz/long-run.sh [runs] [target]
#   runs    number of inputs (default 10,000,000)
#   target  handler (default): HandlerFuzzTest, the protocol handler in-process
#           http: HttpResourceFuzzTest, real HTTP requests to the embedded server on 127.0.0.1
# Environment:
#   MAX_TIME  stop after this many seconds even if the runs are not done (default 0 = no limit)
#   NICE      niceness of the fuzzing JVM (default 10: the box is shared)
#   HEAP      -Xmx of the fuzzing JVM (default 512m; libFuzzer's RSS limit is 2048 MB on top of it)
#   JAVA_OPTS more JVM options, e.g. -Dstatefun.fuzz.trace=true (the http target prints every request)
#   MERGE     1: do not fuzz; merge the campaign's corpus (target/long-run/<target>/corpus) into the
#             committed regression inputs that `mvn verify` replays, keeping only the inputs that add
#             coverage (libFuzzer's -merge=1); then review and commit src/test/resources/.../<Test>Inputs/
#
# The classes are copied into target/long-run/<target>/classpath first, so that a build in the same
# worktree during the run cannot swap classes under the fuzzer. Results (see README.md):
# target/long-run/<target>/fuzz.log (libFuzzer's status lines and final stats), time.txt (wall time,
# peak RSS), corpus/ (the inputs that found new coverage; a next run starts from them),
# crash-*/timeout-*/oom-* (findings, if any).
set -euo pipefail

main() {
  cd "$(dirname "$0")/../.."
  local runs="${1:-10000000}" target="${2:-handler}" class timeout
  # Per-input timeout: the HTTP target's first input also starts the server (its client gives up after 10 s).
  local method
  case "$target" in
    handler) class=dev.statefun.jakarta.fuzz.HandlerFuzzTest; timeout=10; method=handlerNeverMisbehaves ;;
    http) class=dev.statefun.jakarta.fuzz.HttpResourceFuzzTest; timeout=60; method=resourceHonoursTheHttpContract ;;
    *) echo "unknown target '$target' (handler or http)" >&2; return 2 ;;
  esac
  local work="verification/statefun-fuzz/target/long-run/$target"

  mvn -B -ntp -q -pl verification/statefun-fuzz -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test

  # Snapshot every directory on the class path (this module's and the reactor modules' classes).
  rm -rf "$work/classpath"
  mkdir -p "$work/classpath" "$work/corpus"
  local cp="" n=0 entry
  for entry in "verification/statefun-fuzz/target/test-classes" $(tr ':' ' ' < verification/statefun-fuzz/target/test.classpath); do
    if [ -d "$entry" ]; then
      n=$((n + 1))
      cp -r "$entry" "$work/classpath/$n"
      entry="$work/classpath/$n"
    fi
    cp="${cp:+$cp:}$entry"
  done

  echo "$cp" > "$work/classpath.txt"
  if [ "${MERGE:-}" = 1 ]; then
    local inputs="verification/statefun-fuzz/src/test/resources/dev/statefun/jakarta/fuzz/${class##*.}Inputs/$method"
    mkdir -p "$inputs"
    echo "merging $work/corpus into $inputs (inputs that add coverage only)" >&2
    java "-Xmx${HEAP:-512m}" -cp "$cp" com.code_intelligence.jazzer.Jazzer --target_class="$class" \
      --instrumentation_includes='dev.statefun.**' --custom_hook_includes='dev.statefun.**' \
      -merge=1 -timeout="$timeout" -rss_limit_mb=2048 "$inputs" "$work/corpus" > "$work/merge.log" 2>&1
    grep -E 'MERGE-OUTER' "$work/merge.log" | tail -n 2
    echo "$(ls "$inputs" | wc -l) regression inputs in $inputs" >&2
    return 0
  fi

  echo "fuzzing $class for $runs inputs; log in $work/fuzz.log" >&2
  local status=0
  /usr/bin/time -v -o "$work/time.txt" nice -n "${NICE:-10}" java "-Xmx${HEAP:-512m}" -XX:+UseSerialGC ${JAVA_OPTS:-} -cp "$cp" \
    com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" \
    --instrumentation_includes='dev.statefun.**' --custom_hook_includes='dev.statefun.**' \
    -runs="$runs" -max_total_time="${MAX_TIME:-0}" -rss_limit_mb=2048 -timeout="$timeout" -print_final_stats=1 \
    -artifact_prefix="$work/" "$work/corpus" > "$work/fuzz.log" 2>&1 || status=$?
  grep -E '^#[0-9]+ +DONE|^Done|^stat::|^== Java Exception|^HTTP fuzzing' "$work/fuzz.log" || tail -n 30 "$work/fuzz.log"
  grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$work/time.txt"
  ls "$work" | grep -E '^(crash|timeout|oom|leak)-' || echo "findings: none"
  return "$status"
}

# Everything runs from main, parsed whole before it starts: editing this file during a run is safe.
main "$@"
exit
