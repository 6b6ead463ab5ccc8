#!/usr/bin/env bash
# The HTTP benchmark (README.md next to this file). From the repository root:
#
#   verification/statefun-http-benchmark/run.sh                                   # everything, ~25 min
#   CONTENDERS="anchor embedded" ROUNDS=1 WARMUP=5 DURATION=5 verification/statefun-http-benchmark/run.sh   # quick look
#   PROFILE="embedded wildfly" verification/statefun-http-benchmark/run.sh        # also record a JFR of these under load
#   OVERLOAD=0 verification/statefun-http-benchmark/run.sh                        # without the overload cases
#
# Builds what it needs, installs wrk (and gnuplot for the plot) from Debian's packages if missing, starts
# every contender bound to 127.0.0.1, checks their replies, warms them up, then measures them in rounds,
# each contender in turn, then (OVERLOAD=1) puts each under two overloads: slow clients beside the load,
# and concurrent large bodies under the fixed heap (Overload.java). Writes results.csv, summary.csv,
# overload-slow.csv, overload-large.csv, results.md and plot.png under
# verification/statefun-http-benchmark/target/results/<time>/ (and target/results/latest).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

: "${CONTENDERS:=anchor embedded wildfly payara liberty}"
: "${ROUNDS:=3}"                 # measured rounds; each round measures every contender once per configuration
: "${WARMUP:=15}"                # seconds of unmeasured load per contender and batch size before round 1
: "${DURATION:=10}"              # seconds per measured run
: "${CONNECTIONS:=1 64}"         # wrk -c; 1 connection uses one wrk thread, more use two
: "${BATCHES:=1 100}"            # invocations per request
: "${HEAP:=512m}"                # -Xms = -Xmx of every contender's JVM
: "${PROFILE:=}"                 # contenders to record a JFR of, after the rounds (e.g. "embedded wildfly")
: "${PROFILE_DURATION:=30}"
: "${PROFILE_CONNECTIONS:=64}"
: "${PROFILE_BATCHES:=1 100}"
: "${OVERLOAD:=1}"               # 1: after the rounds (and profiles), the two overload cases below, every contender; 0: none
: "${TRICKLERS:=200}"            # slow clients beside wrk's 64 connections at batch 1 (wrk alone, then beside them,
                                 # DURATION seconds each); each sends a valid POST's headers and trickles its 64 KiB
                                 # body, so none finishes within the run; 0: skip this case
: "${TRICKLE_BYTES_PER_S:=1}"    # body bytes per second each slow client sends
: "${LARGE_BODIES:=40}"          # concurrent POSTs of one valid ToFunction of LARGE_BODY_MIB (an invocation whose
                                 # argument is that large), then one batch-1 request; 0: skip this case
: "${LARGE_BODY_MIB:=30}"        # the large body's size in MiB (the embedded server's body limit is 32 MiB)
: "${LARGE_BODY_TIMEOUT:=120}"   # seconds the large POSTs may take, all together; one not answered by then counts
                                 # as a connection error
: "${PORT_BASE:=18080}"          # anchor +0, embedded +1, wildfly +2, payara +3, liberty +4, embedded_off +5,
                                 # embedded_traced +6 (and its OTLP sink +7);
                                 # 0: free ports from the kernel (anchor and embedded only; then no lock is needed)
: "${STARTUP_TIMEOUT:=300}"
: "${SKIP_BUILD:=}"              # 1: reuse what the last run built
: "${MVN_ARGS:=}"                # extra Maven arguments, e.g. -o
stamp=$(date -u +%Y%m%d-%H%M%S)
: "${OUT:=$here/target/results/$stamp}"

all_contenders="anchor embedded wildfly payara liberty embedded_off embedded_traced"
for c in $CONTENDERS; do
  [[ " $all_contenders " == *" $c "* ]] || { echo "unknown contender '$c' (known: $all_contenders)" >&2; exit 2; }
