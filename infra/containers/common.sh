# Podman settings for this kind of machine, sourced by the container scripts. Rootful Podman here
# needs runc (crun refuses the hybrid cgroups), cgroupfs, and limits no higher than the sandbox's.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$here/../.." && pwd)
CONTAINERS_RUN=${TRIALSTREAM_RUN:-$ROOT/.run}/containers
CONTAINERS_CACHE=${TRIALSTREAM_CACHE:-$ROOT/.cache}/containers
mkdir -p "$CONTAINERS_RUN" "$CONTAINERS_CACHE"

if [ -z "${CONTAINERS_CONF:-}" ]; then
  export CONTAINERS_CONF=$CONTAINERS_RUN/containers.conf
  cat >"$CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1000:1000"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
fi

# The Node.js of the local base images: the one this machine runs, as the npm registry serves it.
NODE_VERSION=${NODE_VERSION:-$(node --version | tr -d v)}
NPM_VERSION=${NPM_VERSION:-$(npm --version)}
NODE_RUNTIME_IMAGE=localhost/trialstream-node:$NODE_VERSION
NODE_BUILD_IMAGE=localhost/trialstream-node-build:$NODE_VERSION
JAVA_RUNTIME_IMAGE=localhost/trialstream-java:17
# Named by the broker pom's hash, so a changed pom makes a new jars image.
KAFKA_JARS_IMAGE=localhost/trialstream-kafka-jars:$(sha256sum "$ROOT/infra/kafka/pom.xml" | cut -c1-12)

say() { printf '\n== %s\n' "$*"; }

PACKAGES=(podman runc debootstrap docker-compose)
require_podman() {
  if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null || ! command -v docker-compose >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "installing ${PACKAGES[*]} (Debian packages)"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
    else
      echo "missing: install the Debian packages ${PACKAGES[*]}" >&2
      exit 1
    fi
  fi
}

# Compose runs docker-compose.yml against Podman's Docker-compatible API: Debian's docker-compose
# (1.29) on a socket `podman system service` serves. (Debian's podman-compose 1.0.3 adds a network
# alias to every container, which host networking refuses.)
PODMAN_SOCKET=$CONTAINERS_RUN/podman.sock
compose() {
  if ! curl -fs --unix-socket "$PODMAN_SOCKET" http://d/_ping >/dev/null 2>&1; then
    nohup podman system service --time=0 "unix://$PODMAN_SOCKET" >"$CONTAINERS_RUN/podman-service.log" 2>&1 &
    echo $! >"$CONTAINERS_RUN/podman-service.pid"
    wait_until podman-service 30 curl -fs --unix-socket "$PODMAN_SOCKET" http://d/_ping -o /dev/null
  fi
  (cd "$ROOT" && DOCKER_HOST="unix://$PODMAN_SOCKET" COMPOSE_PROJECT_NAME=trialstream docker-compose "$@")
}

image_exists() { podman image exists "$1"; }

# The image compose runs for a service (docker-compose.yml names the same).
IMAGE_VERSION=0.1.0
image_of() { echo "localhost/trialstream/$1:$IMAGE_VERSION"; }

# wait_until <what> <seconds> <command...>: runs the command every half second until it succeeds.
wait_until() {
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 2))); do "$@" && return 0; sleep 0.5; done
  echo "$what: not ready after ${seconds} s; its log: podman logs trialstream_${what}_1" >&2
  return 1
}
