#!/usr/bin/env bash
# Runs a real single-node Apache Kafka (KRaft) broker from Maven Central jars, without Docker.
#   kafka.sh start   resolve jars once, format storage once, start, wait until it answers
#   kafka.sh stop    stop the broker this script started (SIGTERM, then wait)
#   kafka.sh status  exit 0 when a broker answers on the port
#   kafka.sh jars    resolve the broker's jars only and print their folder (for the container image)
# A broker already listening on the port is reused; KAFKA_BROKERS pointing elsewhere skips all of this.
#
#   kafka.sh start-secure | stop-secure | status-secure
# the same for a second, separate broker whose client listener is SASL_SSL (SCRAM-SHA-512 over TLS)
# with ACLs (KRaft's StandardAuthorizer), on KAFKA_SECURE_PORT (19094; controller on
# KAFKA_SECURE_CONTROLLER_PORT, 19095), its files under .run/kafka-secure. On first start it makes a
# CA and a broker certificate for 127.0.0.1/localhost, and a password per SCRAM user (files of mode
# 0600, never printed), and formats its store with those users. The users:
#   admin                super user (kafka.sh creates the ACLs with it)
#   trialstream-service  create, describe, read and write topics named ${KAFKA_TOPIC_PREFIX}trialstream.*,
#                        read (and commit in) consumer groups named the same way
#   sponsor              write (and describe) the sponsor ingress topic only
#   safety-monitor       read the safety alerts topic only, in the consumer group ${KAFKA_TOPIC_PREFIX}safety-monitor
#                        or in groups named ${KAFKA_TOPIC_PREFIX}trialctl-tail-* (trialctl tail)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${TRIALSTREAM_CACHE:-$root/.cache}/kafka
case "${1:-}" in
  *-secure)
    port=${KAFKA_SECURE_PORT:-19094}
    controller_port=${KAFKA_SECURE_CONTROLLER_PORT:-19095}
    run_dir=${TRIALSTREAM_RUN:-$root/.run}/kafka-secure
    ;;
  *)
    port=${KAFKA_PORT:-9092}
    controller_port=${KAFKA_CONTROLLER_PORT:-9093}
    run_dir=${TRIALSTREAM_RUN:-$root/.run}/kafka
    ;;
esac
lib=$cache/lib
# shellcheck source=../scripts/maven-jars.sh
source "$root/infra/scripts/maven-jars.sh"
pid_file=$run_dir/broker.pid
log_file=$run_dir/broker.log

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

external_cluster() {
  [ -n "${KAFKA_BROKERS:-}" ] && [ "$KAFKA_BROKERS" != "127.0.0.1:$port" ] && [ "$KAFKA_BROKERS" != "localhost:$port" ]
}

resolve_jars() { resolve_maven_jars "$here/pom.xml" "$lib" "$cache/pom.sha" kafka_2.13 "broker jars"; }

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
  launch
}

