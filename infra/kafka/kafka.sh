#!/usr/bin/env bash
# Runs a real single-node Apache Kafka (KRaft) broker from Maven Central jars, without Docker.
#   kafka.sh start   resolve jars once, format storage once, start, wait until it answers
#   kafka.sh stop    stop the broker this script started (SIGTERM, then wait)
#   kafka.sh status  exit 0 when a broker answers on the port
# A broker already listening on the port is reused; KAFKA_BROKERS pointing elsewhere skips all of this.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-9093}
cache=${TRIALSTREAM_CACHE:-$root/.cache}/kafka
run_dir=${TRIALSTREAM_RUN:-$root/.run}/kafka
lib=$cache/lib
pid_file=$run_dir/broker.pid
log_file=$run_dir/broker.log

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

external_cluster() {
  [ -n "${KAFKA_BROKERS:-}" ] && [ "$KAFKA_BROKERS" != "127.0.0.1:$port" ] && [ "$KAFKA_BROKERS" != "localhost:$port" ]
}

resolve_jars() {
  local stamp=$cache/pom.sha
  local want; want=$(sha256sum "$here/pom.xml" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && ls "$lib"/kafka_2.13-*.jar >/dev/null 2>&1; then
    return
  fi
  command -v mvn >/dev/null || { echo "kafka: mvn not found; install Maven (Debian package maven)" >&2; exit 1; }
  command -v java >/dev/null || { echo "kafka: java not found; install a Java 17+ runtime" >&2; exit 1; }
  echo "kafka: resolving broker jars from Maven Central into $lib (first run only)"
  rm -rf "$lib"
  mkdir -p "$cache"
  if ! mvn -q -B -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$lib" >"$cache/mvn.log" 2>&1; then
    cat "$cache/mvn.log" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
}

java_run() { java -Dlog4j2.configurationFile="$here/log4j2.properties" -cp "$lib/*" "$@"; }

write_config() {
  mkdir -p "$run_dir/data"
  sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" -e "s#@DATA_DIR@#$run_dir/data#g" \
    "$here/server.properties.template" > "$run_dir/server.properties"
  if [ ! -f "$run_dir/data/meta.properties" ]; then
    local cluster_id; cluster_id=$(java_run kafka.tools.StorageTool random-uuid)
    java_run kafka.tools.StorageTool format -t "$cluster_id" -c "$run_dir/server.properties" >/dev/null
  fi
}

start() {
  if external_cluster; then echo "kafka: using external cluster $KAFKA_BROKERS"; return; fi
  if listening "$port"; then echo "kafka: broker already listening on 127.0.0.1:$port (reused)"; return; fi
  resolve_jars
  write_config
  echo "kafka: starting broker on 127.0.0.1:$port (log: $log_file)"
  nohup java -Xms256m -Xmx768m -Dlog4j2.configurationFile="$here/log4j2.properties" \
    -cp "$lib/*" kafka.Kafka "$run_dir/server.properties" > "$log_file" 2>&1 &
  echo $! > "$pid_file"
  for _ in $(seq 1 120); do
    if grep -q "Kafka Server started" "$log_file" 2>/dev/null && listening "$port"; then
      echo "kafka: ready"; return
    fi
    kill -0 "$(cat "$pid_file")" 2>/dev/null || { echo "kafka: broker exited; last log lines:" >&2; tail -20 "$log_file" >&2; exit 1; }
    sleep 0.5
  done
  echo "kafka: broker did not become ready in 60 s; see $log_file" >&2
  exit 1
}

stop() {
  [ -f "$pid_file" ] || { echo "kafka: no broker started by this script"; return; }
  local pid; pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "kafka: stopped"
  fi
  rm -f "$pid_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) external_cluster || listening "$port" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
