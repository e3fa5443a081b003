#!/usr/bin/env bash
# A three-broker KRaft cluster, from the same Maven-resolved jars as kafka.sh: each node is broker
# and controller (a quorum of three voters); a topic created with three replicas (the services'
# KAFKA_REPLICATION_FACTOR=3) accepts a write once two hold it (min.insync.replicas=2, with the
# services' acks=all).
#   cluster.sh [--netns] start   format each node's store once, start the three, wait until all answer
#   cluster.sh stop              stop every node (SIGTERM, then wait); in namespace mode also remove
#                                the namespaces, veths and bridge (safe after a partial start or a crash)
#   cluster.sh kill-node N       SIGKILL node N (1-3), as a machine lost at once
#   cluster.sh start-node N      start node N again and wait until it answers
#   cluster.sh partition-node N  namespace mode: cut node N off from the other nodes and from every
#                                client (its link to the bridge goes down, both directions); it keeps running
#   cluster.sh heal-node N       namespace mode: reconnect node N
#   cluster.sh brokers           print the bootstrap list (KAFKA_BROKERS for the services)
# Client ports KAFKA_CLUSTER_PORT..+2 (29092-29094), controllers KAFKA_CLUSTER_CONTROLLER_PORT..+2
# (29192-29194); files under ${TRIALSTREAM_RUN:-.run}/kafka-cluster.
#
# Namespace mode (--netns or KAFKA_CLUSTER_NETNS=1 on start; root and iproute2 needed; the other
# commands follow the mode the cluster was started in): each node runs in its own Linux network
# namespace, trialstream-kafka-<port base>-<N>, joined by a veth pair to a bridge in the root namespace on a
# private /24 derived from the port base, 10.<base / 256>.<base % 256>.0/24 (29092: 10.113.164.0/24):
# the host side of the bridge is .1, nodes 1-3 are .11-.13 and listen and advertise there (client
# and controller listeners), so clients in the root namespace reach them through the bridge. The
# bridge does not pass its traffic to netfilter (its own nf_call_* off), and no sysctl is changed.
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

if [ "${1:-}" = --netns ]; then KAFKA_CLUSTER_NETNS=1; shift; fi
# The mode a start records, so the other commands need not be told again.
netns_marker=$run_dir/netns
netns_mode() { [ "${KAFKA_CLUSTER_NETNS:-}" = 1 ] || [ -f "$netns_marker" ]; }

# Names and addresses of namespace mode, unique per port base (interface names stay under 16 bytes).
subnet=10.$((port_base / 256 % 256)).$((port_base % 256))
bridge=tsk${port_base}br
ns_of() { echo "trialstream-kafka-$port_base-$1"; }
host_veth_of() { echo "tsk${port_base}h$1"; }
ns_veth_of() { echo "tsk${port_base}n$1"; }

port_of() { echo $((port_base + $1 - 1)); }
controller_port_of() { echo $((controller_base + $1 - 1)); }
host_of() { if netns_mode; then echo "$subnet.$((10 + $1))"; else echo 127.0.0.1; fi; }
node_dir() { echo "$run_dir/node-$1"; }
# A connection from the root namespace; bounded, as a partitioned node never answers.
# shellcheck disable=SC2016 # expanded by the inner bash
listening() { timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }
java_run() { java -Dlog4j2.configurationFile="$here/log4j2.properties" -cp "$lib/*" "$@"; }
brokers() { local list=(); for n in "${NODES[@]}"; do list+=("$(host_of "$n"):$(port_of "$n")"); done; (IFS=,; echo "${list[*]}"); }

voters() {
  local list=()
  for n in "${NODES[@]}"; do list+=("$n@$(host_of "$n"):$(controller_port_of "$n")"); done
  (IFS=,; echo "${list[*]}")
}

# --- namespace mode ----------------------------------------------------------------------------

require_root() {
  [ "$(id -u)" = 0 ] || { echo "kafka-cluster: namespace mode needs root (ip netns, veth, bridge)" >&2; exit 1; }
  command -v ip >/dev/null || { echo "kafka-cluster: ip not found (Debian package iproute2)" >&2; exit 1; }
}

ns_exists() { ip netns list | awk '{print $1}' | grep -qxF "$1"; }
link_exists() { ip link show dev "$1" >/dev/null 2>&1; }

# The bridge, and per node a namespace and a veth pair into it; only what is missing, so a start
# after a partial one completes it.
setup_network() {
  require_root
  if ! link_exists "$bridge"; then
    if ip -4 route show to match "$subnet.0/24" | grep -qv '^default'; then
      echo "kafka-cluster: $subnet.0/24 is already routed here; choose another KAFKA_CLUSTER_PORT" >&2; exit 1
    fi
    # No netfilter on the bridged traffic (whatever br_netfilter's global sysctls say), no STP delay.
    ip link add "$bridge" type bridge stp_state 0 forward_delay 0 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0
    ip addr add "$subnet.1/24" dev "$bridge"
    ip link set "$bridge" up
  fi
  local n ns host_veth ns_veth
  for n in "${NODES[@]}"; do
    ns=$(ns_of "$n"); host_veth=$(host_veth_of "$n"); ns_veth=$(ns_veth_of "$n")
    ns_exists "$ns" || ip netns add "$ns"
    ip -n "$ns" link set lo up
    if ! link_exists "$host_veth"; then
      ip link add "$host_veth" type veth peer name "$ns_veth" netns "$ns"
      ip -n "$ns" addr add "$(host_of "$n")/24" dev "$ns_veth"
      ip -n "$ns" link set "$ns_veth" up
      ip link set "$host_veth" master "$bridge" up
    fi
  done
}