done
for c in $PROFILE; do
  [[ " $CONTENDERS " == *" $c "* ]] || { echo "PROFILE names '$c', which is not in CONTENDERS" >&2; exit 2; }
done
[[ "$OVERLOAD" == [01] ]] || { echo "OVERLOAD is 1 (the overload cases) or 0 (none), not '$OVERLOAD'" >&2; exit 2; }
for v in TRICKLERS TRICKLE_BYTES_PER_S LARGE_BODIES LARGE_BODY_MIB LARGE_BODY_TIMEOUT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "$v must be a whole number, not '${!v}'" >&2; exit 2; }
done
[ "$TRICKLE_BYTES_PER_S" -gt 0 ] && [ "$LARGE_BODY_MIB" -gt 0 ] && [ "$LARGE_BODY_MIB" -lt 2048 ] \
  || { echo "TRICKLE_BYTES_PER_S must be at least 1, LARGE_BODY_MIB between 1 and 2047" >&2; exit 2; }

servers=$here/target/servers
war=$here/target/bench.war
bench_jar=$root/verification/statefun-benchmarks/target/benchmarks.jar
wildfly_version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' "$here/pom.xml")
payara_version=$(sed -n 's:.*<payara-micro.version>\(.*\)</payara-micro.version>.*:\1:p' "$here/pom.xml")
liberty_version=$(sed -n 's:.*<liberty.version>\(.*\)</liberty.version>.*:\1:p' "$here/pom.xml")
undertow_version=$(sed -n 's:.*<undertow.version>\(.*\)</undertow.version>.*:\1:p' "$root/pom.xml")
jersey_version=$(sed -n 's:.*<jersey.version>\(.*\)</jersey.version>.*:\1:p' "$root/pom.xml")
weld_version=$(sed -n 's:.*<weld.version>\(.*\)</weld.version>.*:\1:p' "$root/pom.xml")

log() { echo "[$(date -u +%H:%M:%S)] $*"; }
fail() { echo "run.sh: $*" >&2; exit 1; }

# --- tools ---------------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
install_debian_package() {   # by name, from Debian's archive
  as_root apt-get install -y -q "$1" >/dev/null 2>&1 || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q "$1" >/dev/null; }
}
command -v wrk >/dev/null || { log "installing wrk (Debian package)"; install_debian_package wrk; }
command -v gnuplot >/dev/null || { log "installing gnuplot-nox (Debian package), for the plot"; install_debian_package gnuplot-nox; }
command -v jcmd >/dev/null || [ -z "$PROFILE" ] || fail "PROFILE needs the JDK's jcmd and jfr on the PATH"
command -v javac >/dev/null || [ "$OVERLOAD" = 0 ] || fail "OVERLOAD=1 needs the JDK's javac on the PATH (or set OVERLOAD=0)"

