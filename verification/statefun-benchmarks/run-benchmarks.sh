#!/usr/bin/env bash
# Builds the benchmarks jar and runs the three-way request-reply comparison with allocation profiling,
# then prints the summary. About 8 minutes for the run (6 benchmarks x 3 forks x ~25 s) plus the build.
#
# Without arguments it runs the reference settings below. Arguments replace those settings (JMH rejects
# an option given twice), e.g. a smoke run: ./run-benchmarks.sh -f 1 -wi 1 -w 1s -i 1 -r 1s
set -euo pipefail
cd "$(dirname "$0")/../.."

result=verification/statefun-benchmarks/target/jmh-result.json
if [ "$#" -eq 0 ]; then
  set -- -f 3 -wi 4 -w 2s -i 5 -r 3s
fi
mvn -B -ntp -pl verification/statefun-benchmarks -am package -DskipTests
java -jar verification/statefun-benchmarks/target/benchmarks.jar RequestReplyBenchmark "$@" \
  -prof gc -rf json -rff "$result"
python3 verification/statefun-benchmarks/summarize.py "$result"
