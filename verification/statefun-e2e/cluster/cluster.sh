#!/usr/bin/env bash
# A production-shaped StateFun deployment on one machine, everything on 127.0.0.1:
#   Kafka 3.9.1 (KRaft, one JVM) -> Flink 1.16.2 session cluster (1 JobManager + N TaskManagers, each its own
#   JVM) running the StateFun 3.3.0 job (submitted through Flink's REST API) -> HAProxy -> M function replicas
#   (war-example's functions on the embedded server), exactly-once Kafka egress.
# Everything comes from Maven Central (into target/cluster/lib) plus Debian's haproxy.
#
#   verification/statefun-e2e/cluster/cluster.sh start     build what is missing, start everything, submit the job
#   verification/statefun-e2e/cluster/cluster.sh stop      cancel the job, stop every process this script started (by PID)
#   verification/statefun-e2e/cluster/cluster.sh status    what runs where
# Faults and operations (used by the cluster smoke test, usable by hand):
#   kill-tm N (kill -9; its supervisor starts it again after TM_RESTART_DELAY) | start-tm N | stop-tm N
#   kill-replica N | start-replica N | restart-replica N | kill-replicas | start-replicas | replica-down N
#   job-state | tasks-running | restarts | taskmanagers
#
# Settings (environment): CLUSTER_DIR (target/cluster), REPLICAS (2), TASKMANAGERS (2), SLOTS (2 per TM),
# PARALLELISM (4), CALL_TIMEOUT (1m), CHECKPOINT_INTERVAL (5s), FRESH (1: wipe Kafka data and checkpoints
# on start), TM_RESTART_DELAY (10), TASK_CANCELLATION_TIMEOUT_MS (60000), MVN_FLAGS (e.g. -o), ports below.
# Take `flock /tmp/statefun-cluster.lock` around a whole run on a shared machine.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
D=${CLUSTER_DIR:-$HERE/target/cluster}
LIB=$D/lib

REPLICAS=${REPLICAS:-2}
TASKMANAGERS=${TASKMANAGERS:-2}
SLOTS=${SLOTS:-2}
PARALLELISM=${PARALLELISM:-4}
CALL_TIMEOUT=${CALL_TIMEOUT:-1m}
CHECKPOINT_INTERVAL=${CHECKPOINT_INTERVAL:-5s}
FRESH=${FRESH:-1}
MVN_FLAGS=${MVN_FLAGS:-}