# --- build ---------------------------------------------------------------------------------------
if [ -z "$SKIP_BUILD" ]; then
  profiles=""
  for c in $CONTENDERS; do
    case $c in wildfly|payara|liberty) profiles="$profiles,$c" ;; esac
  done
  log "building statefun-http-benchmark and what it needs${profiles:+ (servers: ${profiles#,})}"
  (cd "$root" && mvn -B -ntp -q $MVN_ARGS -pl verification/statefun-http-benchmark -am package -DskipTests ${profiles:+-P${profiles#,}})
fi
[ -f "$bench_jar" ] && [ -f "$war" ] || fail "nothing built: run without SKIP_BUILD"

mkdir -p "$OUT/logs" "$OUT/requests"
ln -sfn "$OUT" "$here/target/results/latest"
# Batch 1 always: the readiness probe sends it.
java -cp "$bench_jar" dev.statefun.jakarta.benchmarks.http.RequestFiles "$OUT/requests" \
  $(printf '%s\n' 1 $BATCHES | sort -un) >/dev/null
body() { echo "$OUT/requests/batch-$1.bin"; }

# The overload clients (Overload.java, compiled against benchmarks.jar) and their request bodies: a valid
# batch-1 ToFunction of 64 KiB for the slow clients, one of LARGE_BODY_MIB for the large POSTs (both
# GreetRequests.batch(1) with a longer argument). Made before anything starts, so a failure costs no run.
overload_cp=$here/target/overload:$bench_jar
trickle_body=$OUT/requests/trickle-64kib.bin
large_body=$OUT/requests/large-${LARGE_BODY_MIB}mib.bin
if [ "$OVERLOAD" = 1 ]; then
  rm -rf "$here/target/overload"
  javac -nowarn -d "$here/target/overload" -cp "$bench_jar" "$here/Overload.java" || fail "Overload.java does not compile"
  if [ "$TRICKLERS" -gt 0 ]; then java -cp "$overload_cp" Overload body "$trickle_body" 65536 >/dev/null; fi
  if [ "$LARGE_BODIES" -gt 0 ]; then
    java -cp "$overload_cp" Overload body "$large_body" $((LARGE_BODY_MIB * 1048576)) >/dev/null
  fi
fi

# --- the port lock: from here on the run binds fixed ports (the build above binds none) ------------
# With PORT_BASE=0 only the anchor and the embedded server may run: they bind free ports, and no
# application server starts, so the run needs no lock (a quick comparison while developing).
if [ "$PORT_BASE" = 0 ]; then
  for c in $CONTENDERS; do
    case $c in anchor|embedded|embedded_off|embedded_traced) ;; *) fail "PORT_BASE=0 is for the anchor and the embedded server only, not $c" ;; esac
  done
fi
if [ -z "${STATEFUN_BENCH_LOCKED:-}" ] && [ "$PORT_BASE" != 0 ]; then
  exec 9>/tmp/statefun-ports.lock
  log "waiting for /tmp/statefun-ports.lock"
  flock 9
fi

# --- conditions ----------------------------------------------------------------------------------
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "jdk: $(java -version 2>&1 | sed -n 2p)"
  echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "commit: $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
  echo "contenders: $CONTENDERS"
  echo "versions: official SDK 3.3.0 on Undertow $undertow_version; embedded: statefun-embedded (Undertow $undertow_version, Weld SE $weld_version); WildFly $wildfly_version; Payara Micro $payara_version; Open Liberty $liberty_version"
  echo "settings: rounds $ROUNDS, warm-up ${WARMUP}s per contender and batch size, measured runs ${DURATION}s, connections $CONNECTIONS, batches $BATCHES, heap -Xms$HEAP -Xmx$HEAP"
  if [ "$OVERLOAD" = 1 ]; then
    echo "overload: slow clients $TRICKLERS (0: skipped) at $TRICKLE_BYTES_PER_S byte(s)/s beside 64 connections at batch 1, ${DURATION}s with and without; large bodies $LARGE_BODIES (0: skipped) x $LARGE_BODY_MIB MiB at once, ${LARGE_BODY_TIMEOUT}s allowed"
  else
    echo "overload: off (OVERLOAD=0)"
  fi
} > "$OUT/conditions.txt"

# --- contenders ----------------------------------------------------------------------------------
jvm_flags="-Xms$HEAP -Xmx$HEAP"
# Deep stacks (Jersey, RESTEasy, Liberty) exceed JFR's default of 64 frames; only matters when recording.
[ -z "$PROFILE" ] || jvm_flags="$jvm_flags -XX:FlightRecorderOptions:stackdepth=256"

declare -A PORT URL PID LAUNCHER STARTUP_S
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
i=0
for c in $all_contenders; do
  if [ "$PORT_BASE" = 0 ]; then PORT[$c]=$(free_port); else PORT[$c]=$((PORT_BASE + i)); fi
  i=$((i + 1))
done

# The embedded contender: the one place that says how our embedded server is launched.
start_embedded() {
  STATEFUN_HOST=127.0.0.1 STATEFUN_PORT=$1 exec java $jvm_flags \
    -cp "$here/target/classes:$(cat "$here/target/embedded.classpath")" \
    dev.statefun.jakarta.embedded.EmbeddedServer
}

