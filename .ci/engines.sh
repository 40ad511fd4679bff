#!/usr/bin/env bash
# Makes sure the machine can run the engine suite's nodes, and says which JDKs
# to use. The suite runs OpenSearch 2.19 on Java 17, and OpenSearch 3.x and
# Elasticsearch 8.19 on Java 21 or newer; all three are built with Maven.
#
# Installs what is missing from Debian's packages (openjdk-17-jdk-headless,
# maven; a Java 21+ only if one is packaged: Debian 12 has none, so this
# machine kind's Temurin 25 under /usr/lib/jvm is used), then prints, on
# stdout and nothing else:
#   export JAVA17_HOME=/usr/lib/jvm/...
#   export JAVA21_HOME=/usr/lib/jvm/...
# engine/run-engine-suite.mjs starts each engine with the JDK these name.
# Exits non-zero, saying what is missing on stderr, when it cannot.
#
# Use:  engine_env=$(bash .ci/engines.sh) || fail "..."; eval "$engine_env"
set -uo pipefail

say() { echo "engines.sh: $*" >&2; }

# The feature release (17, 21, 25) of the JDK at $1, or nothing.
feature_of() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

# The first JDK under /usr/lib/jvm whose release is in [$1, $2].
find_jdk() {
  local min=$1 max=$2 home feature
  for home in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -d "$home" ] || continue
    feature=$(feature_of "$home")
    [ -n "$feature" ] && [ "$feature" -ge "$min" ] && [ "$feature" -le "$max" ] && { echo "$home"; return 0; }
  done
  return 1
}

updated=0
apt_install() {
  if [ "$updated" -eq 0 ]; then apt-get update -qq >&2 || return 1; updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

java17=$(find_jdk 17 17) || {
  say "no JDK 17 under /usr/lib/jvm; installing openjdk-17-jdk-headless"
  apt_install openjdk-17-jdk-headless || { say "cannot install openjdk-17-jdk-headless"; exit 1; }
  java17=$(find_jdk 17 17) || { say "openjdk-17-jdk-headless installed but no JDK 17 found under /usr/lib/jvm"; exit 1; }
}

java21=$(find_jdk 21 99) || {
  say "no JDK 21 or newer under /usr/lib/jvm; trying Debian's openjdk-21-jdk-headless"
  apt_install openjdk-21-jdk-headless || true
  java21=$(find_jdk 21 99) || {
    say "no JDK 21 or newer: OpenSearch 3 and Elasticsearch 8.19 cannot run."
    say "This machine kind ships Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64; Debian 12 packages no JDK 21."
    say "Install a JDK 21+ under /usr/lib/jvm, or run only OpenSearch 2 with ENGINES=opensearch-2."
    exit 1
  }
}

if ! command -v mvn >/dev/null 2>&1; then
  say "installing maven"
  apt_install maven || { say "cannot install maven"; exit 1; }
fi

say "Java 17: $java17; Java 21+: $java21 (Java $(feature_of "$java21")); $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
echo "export JAVA17_HOME=$java17"
echo "export JAVA21_HOME=$java21"