# Removes what setup_network made, whatever of it exists; first ends the processes still in its
# namespaces (a broker whose pid file was lost), all together as stop does.
teardown_network() {
  local n ns host_veth pids any=false
  link_exists "$bridge" && any=true
  for n in "${NODES[@]}"; do ns_exists "$(ns_of "$n")" && any=true; link_exists "$(host_veth_of "$n")" && any=true; done
  $any || return 0
  require_root
  for n in "${NODES[@]}"; do if link_exists "$(host_veth_of "$n")"; then ip link set "$(host_veth_of "$n")" up; fi; done
  ns_pids() { local n; for n in "${NODES[@]}"; do if ns_exists "$(ns_of "$n")"; then ip netns pids "$(ns_of "$n")"; fi; done; }
  pids=$(ns_pids)
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086 # one pid a word
    kill -TERM $pids 2>/dev/null || true
    for _ in $(seq 1 60); do [ -z "$(ns_pids)" ] && break; sleep 0.5; done
    pids=$(ns_pids)
    # shellcheck disable=SC2086
    if [ -n "$pids" ]; then kill -KILL $pids 2>/dev/null || true; sleep 0.5; fi
  fi
  for n in "${NODES[@]}"; do
    ns=$(ns_of "$n"); host_veth=$(host_veth_of "$n")
    # Deleting one end of a veth pair deletes both.
    if link_exists "$host_veth"; then ip link del "$host_veth"; fi
    if ns_exists "$ns"; then ip netns del "$ns"; fi
  done
  if link_exists "$bridge"; then ip link del "$bridge"; fi
  echo "kafka-cluster: namespaces, veths and bridge $bridge removed"
}

# Partition and heal: the host end of the node's veth goes down or up. Down, nothing crosses the
# link in either direction (to or from the other nodes, the bridge and every client of the root
# namespace), while the node's process runs on.
set_link() {
  netns_mode || { echo "kafka-cluster: partition-node and heal-node need namespace mode (start with --netns)" >&2; exit 2; }
  require_root
  local host_veth; host_veth=$(host_veth_of "$1")
  link_exists "$host_veth" || { echo "kafka-cluster: $host_veth not found (is the cluster started?)" >&2; exit 1; }
  ip link set "$host_veth" "$2"
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
listeners=PLAINTEXT://$(host_of "$n"):$(port_of "$n"),CONTROLLER://$(host_of "$n"):$(controller_port_of "$n")
advertised.listeners=PLAINTEXT://$(host_of "$n"):$(port_of "$n")
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
  if listening "$(host_of "$n")" "$(port_of "$n")"; then echo "kafka-cluster: node $n already listening"; return; fi
  : > "$dir/broker.log"
  local in_ns=()
  if netns_mode; then in_ns=(ip netns exec "$(ns_of "$n")"); fi
  # ip netns exec execs the JVM, so $! is the broker's pid in either mode.
  nohup "${in_ns[@]}" java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$here/log4j2.properties" \
    -cp "$lib/*" kafka.Kafka "$dir/server.properties" > "$dir/broker.log" 2>&1 &
  echo $! > "$dir/broker.pid"
}

wait_node() {
  local n=$1 dir; dir=$(node_dir "$1")
  for _ in $(seq 1 180); do
    if grep -q "Kafka Server started" "$dir/broker.log" 2>/dev/null && listening "$(host_of "$n")" "$(port_of "$n")"; then
      echo "kafka-cluster: node $n ready on $(host_of "$n"):$(port_of "$n")"; return
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
  case "${1:-}" in 1|2|3) echo "$1" ;; *) echo "usage: $0 kill-node|start-node|partition-node|heal-node 1|2|3" >&2; exit 2 ;; esac
}

case "${1:-}" in
  start)
    resolve_maven_jars "$here/pom.xml" "$lib" "$cache/pom.sha" kafka_2.13 "broker jars"
    mkdir -p "$run_dir"
    if netns_mode; then setup_network; touch "$netns_marker"; fi
    [ -f "$run_dir/cluster.id" ] || java_run kafka.tools.StorageTool random-uuid > "$run_dir/cluster.id"
    for n in "${NODES[@]}"; do write_config "$n"; done
    # All three first: no node finishes starting before a quorum of controllers has formed.
    for n in "${NODES[@]}"; do launch_node "$n"; done
    for n in "${NODES[@]}"; do wait_node "$n"; done
    ;;
  stop)
    # A partitioned node is reconnected first, so that it too shuts down in order.
    for n in "${NODES[@]}"; do if link_exists "$(host_veth_of "$n")"; then require_root; ip link set "$(host_veth_of "$n")" up; fi; done
    # The three together: one at a time, the last waits for a quorum that is gone.
    for n in "${NODES[@]}"; do stop_node "$n" TERM & done
    wait
    teardown_network
    rm -f "$netns_marker"
    ;;
  kill-node) stop_node "$(node_arg "${2:-}")" KILL ;;
  start-node) n=$(node_arg "${2:-}"); launch_node "$n"; wait_node "$n" ;;
  partition-node) n=$(node_arg "${2:-}"); set_link "$n" down; echo "kafka-cluster: node $n partitioned" ;;
  heal-node) n=$(node_arg "${2:-}"); set_link "$n" up; echo "kafka-cluster: node $n healed" ;;
  brokers) brokers ;;
  *) echo "usage: $0 [--netns] start|stop|kill-node N|start-node N|partition-node N|heal-node N|brokers" >&2; exit 2 ;;
esac