# The embedded server with /metrics off: no OpenTelemetry SDK behind statefun-opentelemetry's instruments (its
# observer reports to OpenTelemetry's no-op). Beside "embedded" in one run, the ratio is what the metrics cost.
start_embedded_off() {
  STATEFUN_METRICS_PATH=off start_embedded "$1"
}

# The embedded server with its OpenTelemetry SDK on, as an operator turns it on: metrics on /metrics and one
# span per request, batched and exported over OTLP/HTTP to a sink on 127.0.0.1 that answers 200 and keeps
# nothing (no OpenTelemetry Collector is installable here). Beside "embedded_off", metrics and traces' cost.
start_embedded_traced() {
  OTEL_SDK_DISABLED=false OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$OTLP_SINK_PORT" \
    OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_SERVICE_NAME=statefun-bench start_embedded "$1"
}

# What embedded_traced exports to: takes every OTLP/HTTP export and answers 200 with an empty (valid) response.
start_otlp_sink() {
  exec python3 -c '
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
' "$1"
}

start_anchor() {
  exec java $jvm_flags -cp "$bench_jar" dev.statefun.jakarta.benchmarks.http.UndertowAnchor "$1"
}

start_wildfly() {
  local home=$servers/wildfly-$wildfly_version
  [ -x "$home/bin/standalone.sh" ] || fail "WildFly is not unpacked under $home: run without SKIP_BUILD"
  rm -rf "$home"/standalone/deployments/* "$home"/standalone/{data,tmp,log}
  cp "$war" "$home/standalone/deployments/"
  # JBOSS_JAVA_SIZING replaces only standalone.conf's heap flags; its other defaults stay. Every port
  # (HTTP, HTTPS, management, transactions) moves by the same offset, and every listener is on 127.0.0.1.
  JBOSS_JAVA_SIZING="$jvm_flags" LAUNCH_JBOSS_IN_BACKGROUND=1 exec "$home/bin/standalone.sh" \
    -b 127.0.0.1 -bmanagement 127.0.0.1 -Djboss.socket.binding.port-offset=$(($1 - 8080))
}

start_payara() {
  local dir=$servers/payara-micro
  [ -f "$dir/payara-micro.jar" ] || fail "Payara Micro is not under $dir: run without SKIP_BUILD"
  rm -rf "$dir/root"
  cat > "$dir/preboot.txt" <<'EOF'
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1
set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=127.0.0.1
EOF
  # No Hazelcast (it would bind a non-loopback interface), no phone-home, listeners on 127.0.0.1.
  exec java $jvm_flags -jar "$dir/payara-micro.jar" --nohazelcast --disablephonehome --port "$1" \
    --prebootcommandfile "$dir/preboot.txt" --rootdir "$dir/root" --deploy "$war"
}

start_liberty() {
  local wlp=$servers/liberty/wlp
  local dir=$wlp/usr/servers/sfbench
  [ -x "$wlp/bin/server" ] || fail "Open Liberty is not unpacked under $wlp: run without SKIP_BUILD"
  rm -rf "$dir"
  mkdir -p "$dir/dropins"
  cat > "$dir/server.xml" <<EOF
<server description="statefun HTTP benchmark">
  <featureManager>
    <feature>restfulWS-3.1</feature>
    <feature>cdi-4.0</feature>
    <feature>jsonb-3.0</feature>
  </featureManager>
  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="$1" httpsPort="-1"/>
  <applicationMonitor dropinsEnabled="true" updateTrigger="disabled"/>
</server>
EOF
  tr ' ' '\n' <<< "$jvm_flags" > "$dir/jvm.options"
  cp "$war" "$dir/dropins/"
  exec "$wlp/bin/server" run sfbench     # "run" ends in exec java: the launched PID is the JVM
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The JVM among a launched process and its descendants (standalone.sh forks its JVM).
java_pid_of() {
  local pid=$1 child
  for _ in 1 2 3 4; do
    [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = java ] && { echo "$pid"; return 0; }
    child=$(ps -o pid= --ppid "$pid" | head -1 | tr -d ' ')
    [ -n "$child" ] || return 1
    pid=$child
  done
  return 1
}

post_status() {   # status code of POSTing a request file
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/octet-stream' \
    --data-binary "@$(body "$2")" "$1" || true
}

start() {
  local c=$1 port=${PORT[$1]} t0 jpid
  port_in_use "$port" && fail "port $port (for $c) is already in use on 127.0.0.1; set PORT_BASE"
  log "starting $c on 127.0.0.1:$port"
  t0=$(date +%s%N)
  # start_<contender> runs in the background (and ends in exec), so it can set no variable here.
  "start_$c" "$port" > "$OUT/logs/$c.log" 2>&1 9>&- &
  LAUNCHER[$c]=$!
  case $c in
    anchor|embedded|embedded_off|embedded_traced) URL[$c]=http://127.0.0.1:$port/statefun ;;
    *) URL[$c]=http://127.0.0.1:$port/bench/statefun ;;
  esac
  until [ "$(post_status "${URL[$c]}" 1)" = 200 ]; do
    kill -0 "${LAUNCHER[$c]}" 2>/dev/null || { tail -30 "$OUT/logs/$c.log" >&2; fail "$c exited during start-up (log: $OUT/logs/$c.log)"; }
    [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt "$STARTUP_TIMEOUT" ] || fail "$c did not answer 200 within ${STARTUP_TIMEOUT}s (log: $OUT/logs/$c.log)"
    sleep 0.1
  done
  STARTUP_S[$c]=$(awk -v ns=$(( $(date +%s%N) - t0 )) 'BEGIN {printf "%.1f", ns / 1e9}')
  jpid=$(java_pid_of "${LAUNCHER[$c]}") || fail "no JVM found under PID ${LAUNCHER[$c]} ($c)"
  PID[$c]=$jpid
  log "$c answers at ${URL[$c]} after ${STARTUP_S[$c]} s (JVM PID $jpid)"
}

stop_all() {
  local c pid
  [ -z "${SINK_PID:-}" ] || kill -TERM "$SINK_PID" 2>/dev/null || true
  [ -z "${TRICKLE_PID:-}" ] || kill -TERM "$TRICKLE_PID" 2>/dev/null || true
  for c in "${!LAUNCHER[@]}"; do
    for pid in ${PID[$c]:-} ${LAUNCHER[$c]}; do kill -TERM "$pid" 2>/dev/null || true; done
  done
  for c in "${!LAUNCHER[@]}"; do
    for pid in ${PID[$c]:-} ${LAUNCHER[$c]}; do
      for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    done
  done
}
trap stop_all EXIT

# --- measuring -----------------------------------------------------------------------------------
clk_tck=$(getconf CLK_TCK)
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }   # utime + stime
vm_hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

# wrk against one contender; prints wrk's RESULT line (post.lua)
load() {   # contender connections batch seconds
  local threads=2
  [ "$2" -gt 1 ] || threads=1
  BODY_FILE=$(body "$3") wrk -t"$threads" -c"$2" -d"$4"s -s "$here/post.lua" "${URL[$1]}" \
    | grep '^RESULT' || fail "wrk printed no result for $1 (c$2, batch $3)"
}

echo "round,contender,connections,batch,requests,seconds,requests_per_s,p50_ms,p99_ms,mean_ms,errors,non200,cpu_us_per_request,peak_rss_mb,startup_s" > "$OUT/results.csv"
measure() {   # round contender connections batch
  local pid=${PID[$2]} before after result
  kill -0 "$pid" 2>/dev/null || fail "$2 (PID $pid) is gone; log: $OUT/logs/$2.log"
  before=$(cpu_ticks "$pid")
  result=$(load "$2" "$3" "$4" "$DURATION")
  after=$(cpu_ticks "$pid")
  awk -v round="$1" -v c="$2" -v conns="$3" -v batch="$4" -v cpu=$((after - before)) -v hz="$clk_tck" \
      -v hwm="$(vm_hwm_kb "$pid")" -v start="${STARTUP_S[$2]}" '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] } }
    END {
      secs = r["duration_us"] / 1e6; n = r["requests"]
      cpu_us = n > 0 ? cpu / hz * 1e6 / n : 0     # (not inside printf: there ">" would redirect)
      printf "%d,%s,%d,%d,%d,%.2f,%.1f,%.3f,%.3f,%.3f,%d,%d,%.1f,%.0f,%s\n", round, c, conns, batch, n, secs, n / secs,
        r["p50_us"] / 1000, r["p99_us"] / 1000, r["mean_us"] / 1000, r["non200"] + r["socket_errors"], r["non200"],
        cpu_us, hwm / 1024, start
    }' <<< "$result" | tee -a "$OUT/results.csv"
}

SINK_PID=
if [[ " $CONTENDERS " == *" embedded_traced "* ]]; then
  if [ "$PORT_BASE" = 0 ]; then OTLP_SINK_PORT=$(free_port); else OTLP_SINK_PORT=$((PORT_BASE + 7)); fi
  port_in_use "$OTLP_SINK_PORT" && fail "port $OTLP_SINK_PORT (for the OTLP sink) is already in use on 127.0.0.1; set PORT_BASE"
  start_otlp_sink "$OTLP_SINK_PORT" > "$OUT/logs/otlp-sink.log" 2>&1 9>&- &
  SINK_PID=$!
  for _ in $(seq 100); do port_in_use "$OTLP_SINK_PORT" && break; sleep 0.1; done
  port_in_use "$OTLP_SINK_PORT" || fail "the OTLP sink did not listen on 127.0.0.1:$OTLP_SINK_PORT (log: $OUT/logs/otlp-sink.log)"
fi
for c in $CONTENDERS; do start "$c"; done

log "checking replies (status 200, Content-Type exactly application/octet-stream, same reply as the official SDK)"
checks=()
for c in $CONTENDERS; do checks+=("$c=${URL[$c]}"); done
for b in $BATCHES; do
  java -cp "$bench_jar" dev.statefun.jakarta.benchmarks.http.ReplyCheck "$(body "$b")" "${checks[@]}" | sed "s/^/  batch $b: /"
done

if [ "$WARMUP" -gt 0 ]; then
  for c in $CONTENDERS; do
    for b in $BATCHES; do
      log "warm-up: $c, batch $b, 64 connections, ${WARMUP}s (not measured)"
      load "$c" 64 "$b" "$WARMUP" > /dev/null
    done
  done
fi

read -ra order <<< "$CONTENDERS"
for r in $(seq "$ROUNDS"); do
  for conns in $CONNECTIONS; do
    for b in $BATCHES; do
      log "round $r/$ROUNDS: $conns connection(s), batch $b"
      for c in "${order[@]}"; do measure "$r" "$c" "$conns" "$b"; done
      order=("${order[@]:1}" "${order[0]}")   # rotate: nobody always goes first
    done
  done
done

# --- profiles ------------------------------------------------------------------------------------
for c in $PROFILE; do
  for b in $PROFILE_BATCHES; do
    jfr_file=$OUT/profile-$c-c$PROFILE_CONNECTIONS-b$b.jfr
    log "profiling $c: batch $b, $PROFILE_CONNECTIONS connections, ${PROFILE_DURATION}s under JFR"
    jcmd "${PID[$c]}" JFR.start name=statefun-bench settings=profile > /dev/null
    before=$(cpu_ticks "${PID[$c]}")
    result=$(load "$c" "$PROFILE_CONNECTIONS" "$b" "$PROFILE_DURATION")
    after=$(cpu_ticks "${PID[$c]}")
    jcmd "${PID[$c]}" JFR.stop name=statefun-bench filename="$jfr_file" > /dev/null
    requests=$(sed 's/.* requests=\([0-9]*\).*/\1/' <<< "$result")
    jfr print --events jdk.ExecutionSample --stack-depth 256 "$jfr_file" \
      | python3 "$here/jfr_top.py" --title "$c, batch $b, $PROFILE_CONNECTIONS connections" \
          --requests "$requests" --cpu-seconds "$(awk -v t=$((after - before)) -v hz="$clk_tck" 'BEGIN {print t / hz}')" \
      > "${jfr_file%.jfr}.md"
    log "  $(basename "${jfr_file%.jfr}.md") written"
  done
done

# --- overload ------------------------------------------------------------------------------------
# After the rounds and profiles, so a contender these break spoils no measured figure. Every slow-client case
# first, then every large-body case (which may leave a contender busy or broken).
kv() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< "$1"; }   # a field of a "NAME key=value ..." line

