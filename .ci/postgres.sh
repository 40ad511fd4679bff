#!/usr/bin/env bash
# A throwaway PostgreSQL server for the real-server adapter tests.
#
#   eval "$(bash .ci/postgres.sh start)"   # prints: export DATABASE_URL=...; export SHARED_TOKENS_PG_DIR=...
#   bash .ci/postgres.sh stop              # stops the server started above and removes its data
#
# On a machine without PostgreSQL it installs Debian's `postgresql` package
# (apt-get; needs root, as CI runs). The server runs as the unprivileged
# `postgres` user (created by the package; made here if missing) from a fresh
# data directory under /tmp, listens on 127.0.0.1 only, on a free port, with
# password authentication for a test role, and has one database.
# Everything but the export lines goes to stderr.
set -euo pipefail

state_file=/tmp/shared-tokens-postgres.state
log() { printf '[postgres.sh] %s\n' "$*" >&2; }

find_bin() {
  local name=$1 dir
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
  done
  return 1
}

install_if_absent() {
  if find_bin initdb >/dev/null && find_bin pg_ctl >/dev/null; then return 0; fi
  log "PostgreSQL binaries not found: installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  # Debian's package starts a cluster of its own; this script uses its own data directory.
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    for cluster in /etc/postgresql/*/main; do
      [ -d "$cluster" ] || continue
      pg_ctlcluster "$(basename "$(dirname "$cluster")")" main stop >&2 || true
    done
  fi
}

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  install_if_absent
  local initdb pg_ctl user data port password
  initdb=$(find_bin initdb)
  pg_ctl=$(find_bin pg_ctl)
  user=postgres
  if ! id "$user" >/dev/null 2>&1; then useradd --system --no-create-home "$user"; fi
  data=$(mktemp -d /tmp/shared-tokens-pg.XXXXXX)
  chown "$user" "$data"
  chmod 700 "$data"
  port=$(free_port)
  password=$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')
  local pwfile="$data.pw"
  printf '%s\n' "$password" >"$pwfile"
  chown "$user" "$pwfile"
  run_as() { if [ "$(id -u)" = 0 ]; then su "$user" -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  run_as "'$initdb' -D '$data/db' -U shared_tokens --auth=scram-sha-256 --pwfile='$pwfile' -E UTF8 --locale=C.UTF-8" >&2 \
    || run_as "'$initdb' -D '$data/db' -U shared_tokens --auth=scram-sha-256 --pwfile='$pwfile' -E UTF8 --locale=C" >&2
  rm -f "$pwfile"
  run_as "'$pg_ctl' -D '$data/db' -l '$data/server.log' -w -t 60 -o \"-c listen_addresses=127.0.0.1 -p $port -k '$data' -c max_connections=60 -c fsync=off\" start" >&2
  PGPASSWORD=$password psql -h 127.0.0.1 -p "$port" -U shared_tokens -d postgres -qc 'CREATE DATABASE shared_tokens_test' >&2
  printf '%s\n%s\n%s\n' "$pg_ctl" "$data" "$user" >"$state_file"
  log "server up on 127.0.0.1:$port, data in $data"
  echo "export DATABASE_URL=postgres://shared_tokens:$password@127.0.0.1:$port/shared_tokens_test"
  echo "export SHARED_TOKENS_PG_DIR=$data"
}

stop() {
  if [ ! -f "$state_file" ]; then log "no server recorded in $state_file"; return 0; fi
  local pg_ctl data user
  { read -r pg_ctl; read -r data; read -r user; } <"$state_file"
  if [ "$(id -u)" = 0 ]; then su "$user" -s /bin/sh -c "'$pg_ctl' -D '$data/db' -m fast -w stop" >&2 || true
  else "$pg_ctl" -D "$data/db" -m fast -w stop >&2 || true; fi
  rm -rf "$data" "$state_file"
  log "stopped and removed $data"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