# Ports: clear of 8000 (embedded default), 8080/8443/9990 (WildFly, Payara), 9080/19080 (Liberty).
KAFKA_PORT=${KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
FLINK_RPC_PORT=${FLINK_RPC_PORT:-16123}
FLINK_BLOB_PORT=${FLINK_BLOB_PORT:-16124}
FLINK_REST_PORT=${FLINK_REST_PORT:-18081}
LB_PORT=${LB_PORT:-18000}
LB_STATS_PORT=${LB_STATS_PORT:-18009}
REPLICA_BASE_PORT=${REPLICA_BASE_PORT:-18000}   # replica N listens on REPLICA_BASE_PORT + N

# A TaskManager that exits (killed, or shut down by Flink's own watchdog, see supervise_tm) is started again
# by its supervisor after this many seconds, as systemd's Restart=always + RestartSec or Kubernetes would.
TM_RESTART_DELAY=${TM_RESTART_DELAY:-10}
# A task that does not cancel within this time makes Flink kill its TaskManager on purpose (see supervise_tm).
TASK_CANCELLATION_TIMEOUT_MS=${TASK_CANCELLATION_TIMEOUT_MS:-60000}

REST=http://127.0.0.1:$FLINK_REST_PORT
INGRESS_TOPICS=(names users reminder-schedules reminder-cancellations translate)
EGRESS_TOPICS=(greetings inbox profiles reminders translations)

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------------------
# Processes: every start writes $D/pids/<name>.pid; stops and kills use only those PIDs.
pidfile() { echo "$D/pids/$1.pid"; }
alive() { local f; f=$(pidfile "$1"); [[ -f $f ]] && kill -0 "$(cat "$f")" 2>/dev/null; }
launch() { # launch NAME LOGFILE CMD... : run in the background, detached, record the PID
  local name=$1 out=$2; shift 2
  mkdir -p "$D/pids" "$(dirname "$out")"
  nohup "$@" >"$out" 2>&1 </dev/null &
  echo $! >"$(pidfile "$name")"
}
stop_process() { # stop_process NAME [SIGNAL]: TERM (or the given signal), wait up to 30 s, then KILL
  local name=$1 sig=${2:-TERM} f pid
  f=$(pidfile "$name")
  [[ -f $f ]] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -s "$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "$name ($pid) still alive after 30 s: KILL"; kill -9 "$pid" 2>/dev/null || true; }
  fi
  rm -f "$f"
}
wait_for() { # wait_for SECONDS DESCRIPTION CMD...
  local limit=$1 what=$2; shift 2
  local t0=$SECONDS
  until "$@" >/dev/null 2>&1; do
    ((SECONDS - t0 < limit)) || die "$what: not ready after ${limit} s"
    sleep 0.5
  done
  log "$what: ready in $((SECONDS - t0)) s"
}
listening() { ss -ltnH "sport = :$1" | grep -q .; }

# ---------------------------------------------------------------------------------------------------------
# Build: the function tier through the project's reactor, Flink/Kafka/StateFun jars through lib/*.xml.
build() {
  if [[ ! -f $LIB/fn/war-example-0.1.0-SNAPSHOT-classes.jar ]]; then
    log "building the function tier (war-example + embedded server) into $LIB/fn"
    (cd "$ROOT" && mvn -B -ntp -q $MVN_FLAGS -pl verification/statefun-e2e/cluster -am package -DskipTests)
  fi
  local l
  for l in flink kafka statefun; do
    if [[ ! -f $LIB/$l.ok ]]; then
      log "resolving $l jars from Maven Central into $LIB/$l"
      mvn -B -ntp -q $MVN_FLAGS -f "$HERE/lib/$l.xml" \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DoutputDirectory="$LIB/$l"
      touch "$LIB/$l.ok"
    fi
  done
  if ! command -v haproxy >/dev/null; then
    log "installing Debian's haproxy"
    local sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    # a fresh machine may have no package lists yet: update once and try again
    "${sudo[@]}" apt-get install -y -q haproxy >/dev/null 2>&1 ||
      { "${sudo[@]}" apt-get update -q >/dev/null && "${sudo[@]}" apt-get install -y -q haproxy >/dev/null; } ||
      die "could not install haproxy (apt-get install haproxy)"
  fi
}

# ---------------------------------------------------------------------------------------------------------
# Kafka, KRaft, one node.
KAFKA_CP() { echo "$LIB/kafka/*"; }
kafka_tool() { java -Dlog4j.configuration="file:$D/kafka/tools-log4j.properties" -cp "$(KAFKA_CP)" "$@"; }
kafka_config() {
  mkdir -p "$D/kafka"
  cat >"$D/kafka/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$D/kafka/data
num.partitions=4
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
# The broker's ceiling for a producer's transaction.timeout.ms (the default, written out): the StateFun
# exactly-once egress's transactionTimeout (10min in module.yaml) must not exceed it.
transaction.max.timeout.ms=900000
EOF
  cat >"$D/kafka/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$D/log/kafka.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
EOF
  cat >"$D/kafka/tools-log4j.properties" <<EOF
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}
launch_kafka() {
  kafka_config
  if [[ ! -f $D/kafka/data/meta.properties ]]; then
    local id
    id=$(kafka_tool kafka.tools.StorageTool random-uuid)
    kafka_tool kafka.tools.StorageTool format -t "$id" -c "$D/kafka/server.properties" >/dev/null
  fi
  : >"$D/log/kafka.log"
  launch kafka "$D/log/kafka.out" java -Xms512m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$D/kafka/log4j.properties" -cp "$(KAFKA_CP)" kafka.Kafka "$D/kafka/server.properties"
}
await_kafka() { # ready, with every topic created
  wait_for 120 "Kafka on 127.0.0.1:$KAFKA_PORT" grep -q 'Kafka Server started' "$D/log/kafka.log"
  java -Dlog4j.configuration="file:$D/kafka/tools-log4j.properties" -cp "$(KAFKA_CP)" "$HERE/tools/CreateTopics.java" \
    "127.0.0.1:$KAFKA_PORT" 4 "${INGRESS_TOPICS[@]}" "${EGRESS_TOPICS[@]}" || die "topic creation failed"
  log "topics: ${INGRESS_TOPICS[*]} (in) ${EGRESS_TOPICS[*]} (out), 4 partitions each"
}

# ---------------------------------------------------------------------------------------------------------
# Function replicas: THE one place that knows how a replica is launched.
replica_port() { echo $((REPLICA_BASE_PORT + $1)); }
launch_replica() {
  local n=$1
  launch "replica-$n" "$D/log/replica-$n.log" java -Xmx256m -XX:+UseG1GC \
    -Dstatefun.host=127.0.0.1 -Dstatefun.port="$(replica_port "$n")" \
    -cp "$LIB/fn/*" dev.statefun.jakarta.embedded.EmbeddedServer
}
await_replica() { # listening, and UP in HAProxy when that runs
  local n=$1
  wait_for 120 "replica $n on 127.0.0.1:$(replica_port "$n")" listening "$(replica_port "$n")"
  if alive haproxy; then wait_for 60 "replica $n UP in HAProxy" lb_up "$n"; fi
}
start_replica() { launch_replica "$1"; await_replica "$1"; }
start_replicas() { # all at once (they start in parallel), then wait for each
  local n
  for n in $(seq 1 "$1"); do launch_replica "$n"; done
  for n in $(seq 1 "$1"); do await_replica "$n"; done
}
lb_status() { curl -sf "http://127.0.0.1:$LB_STATS_PORT/;csv" | grep "^functions,replica-$1," | cut -d, -f18; }
lb_up() { [[ $(lb_status "$1") == UP ]]; }
lb_down() { [[ $(lb_status "$1") == DOWN* ]]; }
kill_replica() { stop_process "replica-$1" KILL; log "replica $1 killed (-9)"; }
restart_replica() { stop_process "replica-$1" TERM; log "replica $1 stopped"; start_replica "$1"; }

# ---------------------------------------------------------------------------------------------------------
# HAProxy in front of the replicas (foreground mode -db, so that it has one PID of ours).
start_lb() {
  mkdir -p "$D/lb"
  {
    cat <<EOF
global
    maxconn 4000
    log stderr format short local0 notice

defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    # longer than the runtime's call timeout ($CALL_TIMEOUT), so that the runtime, not HAProxy, gives up
    timeout client  120s
    timeout server  120s
    timeout http-keep-alive 30s
    # a busy replica answers its health check late (the check queues behind hundreds of calls); with the
    # default (inter, 1 s) healthy replicas were marked DOWN, both at once, under load. A dead one still
    # fails at once (connection refused).
    timeout check 5s
    retries 3
    option redispatch 1
    # a replica that is draining (SIGTERM) answers 503 until the health check sees it DOWN: send the
    # request to another replica instead (bodies up to tune.bufsize; the runtime retries anything else)
    retry-on conn-failure empty-response 503

frontend statefun
    bind 127.0.0.1:$LB_PORT
    default_backend functions

backend functions
    balance roundrobin
    # readiness: 200 UP while serving, 503 DOWN while starting or draining on SIGTERM
    option httpchk GET /health/ready
    http-check expect status 200
    default-server check inter 1s fall 2 rise 2
EOF
    local n
    for n in $(seq 1 "$REPLICAS"); do echo "    server replica-$n 127.0.0.1:$(replica_port "$n")"; done
    cat <<EOF

listen stats
    bind 127.0.0.1:$LB_STATS_PORT
    stats enable
    stats uri /
EOF
  } >"$D/lb/haproxy.cfg"
  haproxy -c -q -f "$D/lb/haproxy.cfg" || die "haproxy rejected $D/lb/haproxy.cfg"
  launch haproxy "$D/log/haproxy.log" haproxy -db -f "$D/lb/haproxy.cfg"
  wait_for 30 "HAProxy on 127.0.0.1:$LB_PORT" listening "$LB_PORT"
}

# ---------------------------------------------------------------------------------------------------------
# Flink 1.16.2 standalone session cluster, without flink-dist (not on Central): what bin/jobmanager.sh and
# bin/taskmanager.sh do, by hand. BashJavaUtils (in flink-runtime) computes the JVM memory flags.
FLINK_CP() { echo "$LIB/flink/*"; }
JAVA17_OPENS="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED \
--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"
flink_config() {
  mkdir -p "$D/flink/conf" "$D/flink/tmp" "$D/flink/upload" "$D/flink/checkpoints" "$D/flink/savepoints" "$D/log/rocksdb"
  cat >"$D/flink/conf/flink-conf.yaml" <<EOF
# everything on loopback
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $FLINK_REST_PORT
blob.server.port: $FLINK_BLOB_PORT
taskmanager.rpc.port: 0
taskmanager.data.port: 0

# sizes: 1 GB per process; the two TM lines give the task heap ~190 MB (Flink's defaults leave 26 MB at 1g)
jobmanager.memory.process.size: 1g
taskmanager.memory.process.size: 1g
taskmanager.memory.managed.fraction: 0.2
taskmanager.memory.jvm-overhead.min: 128m
taskmanager.numberOfTaskSlots: $SLOTS
parallelism.default: $PARALLELISM
io.tmp.dirs: $D/flink/tmp

# required by StateFun
classloader.parent-first-patterns.additional: org.apache.flink.statefun;org.apache.kafka;com.google.protobuf
statefun.flink-job-name: statefun-cluster
statefun.remote.module-name: file://$D/module/module.yaml

# fault tolerance: exactly-once checkpoints to a local directory, restart forever with a fixed delay
execution.checkpointing.mode: EXACTLY_ONCE
execution.checkpointing.interval: $CHECKPOINT_INTERVAL
execution.checkpointing.min-pause: 1s
execution.checkpointing.timeout: 5min
# a slow checkpoint under backpressure is no reason to fail the job (the default, 0, restarts it at once)
execution.checkpointing.tolerable-failed-checkpoints: 5
# StateFun forbids unaligned checkpoints: keep the in-flight data small so that barriers get through a
# backlog (buffer debloating), and bound the calls in flight per task (default 1024)
taskmanager.network.memory.buffer-debloat.enabled: true
statefun.async.max-per-task: 256
execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
restart-strategy: fixed-delay
restart-strategy.fixed-delay.attempts: 2147483647
restart-strategy.fixed-delay.delay: 1s
# a task stuck in cancellation (see supervise_tm in cluster.sh) gets its TaskManager killed after this,
# and the supervisor starts it again; Flink's default, 180000 (ms), keeps the job down for 3 minutes
task.cancellation.timeout: $TASK_CANCELLATION_TIMEOUT_MS
state.backend: rocksdb
state.backend.rocksdb.timer-service.factory: ROCKSDB
state.backend.incremental: true
state.backend.rocksdb.log.dir: $D/log/rocksdb
state.backend.rocksdb.log.level: HEADER_LEVEL
state.checkpoints.dir: file://$D/flink/checkpoints
state.savepoints.dir: file://$D/flink/savepoints
state.checkpoints.num-retained: 3
pipeline.auto-generate-uids: false
execution.savepoint.ignore-unclaimed-state: true

# REST submission
web.submit.enable: true
web.upload.dir: $D/flink/upload
EOF
  cat >"$D/flink/conf/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.fileName = ${sys:log.file}
appender.main.append = true
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
logger.netty.name = org.apache.flink.shaded.akka.org.jboss.netty.channel.DefaultChannelPipeline
logger.netty.level = OFF
EOF
}
flink_jvm_params() { # GET_JM_RESOURCE_PARAMS | GET_TM_RESOURCE_PARAMS -> two lines: JVM flags, dynamic properties
  java -cp "$(FLINK_CP)" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$D/flink/conf" 2>/dev/null |
    sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}
launch_jm() {
  local r jvm dyn
  r=$(flink_jvm_params GET_JM_RESOURCE_PARAMS); jvm=$(sed -n 1p <<<"$r"); dyn=$(sed -n 2p <<<"$r")
  # shellcheck disable=SC2086 # word splitting of the flag lists is intended
  launch jobmanager "$D/log/jobmanager.out" java $jvm $JAVA17_OPENS -XX:+UseG1GC \
    -Dlog.file="$D/log/jobmanager.log" -Dlog4j.configurationFile="file:$D/flink/conf/log4j.properties" \
    -cp "$(FLINK_CP)" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$D/flink/conf" $dyn
}
tm_jvm() { # tm_jvm N: the TaskManager JVM in the foreground (the supervisor's child)
  local n=$1 r jvm dyn
  r=$(flink_jvm_params GET_TM_RESOURCE_PARAMS); jvm=$(sed -n 1p <<<"$r"); dyn=$(sed -n 2p <<<"$r")
  # taskmanager.resource-id: a restarted TM registers again under the same id
  # shellcheck disable=SC2086 # word splitting of the flag lists is intended
  exec java $jvm $JAVA17_OPENS -XX:+UseG1GC \
    -Dlog.file="$D/log/taskmanager-$n.log" -Dlog4j.configurationFile="file:$D/flink/conf/log4j.properties" \
    -cp "$(FLINK_CP)" org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$D/flink/conf" \
    -D taskmanager.resource-id="tm-$n" $dyn
}
# Why TaskManagers are supervised: when one TaskManager dies, the job fails over and the others cancel
# their tasks. StateFun 3.3.0's function operator can hang in that cancellation (an asynchronous snapshot
# of its raw keyed state, the feedback log of a checkpoint in progress, never releases RocksDB's resource
# guard), and after task.cancellation.timeout Flink kills that TaskManager on purpose ("Task did not exit
# gracefully"). So one TaskManager failure can take down the others; a TaskManager must run under
# something that starts it again (systemd Restart=always, a Kubernetes Deployment). This is that
# something: it restarts TaskManager N whenever its JVM exits, TM_RESTART_DELAY seconds later, until TERM.
supervise_tm() {
  local n=$1 child='' code stopping=0
  trap 'stopping=1; [[ -n $child ]] && kill -TERM "$child" 2>/dev/null' TERM INT
  while ((stopping == 0)); do
    tm_jvm "$n" >>"$D/log/taskmanager-$n.out" 2>&1 </dev/null &
    child=$!
    echo "$child" >"$(pidfile "taskmanager-$n")"
    log "TaskManager $n: pid $child"
    code=0
    wait "$child" || code=$?
    # a TERM interrupts wait: wait again for the JVM's own shutdown
    while kill -0 "$child" 2>/dev/null; do wait "$child" || true; done
    rm -f "$(pidfile "taskmanager-$n")"
    ((stopping == 0)) || break
    log "TaskManager $n exited ($code): restarting in $TM_RESTART_DELAY s"
    sleep "$TM_RESTART_DELAY" & wait $! || true
  done
  log "TaskManager $n supervisor: stopped"
}
start_tm() { # the supervisor, which starts the JVM
  local n=$1
  alive "supervisor-tm-$n" && { log "TaskManager $n is supervised already (it restarts by itself)"; return 0; }
  launch "supervisor-tm-$n" "$D/log/supervisor-tm-$n.log" bash "$HERE/cluster.sh" supervise-tm "$n"
  wait_for 30 "TaskManager $n JVM started" alive "taskmanager-$n"
}
stop_tm() { stop_process "supervisor-tm-$1" TERM; }
taskmanagers_registered() { curl -sf "$REST/overview" | grep -o '"taskmanagers":[0-9]*' | cut -d: -f2; }
has_taskmanagers() { [[ $(taskmanagers_registered) -ge $1 ]]; }
kill_tm() { # kill -9 the JVM only: its supervisor starts it again after TM_RESTART_DELAY
  local f; f=$(pidfile "taskmanager-$1")
  [[ -f $f ]] || die "TaskManager $1 is not running"
  kill -9 "$(cat "$f")"; log "TaskManager $1 (pid $(cat "$f")) killed (-9); its supervisor restarts it in $TM_RESTART_DELAY s"
}

# ---------------------------------------------------------------------------------------------------------
# The StateFun job: module YAML (Kafka in, Kafka out exactly-once, endpoint = the load balancer), REST submit.
module_yaml() {
  mkdir -p "$D/module"
  cat >"$D/module/module.yaml" <<EOF
kind: io.statefun.endpoints.v2/http
spec:
  functions: com.example.fns/*
  urlPathTemplate: http://127.0.0.1:$LB_PORT/statefun
  transport:
    type: io.statefun.transports.v1/async
    timeouts:
      call: $CALL_TIMEOUT
      connect: 5s
---
kind: io.statefun.kafka.v1/ingress
spec:
  id: com.example/inputs
  address: 127.0.0.1:$KAFKA_PORT
  consumerGroupId: statefun-cluster
  startupPosition:
    type: earliest
  topics:
    - topic: names
      valueType: io.statefun.types/string
      targets:
        - com.example.fns/greeter
    - topic: users
      valueType: com.example.types/user
      targets:
        - com.example.fns/profiles
    - topic: reminder-schedules
      valueType: type.googleapis.com/com.example.reminders.ScheduleReminder
      targets:
        - com.example.fns/reminders
    - topic: reminder-cancellations
      valueType: type.googleapis.com/com.example.reminders.CancelReminder
      targets:
        - com.example.fns/reminders
    - topic: translate
      valueType: io.statefun.types/string
      targets:
        - com.example.fns/translator
---
kind: io.statefun.kafka.v1/egress
spec:
  id: com.example/greets
  address: 127.0.0.1:$KAFKA_PORT
  deliverySemantic:
    type: exactly-once
    # the producers' transaction.timeout.ms: at most the broker's transaction.max.timeout.ms (15 min)
    transactionTimeout: 10min
EOF
}
submit_job() {
  local jar up jarid run jobid
  jar=$(ls "$LIB"/statefun/statefun-flink-distribution-*.jar)
  up=$(curl -sf -X POST -H 'Expect:' -F "jarfile=@$jar" "$REST/jars/upload") || die "jar upload failed"
  jarid=$(sed -n 's/.*"filename":"[^"]*\/\([^"\/]*\)".*/\1/p' <<<"$up")
  [[ -n $jarid ]] || die "jar upload: unexpected answer $up"
  run=$(curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"entryClass\":\"org.apache.flink.statefun.flink.core.StatefulFunctionsJob\",\"parallelism\":$PARALLELISM}" \
    "$REST/jars/$jarid/run") || die "job submission failed (see $D/log/jobmanager.log)"
  jobid=$(sed -n 's/.*"jobid":"\([0-9a-f]*\)".*/\1/p' <<<"$run")
  [[ -n $jobid ]] || die "job submission: unexpected answer $run"
  echo "$jobid" >"$D/jobid"
  log "job $jobid submitted"
  wait_for 180 "job $jobid: all tasks RUNNING" all_tasks_running
}
jobid() { cat "$D/jobid"; }
job_state() { curl -sf "$REST/jobs/$(jobid)" | grep -o '"state":"[A-Z]*"' | head -1 | cut -d'"' -f4; }
all_tasks_running() { # the job RUNNING and every one of its vertices RUNNING
  local j counts
  j=$(curl -sf "$REST/jobs/$(jobid)") || return 1
  grep -q '^{"jid":"[0-9a-f]*","name":"[^"]*","isStoppable":[a-z]*,"state":"RUNNING"' <<<"$j" || return 1
  counts=$(grep -o '"status-counts":{[^}]*}' <<<"$j")
  grep -q '"RUNNING":[1-9]' <<<"$counts" && ! grep -qE '"[A-Z]+":[1-9]' <<<"${counts//\"RUNNING\":/}"
}
restarts() { curl -sf "$REST/jobs/$(jobid)/metrics?get=numRestarts" | grep -o '"value":"[0-9]*"' | cut -d'"' -f4; }

# ---------------------------------------------------------------------------------------------------------
ports_in_use() {
  local p busy=()
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$FLINK_RPC_PORT" "$FLINK_BLOB_PORT" "$FLINK_REST_PORT" \
    "$LB_PORT" "$LB_STATS_PORT" $(for n in $(seq 1 "$REPLICAS"); do replica_port "$n"; done); do
    listening "$p" && busy+=("$p")
  done
  echo "${busy[*]}"
}
start() {
  local t0=$SECONDS
  if alive kafka || alive jobmanager; then die "already running (see '$0 status'); '$0 stop' first"; fi
  build
  local busy; busy=$(ports_in_use)
  [[ -z $busy ]] || die "ports already in use on 127.0.0.1: $busy (another run? see the port list in $0)"
  if [[ $FRESH == 1 ]]; then rm -rf "$D/kafka/data" "$D/flink" "$D/log" "$D/module" "$D/jobid"; fi
  mkdir -p "$D/log"
  echo "$TASKMANAGERS" >"$D/taskmanagers"; echo "$REPLICAS" >"$D/replicas"
  # every JVM starts at once (their start-ups overlap), then each is waited for
  flink_config
  module_yaml
  launch_kafka
  local n
  for n in $(seq 1 "$REPLICAS"); do launch_replica "$n"; done
  launch_jm
  for n in $(seq 1 "$TASKMANAGERS"); do start_tm "$n"; done
  start_lb
  await_kafka
  for n in $(seq 1 "$REPLICAS"); do await_replica "$n"; done
  wait_for 120 "JobManager REST on $REST" curl -sf "$REST/overview"
  wait_for 180 "$TASKMANAGERS TaskManagers registered" has_taskmanagers "$TASKMANAGERS"
  submit_job
  log "started in $((SECONDS - t0)) s"
  status
}
stop() {
  if [[ -f $D/jobid ]] && curl -sf "$REST/overview" >/dev/null 2>&1; then
    curl -sf -X PATCH "$REST/jobs/$(jobid)?mode=cancel" >/dev/null 2>&1 && log "job $(jobid) cancelled" || true
  fi
  local f name
  # the job's producers first, Kafka last
  # supervisors first (each stops its TaskManager and does not restart it), then any TaskManager left
  for name in $(for f in "$D"/pids/supervisor-tm-*.pid "$D"/pids/taskmanager-*.pid; do [[ -f $f ]] && basename "$f" .pid; done) jobmanager haproxy \
    $(for f in "$D"/pids/replica-*.pid; do [[ -f $f ]] && basename "$f" .pid; done) kafka; do
    stop_process "$name" && log "stopped $name"
  done
}
status() {
  local n tms replicas
  tms=$(cat "$D/taskmanagers" 2>/dev/null || echo "$TASKMANAGERS"); replicas=$(cat "$D/replicas" 2>/dev/null || echo "$REPLICAS")
  p() { local s; if alive "$1"; then s="pid $(cat "$(pidfile "$1")")"; else s="not running"; fi; printf '  %-15s %-30s %-14s log %s\n' "$1" "$2" "$s" "$3"; }
  echo "StateFun cluster in $D (all on 127.0.0.1)"
  p kafka "kafka 127.0.0.1:$KAFKA_PORT" "$D/log/kafka.log"
  p jobmanager "flink $REST" "$D/log/jobmanager.log"
  for n in $(seq 1 "$tms"); do
    p "taskmanager-$n" "(ports chosen by Flink)" "$D/log/taskmanager-$n.log"
    p "supervisor-tm-$n" "(restarts taskmanager-$n)" "$D/log/supervisor-tm-$n.log"
  done
  p haproxy "http://127.0.0.1:$LB_PORT/statefun" "$D/log/haproxy.log"
  for n in $(seq 1 "$replicas"); do p "replica-$n" "http://127.0.0.1:$(replica_port "$n")/statefun" "$D/log/replica-$n.log"; done
  [[ -f $D/jobid ]] && echo "  job $(jobid): $(job_state 2>/dev/null || echo unknown)   module $D/module/module.yaml"
  cat <<EOF
Feed and watch with Kafka's console tools (jars in $LIB/kafka; the record key is the address id):
  java -Dlog4j.configuration=file:$D/kafka/tools-log4j.properties -cp '$LIB/kafka/*' kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:$KAFKA_PORT --topic users \\
       --property parse.key=true --property key.separator='|'     # type: bob|{"favoriteColor":"blue","name":"bob"}
  java -Dlog4j.configuration=file:$D/kafka/tools-log4j.properties -cp '$LIB/kafka/*' org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:$KAFKA_PORT \\
       --topic profiles --from-beginning --isolation-level read_committed --property print.key=true
  (names and reminder-schedules take protobuf values: ClusterSmokeIT's feeder writes them)
Flink web UI: $REST   HAProxy stats: http://127.0.0.1:$LB_STATS_PORT/   checkpoints: $D/flink/checkpoints
EOF
}

cmd=${1:-}
shift || true
case $cmd in
  start) start ;;
  stop) stop ;;
  status) status ;;
  kill-tm) kill_tm "$1" ;;
  start-tm) start_tm "$1" ;;
  stop-tm) stop_tm "$1" ;;
  supervise-tm) supervise_tm "$1" ;;
  kill-replica) kill_replica "$1" ;;
  start-replica) start_replica "$1" ;;
  restart-replica) restart_replica "$1" ;;
  replica-down) lb_down "$1" ;;
  taskmanagers) taskmanagers_registered ;;
  kill-replicas) for n in $(seq 1 "$(cat "$D/replicas")"); do kill_replica "$n"; done ;;
  start-replicas) start_replicas "$(cat "$D/replicas")" ;;
  job-state) job_state ;;
  tasks-running) all_tasks_running ;;
  restarts) restarts ;;
  *) sed -n '2,19p' "$0"; exit 2 ;;
esac