TRICKLE_PID=
stop_tricklers() {   # by PID; they print their summary on SIGTERM
  [ -n "$TRICKLE_PID" ] || return 0
  kill -TERM "$TRICKLE_PID" 2>/dev/null || true
  wait "$TRICKLE_PID" 2>/dev/null || true
  TRICKLE_PID=
}

# wrk at 64 connections and batch 1 for DURATION seconds, alone and then beside TRICKLERS slow clients.
slow_clients() {   # contender
  local c=$1 without with summary tlog=$OUT/logs/tricklers-$1.log
  kill -0 "${PID[$c]}" 2>/dev/null || fail "$c (PID ${PID[$c]}) is gone; log: $OUT/logs/$c.log"
  log "slow clients: $c, 64 connections at batch 1 for ${DURATION}s alone, then beside $TRICKLERS connections trickling a body at $TRICKLE_BYTES_PER_S byte(s)/s"
  without=$(load "$c" 64 1 "$DURATION")
  java -cp "$overload_cp" Overload trickle "${URL[$c]}" "$TRICKLERS" "$trickle_body" "$TRICKLE_BYTES_PER_S" \
    > "$tlog" 2>&1 9>&- &
  TRICKLE_PID=$!
  for _ in $(seq 600); do
    grep -q '^READY' "$tlog" && break
    kill -0 "$TRICKLE_PID" 2>/dev/null || break
    sleep 0.1
  done
  grep -q '^READY' "$tlog" || { stop_tricklers; tail -5 "$tlog" >&2; fail "the slow clients did not all connect to $c (log: $tlog)"; }
  sleep 1   # the server takes in the last of them
  with=$(load "$c" 64 1 "$DURATION")
  stop_tricklers
  summary=$(grep '^TRICKLE' "$tlog") || fail "the slow clients printed no summary (log: $tlog)"
  { sed 's/^RESULT/WITHOUT/' <<< "$without"; sed 's/^RESULT/WITH/' <<< "$with"; echo "$summary"; } | awk -v c="$c" \
      -v rate="$TRICKLE_BYTES_PER_S" '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); r[$1 "." kv[1]] = kv[2] } }
    END {
      s0 = r["WITHOUT.duration_us"] / 1e6; s1 = r["WITH.duration_us"] / 1e6
      p99_0 = r["WITHOUT.p99_us"] / 1000; p99_1 = r["WITH.p99_us"] / 1000
      ratio = p99_0 > 0 ? sprintf("%.2f", p99_1 / p99_0) : ""
      printf "%s,%d,%d,%.2f,%.1f,%.3f,%.3f,%d,%.1f,%.3f,%.3f,%d,%s,%d,%d,%s\n", c, r["TRICKLE.tricklers"], rate, s1,
        r["WITHOUT.requests"] / s0, r["WITHOUT.p50_us"] / 1000, p99_0, r["WITHOUT.non200"] + r["WITHOUT.socket_errors"],
        r["WITH.requests"] / s1, r["WITH.p50_us"] / 1000, p99_1, r["WITH.non200"] + r["WITH.socket_errors"], ratio,
        r["TRICKLE.opened"], r["TRICKLE.cut"], r["TRICKLE.cut_detail"]
    }' | tee -a "$OUT/overload-slow.csv"
}

