#!/usr/bin/env bash
# A three-broker KRaft cluster on loopback ports, from the same Maven-resolved jars as kafka.sh:
# each node is broker and controller (a quorum of three voters); a topic created with three
# replicas (the services' KAFKA_REPLICATION_FACTOR=3) accepts a write once two hold it
# (min.insync.replicas=2, with the services' acks=all).
#   cluster.sh start           format each node's store once, start the three, wait until all answer
#   cluster.sh stop            stop every node (SIGTERM, then wait)
#   cluster.sh kill-node N     SIGKILL node N (1-3), as a machine lost at once
#   cluster.sh start-node N    start node N again and wait until it answers
#   cluster.sh brokers         print the bootstrap list (KAFKA_BROKERS for the services)
# Client ports KAFKA_CLUSTER_PORT..+2 (29092-29094), controllers KAFKA_CLUSTER_CONTROLLER_PORT..+2
# (29192-29194); files under ${TRIALSTREAM_RUN:-.run}/kafka-cluster.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${TRIALSTREAM_CACHE:-$root/.cache}/kafka
lib=$cache/lib
run_dir=${TRIALSTREAM_RUN:-$root/.run}/kafka-cluster
port_base=${KAFKA_CLUSTER_PORT:-29092}
controller_base=${KAFKA_CLUSTER_CONTROLLER_PORT:-29192}
NODES=(1 2 3)
# shellcheck source=../scripts/maven-jars.sh
source "$root/infra/scripts/maven-jars.sh"

port_of() { echo $((port_base + $1 - 1)); }
controller_port_of() { echo $((controller_base + $1 - 1)); }
node_dir() { echo "$run_dir/node-$1"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
java_run() { java -Dlog4j2.configurationFile="$here/log4j2.properties" -cp "$lib/*" "$@"; }
brokers() { local list=(); for n in "${NODES[@]}"; do list+=("127.0.0.1:$(port_of "$n")"); done; (IFS=,; echo "${list[*]}"); }

voters() {
  local list=()
  for n in "${NODES[@]}"; do list+=("$n@127.0.0.1:$(controller_port_of "$n")"); done
  (IFS=,; echo "${list[*]}")
}

# The single broker's configuration with this node's ports, then what makes it one of three
# (a later key wins in a properties file).
write_config() {
  local n=$1 dir; dir=$(node_dir "$1")
  mkdir -p "$dir/data"
  {
    sed -e "s#@PORT@#$(port_of "$n")#g" -e "s#@CONTROLLER_PORT@#$(controller_port_of "$n")#g" -e "s#@DATA_DIR@#$dir/data#g" \
      "$here/server.properties.template"
    cat <<EOF
# --- one node of three (cluster.sh) ---
node.id=$n
controller.quorum.voters=$(voters)
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
EOF
  } > "$dir/server.properties"
  if [ ! -f "$dir/data/meta.properties" ]; then
    java_run kafka.tools.StorageTool format -t "$(cat "$run_dir/cluster.id")" -c "$dir/server.properties" >/dev/null
  fi
}

launch_node() {
  local n=$1 dir; dir=$(node_dir "$1")
  if listening "$(port_of "$n")"; then echo "kafka-cluster: node $n already listening"; return; fi
  : > "$dir/broker.log"
  nohup java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$here/log4j2.properties" \
    -cp "$lib/*" kafka.Kafka "$dir/server.properties" > "$dir/broker.log" 2>&1 &
  echo $! > "$dir/broker.pid"
}

wait_node() {
  local n=$1 dir; dir=$(node_dir "$1")
  for _ in $(seq 1 180); do
    if grep -q "Kafka Server started" "$dir/broker.log" 2>/dev/null && listening "$(port_of "$n")"; then
      echo "kafka-cluster: node $n ready on 127.0.0.1:$(port_of "$n")"; return
    fi
    kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null || { echo "kafka-cluster: node $n exited:" >&2; tail -20 "$dir/broker.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "kafka-cluster: node $n not ready in 90 s; see $dir/broker.log" >&2
  exit 1
}

stop_node() {
  local n=$1 signal=$2 dir; dir=$(node_dir "$1")
  [ -f "$dir/broker.pid" ] || return 0
  local pid; pid=$(cat "$dir/broker.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$signal" "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "kafka-cluster: node $n stopped ($signal)"
  fi
  rm -f "$dir/broker.pid"
}

node_arg() {
  case "${1:-}" in 1|2|3) echo "$1" ;; *) echo "usage: $0 kill-node|start-node 1|2|3" >&2; exit 2 ;; esac
}

case "${1:-}" in
  start)
    resolve_maven_jars "$here/pom.xml" "$lib" "$cache/pom.sha" kafka_2.13 "broker jars"
    mkdir -p "$run_dir"
    [ -f "$run_dir/cluster.id" ] || java_run kafka.tools.StorageTool random-uuid > "$run_dir/cluster.id"
    for n in "${NODES[@]}"; do write_config "$n"; done
    # All three first: no node finishes starting before a quorum of controllers has formed.
    for n in "${NODES[@]}"; do launch_node "$n"; done
    for n in "${NODES[@]}"; do wait_node "$n"; done
    ;;
  stop) for n in "${NODES[@]}"; do stop_node "$n" TERM; done ;;
  kill-node) stop_node "$(node_arg "${2:-}")" KILL ;;
  start-node) n=$(node_arg "${2:-}"); launch_node "$n"; wait_node "$n" ;;
  brokers) brokers ;;
  *) echo "usage: $0 start|stop|kill-node N|start-node N|brokers" >&2; exit 2 ;;
esac
