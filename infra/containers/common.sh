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

say() { printf '\n== %s\n' "$*"; }

require_podman() {
  if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "installing podman, runc, debootstrap and podman-compose (Debian packages)"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap podman-compose >/dev/null
    else
      echo "podman and runc are missing: install the Debian packages podman runc debootstrap podman-compose" >&2
      exit 1
    fi
  fi
}

image_exists() { podman image exists "$1"; }
