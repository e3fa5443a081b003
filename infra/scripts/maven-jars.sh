# Shared by infra/kafka/kafka.sh and infra/fhir-validator/validate.sh: jars from Maven Central, no Docker.

# Resolves a pom's dependencies into a folder once, again only when the pom changes.
#   resolve_maven_jars POM DIR STAMP MARKER WHAT   (MARKER: a jar name prefix that must be in DIR)
resolve_maven_jars() {
  local pom=$1 dir=$2 stamp=$3 marker=$4 what=$5
  local logs; logs=$(dirname "$stamp")
  local want; want=$(sha256sum "$pom" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && ls "$dir/$marker"-*.jar >/dev/null 2>&1; then
    return
  fi
  command -v mvn >/dev/null || { echo "mvn not found; install Maven (Debian package maven)" >&2; exit 1; }
  command -v java >/dev/null || { echo "java not found; install a Java 17+ runtime" >&2; exit 1; }
  echo "resolving $what from Maven Central into $dir (first run only)" >&2
  rm -rf "$dir"
  mkdir -p "$logs"
  if ! mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DoutputDirectory="$dir" >"$logs/mvn.log" 2>&1; then
    cat "$logs/mvn.log" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
}
