# The broker container's start: the local broker's configuration, listening on KAFKA_LISTEN_HOST
# and advertised as KAFKA_ADVERTISED_HOST; storage formatted on first start; then the broker as PID 1.
set -euo pipefail
home=/opt/kafka data=/var/lib/kafka/data config=/var/lib/kafka/server.properties
mkdir -p "$data"
sed -e "s#@PORT@#9092#g" -e "s#@CONTROLLER_PORT@#9093#g" -e "s#@DATA_DIR@#$data#g" \
    -e "s#^listeners=PLAINTEXT://127.0.0.1:#listeners=PLAINTEXT://$KAFKA_LISTEN_HOST:#" \
    -e "s#^advertised.listeners=PLAINTEXT://127.0.0.1:#advertised.listeners=PLAINTEXT://$KAFKA_ADVERTISED_HOST:#" \
    "$home/server.properties.template" > "$config"
java_run() { java -Dlog4j2.configurationFile="$home/log4j2.properties" -cp "$home/libs/*" "$@"; }
if [ ! -f "$data/meta.properties" ]; then
  java_run kafka.tools.StorageTool format -t "$(java_run kafka.tools.StorageTool random-uuid)" -c "$config" >/dev/null
fi
# shellcheck disable=SC2086 # the heap options are several words
exec java $KAFKA_HEAP_OPTS -Dlog4j2.configurationFile="$home/log4j2.properties" -cp "$home/libs/*" kafka.Kafka "$config"
