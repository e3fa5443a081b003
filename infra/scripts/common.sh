# Shared by up.sh, down.sh and test.sh: what a fresh machine needs before the platform can run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUN_DIR=${TRIALSTREAM_RUN:-$ROOT/.run}
export NX_NO_CLOUD=true NX_DAEMON=${NX_DAEMON:-false}
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Installs node_modules from the lockfile (and applies patches/) when missing or older than either.
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
    || [ -n "$(find patches -newer node_modules/.package-lock.json 2>/dev/null)" ]; then
    say "installing dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Installs a Debian package when its command is missing (as root; otherwise says what to install).
ensure_debian_package() {
  local command=$1 package=$2
  command -v "$command" >/dev/null && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing $package (Debian package)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    echo "$command is missing: install the Debian package $package (sudo apt-get install $package)" >&2
    exit 1
  fi
}

# kcat is the independent Kafka client the tests use to read events off the wire.
ensure_kcat() { ensure_debian_package kcat kcat; }

# Debian's chromium is the headless browser the dashboard's end-to-end test drives (playwright-core).
ensure_chromium() { ensure_debian_package chromium chromium; }

require_postgres() {
  local host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432}
  if ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    echo "PostgreSQL is not reachable at $host:$port; start it (pg_ctlcluster <version> main start)" >&2
    exit 1
  fi
}

start_kafka() { bash "$ROOT/infra/kafka/kafka.sh" start; }
kafka_running() { bash "$ROOT/infra/kafka/kafka.sh" status; }