# The files a contender logs to: its console, and the servers' own log files (WildFly's server.log repeats
# its console, so a line may count twice).
contender_logs() {   # contender
  echo "$OUT/logs/$1.log"
  case $1 in
    wildfly) echo "$servers/wildfly-$wildfly_version/standalone/log/server.log" ;;
    payara) find "$servers/payara-micro/root" -name '*.log' -type f 2>/dev/null || true ;;
    liberty) find "$servers/liberty/wlp/usr/servers/sfbench/logs" -type f 2>/dev/null || true ;;   # messages.log, FFDC
  esac
}
oom_lines() {   # contender: lines of its logs naming OutOfMemoryError, since it started
  local f n=0
  while read -r f; do
    [ -f "$f" ] && n=$((n + $(grep -c OutOfMemoryError "$f" || true)))
  done < <(contender_logs "$1")
  echo "$n"
}

# LARGE_BODIES concurrent POSTs of the large body, then one batch-1 request.
large_bodies() {   # contender
  local c=$1 result next alive rss
  kill -0 "${PID[$c]}" 2>/dev/null || fail "$c (PID ${PID[$c]}) is gone; log: $OUT/logs/$c.log"
  log "large bodies: $c, $LARGE_BODIES concurrent POSTs of $(stat -c %s "$large_body") bytes (${LARGE_BODY_MIB} MiB), heap $HEAP"
  result=$(java -cp "$overload_cp" Overload large "${URL[$c]}" "$LARGE_BODIES" "$large_body" "$LARGE_BODY_TIMEOUT" \
    2> "$OUT/logs/large-bodies-$c.log" 9>&- | grep '^LARGE') || fail "the large-body client printed no result (log: $OUT/logs/large-bodies-$c.log)"
  next=$(post_status "${URL[$c]}" 1)
  alive=yes rss=
  if kill -0 "${PID[$c]}" 2>/dev/null; then rss=$(awk -v kb="$(vm_hwm_kb "${PID[$c]}")" 'BEGIN {printf "%.0f", kb / 1024}'); else alive=no; fi
  echo "$c,$(kv "$result" requests),$(kv "$result" body_bytes),$(kv "$result" s200),$(kv "$result" s400),$(kv "$result" s413),$(kv "$result" s503),$(kv "$result" other),$(kv "$result" other_detail),$(kv "$result" connection_errors),$(kv "$result" error_detail),$(kv "$result" html),$(kv "$result" seconds),$(oom_lines "$c"),$next,$alive,$rss" \
    | tee -a "$OUT/overload-large.csv"
}