# Starts the broker of server.properties in the background and waits until it answers.
launch() {
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

# --- secure mode -------------------------------------------------------------------------------

tools_lib=$cache/tools-lib
tls_dir=$run_dir/tls
credentials_dir=$run_dir/credentials
scram_users=(admin trialstream-service sponsor safety-monitor)
# Topic names as libs/contracts/src/topics.ts defines them (TOPICS.sponsorIngress, TOPICS.safetyAlerts).
topic_prefix=${KAFKA_TOPIC_PREFIX:-}
ingress_topic=${topic_prefix}trialstream.ingress.sponsor.v1
alerts_topic=${topic_prefix}trialstream.safety.alerts.v1

# A local CA and a broker certificate it signs (for 127.0.0.1 and localhost), made once. The CA's key
# is deleted once it has signed: nothing else is ever signed with it, so it cannot leak.
make_certificates() {
  [ -f "$tls_dir/broker-keystore.pem" ] && [ -f "$tls_dir/ca.crt" ] && return
  command -v openssl >/dev/null || { echo "kafka: openssl not found (Debian package openssl)" >&2; exit 1; }
  echo "kafka: creating a CA and a broker certificate in $tls_dir"
  rm -rf "$tls_dir"
  (
    umask 077
    mkdir -p "$tls_dir"
    cd "$tls_dir"
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -keyout ca.key -out ca.crt -subj "/CN=Trialstream local Kafka CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout broker.key -out broker.csr -subj "/CN=trialstream-broker" 2>/dev/null
    # serverAuth for clients, clientAuth for the broker's own mutual-TLS connection to its controller.
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "extendedKeyUsage=serverAuth,clientAuth" "basicConstraints=CA:FALSE" > broker.ext
    openssl x509 -req -in broker.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -extfile broker.ext -out broker.crt 2>/dev/null
    # Kafka reads a PEM keystore: the PKCS#8 key, then the certificate chain.
    cat broker.key broker.crt ca.crt > broker-keystore.pem
    rm -f ca.key ca.srl broker.csr broker.ext broker.key broker.crt
  )
  # Clients need the CA certificate; the keystore stays the broker's own.
  chmod 755 "$tls_dir"
  chmod 644 "$tls_dir/ca.crt"
}

# One generated password per SCRAM user, each in a file only its owner reads. Made only together
# with a new store: the users are created when the store is formatted.
make_credentials() {
  (
    umask 077
    mkdir -p "$credentials_dir"
    for user in "${scram_users[@]}"; do openssl rand -hex 24 > "$credentials_dir/$user.password"; done
  )
}

password_of() { tr -d '\n' < "$credentials_dir/$1.password"; }

# server.properties and the admin client's properties hold the admin's password: written by bash
# itself (no program gets it as an argument) into files of mode 0600.
write_secure_config() {
  local admin_password; admin_password=$(password_of admin)
  local config; config=$(< "$here/server-secure.properties.template")
  config=${config//@PORT@/$port}
  config=${config//@CONTROLLER_PORT@/$controller_port}
  config=${config//@DATA_DIR@/$run_dir/data}
  config=${config//@TLS_DIR@/$tls_dir}
  config=${config//@ADMIN_PASSWORD@/$admin_password}
  (
    umask 077
    printf '%s\n' "$config" > "$run_dir/server.properties"
    printf '%s\n' "security.protocol=SASL_SSL" "sasl.mechanism=SCRAM-SHA-512" \
      "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$admin_password\";" \
      "ssl.truststore.type=PEM" "ssl.truststore.location=$tls_dir/ca.crt" > "$run_dir/admin.properties"
  )
}

# Formats the store with the SCRAM users (kafka-storage format --add-scram). The arguments go in an
# argument file of mode 0600 that the java launcher reads, so no password shows in the process list.
format_secure() {
  local cluster_id; cluster_id=$(java_run kafka.tools.StorageTool random-uuid)
  local args=$run_dir/format.args
  (
    umask 077
    {
      printf '%s\n' kafka.tools.StorageTool format -t "$cluster_id" -c "$run_dir/server.properties"
      for user in "${scram_users[@]}"; do
        printf '%s\n' --add-scram "SCRAM-SHA-512=[name=$user,password=$(password_of "$user")]"
      done
    } > "$args"
  )
  java -Dlog4j2.configurationFile="$here/log4j2.properties" -cp "$lib/*" "@$args" >/dev/null || { rm -f "$args"; exit 1; }
  rm -f "$args"
}

resolve_tools_jars() { resolve_maven_jars "$here/tools-pom.xml" "$tools_lib" "$cache/tools-pom.sha" kafka-tools "Kafka's tools jar"; }

acl() {
  java -Dlog4j2.configurationFile="$here/log4j2.properties" -cp "$lib/*:$tools_lib/*" org.apache.kafka.tools.AclCommand --bootstrap-server "127.0.0.1:$port" --command-config "$run_dir/admin.properties" --add "$@" \
    >> "$run_dir/acls.log" 2>&1 || { echo "kafka: creating ACLs failed; see $run_dir/acls.log" >&2; exit 1; }
}

# ACLs live in the cluster's metadata; made once per topic prefix (KAFKA_TOPIC_PREFIX).
create_acls() {
  local done_file=$run_dir/acls.done
  # The set's version: a broker whose ACLs an older set made gets the new ones (adding one again is harmless).
  local done_line="prefix=$topic_prefix acls=2"
  if [ -f "$done_file" ] && grep -qxF "$done_line" "$done_file"; then return; fi
  echo "kafka: creating ACLs for topic prefix '${topic_prefix}' (log: $run_dir/acls.log)"
  # One principal for every service: each provisions every platform topic at start (whichever starts
  # first creates them), and which service reads and writes which topic is known to the contracts
  # in TypeScript, not here. --producer/--consumer: topic Create, Describe, Write, Read; group Read.
  # Services use an idempotent producer and no transactions: Write on the topic is enough (KIP-679).
  acl --allow-principal User:trialstream-service --producer --consumer \
    --resource-pattern-type prefixed --topic "${topic_prefix}trialstream." --group "${topic_prefix}trialstream."
  acl --allow-principal User:sponsor --operation Write --operation Describe --topic "$ingress_topic"
  acl --allow-principal User:safety-monitor --operation Read --topic "$alerts_topic" --group "${topic_prefix}safety-monitor"
  # trialctl tail reads in a group of its own per run, named under this prefix.
  acl --allow-principal User:safety-monitor --operation Read --resource-pattern-type prefixed --group "${topic_prefix}trialctl-tail-"
  echo "$done_line" >> "$done_file"
}

start_secure() {
  if listening "$port"; then
    echo "kafka: secure broker already listening on 127.0.0.1:$port (reused)"
    # Ours: another topic prefix may still need its ACLs.
    if [ -f "$run_dir/admin.properties" ]; then resolve_jars; resolve_tools_jars; create_acls; fi
    return
  fi
  resolve_jars
  resolve_tools_jars
  mkdir -p "$run_dir/data"
  make_certificates
  if [ ! -f "$run_dir/data/meta.properties" ]; then
    make_credentials
    write_secure_config
    format_secure
    rm -f "$run_dir/acls.done"
  else
    for user in "${scram_users[@]}"; do
      [ -f "$credentials_dir/$user.password" ] || { echo "kafka: $credentials_dir/$user.password is missing; delete $run_dir to start afresh" >&2; exit 1; }
    done
    write_secure_config
  fi
  launch
  create_acls
  echo "kafka: SASL_SSL (SCRAM-SHA-512) on 127.0.0.1:$port; CA certificate $tls_dir/ca.crt; passwords in $credentials_dir/<user>.password (users: ${scram_users[*]})"
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
  jars) resolve_jars >&2; echo "$lib" ;;
  start-secure) start_secure ;;
  stop-secure) stop ;;
  status-secure) listening "$port" ;;
  *) echo "usage: $0 start|stop|status|jars|start-secure|stop-secure|status-secure" >&2; exit 2 ;;
esac
