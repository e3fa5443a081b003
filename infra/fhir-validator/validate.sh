#!/usr/bin/env bash
# Validates FHIR R5 resources (JSON files) with HAPI FHIR's validator, offline.
#   validate.sh FILE...   one JSON line per issue on stdout; exit 1 when any is an error
# The validator's jars are resolved from Maven Central into .cache/fhir-validator once.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${TRIALSTREAM_CACHE:-$root/.cache}/fhir-validator
# shellcheck source=../scripts/maven-jars.sh
source "$root/infra/scripts/maven-jars.sh"

[ $# -gt 0 ] || { echo "usage: validate.sh FILE..." >&2; exit 2; }
resolve_maven_jars "$here/pom.xml" "$cache/lib" "$cache/pom.sha" hapi-fhir-validation "HAPI FHIR's validator"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cache/lib/*" "$here/Validate.java" "$@"