if [ "$OVERLOAD" = 1 ] && [ "$TRICKLERS" -gt 0 ]; then
  echo "contender,tricklers,trickle_bytes_per_s,seconds,rps_without,p50_without_ms,p99_without_ms,errors_without,rps_with,p50_with_ms,p99_with_ms,errors_with,p99_ratio,tricklers_opened,tricklers_cut,tricklers_cut_detail" > "$OUT/overload-slow.csv"
  for c in $CONTENDERS; do slow_clients "$c"; done
fi
if [ "$OVERLOAD" = 1 ] && [ "$LARGE_BODIES" -gt 0 ]; then
  echo "contender,requests,body_bytes,s200,s400,s413,s503,other,other_detail,connection_errors,connection_error_detail,html,seconds,oom_lines,next_status,alive_after,peak_rss_mb" > "$OUT/overload-large.csv"
  for c in $CONTENDERS; do large_bodies "$c"; done
  rm -f "$large_body"   # LARGE_BODY_MIB of bytes the run can make again; not worth keeping with the results
fi

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/conditions.txt"
stop_all
trap - EXIT
python3 "$here/report.py" "$OUT"
log "results: $OUT/results.md (tables), $OUT/plot.png, $OUT/results.csv (every run), $OUT/summary.csv$([ "$OVERLOAD" = 0 ] || echo ", $OUT/overload-*.csv (overload cases)")"
