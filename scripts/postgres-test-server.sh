#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for tests, in a directory of its own, listening on a free loopback port.
#
#   postgres-test-server.sh start DIR [--durable]       initdb (first time) and start; prints the admin URL
#   postgres-test-server.sh stop DIR [--keep-data]      stop fast; removes DIR unless --keep-data
#   postgres-test-server.sh crash DIR                   stop at once, as a crash would (keeps the data)
#   postgres-test-server.sh create-database DIR NAME    (re)creates database NAME; prints its URL
#
# By default the server runs without fsync, synchronous commit and full-page writes (see write_settings);
# --durable leaves them at PostgreSQL's defaults (on), as a benchmark must: every commit waits for the disk.
# Each start writes the settings afresh, so the flag applies to that start only.
# DIR holds data/ (the cluster), log (the server's log), port, url (postgres://postgres@127.0.0.1:PORT/postgres)
# and a marker that lets `stop` remove DIR knowing this script made it. `start` on a running server only
# prints its URL; `start` after `stop --keep-data` reuses the data and the port. PostgreSQL refuses to run as
# root, so as root the server runs as the postgres user (runuser), which then owns DIR.
set -euo pipefail

postgres_bin="${PACT_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
marker=".postgres-test-server"

fail() {
  echo "postgres-test-server: $*" >&2
  exit 1
}

usage() {
  echo "usage:" >&2
  sed -n '4,7p' "$0" | sed 's/^#//' >&2
  exit 2
}

as_server_user() {
  if [[ $(id -u) == 0 ]]; then
    # From /, since the postgres user may not enter the caller's directory (/root); every path is absolute.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

absolute() {
  if [[ $1 == /* ]]; then echo "$1"; else echo "$PWD/$1"; fi
}

server_running() {
  [[ -f "$1/data/PG_VERSION" ]] && as_server_user "$postgres_bin/pg_ctl" status -D "$1/data" >/dev/null 2>&1
}

# A port nothing listens on now. Only a hint (another process may take it before the server binds), which
# is why start tries a few.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "found no free loopback port"
}

# Settings for a server whose data nobody keeps: without fsync, synchronous commit and full-page writes a
# crash may lose or corrupt the cluster, which costs nothing here, and every commit and checkpoint skips
# waiting for the disk, which is most of a test's time. `durable` keeps PostgreSQL's defaults instead.
# Enough connections for the parallel tests' pools.
write_settings() {
  local dir=$1 port=$2 durable=$3
  local quoted_dir=${dir//\'/\'\'}
  {
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$quoted_dir'"
    if [[ -z $durable ]]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
    echo "max_connections = 300"
  } >"$dir/data/test_server.conf"
  chown --reference="$dir/data" "$dir/data/test_server.conf"
}

initialise() {
  local dir=$1 durable=$2 locale=C no_sync=--no-sync
  # C.UTF-8 sorts by code point as C does, and also classifies non-ASCII characters.
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
  # --no-sync: the same reason as fsync = off above.
  if [[ -n $durable ]]; then no_sync=; fi
  as_server_user "$postgres_bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale="$locale" \
    $no_sync --no-instructions >"$dir/initdb.log" 2>&1 ||
    fail "initdb failed in $dir/data; its output: $(cat "$dir/initdb.log")"
  echo "include 'test_server.conf'" >>"$dir/data/postgresql.conf"
}

start() {
  local dir durable=${2:-}
  [[ -z $durable || $durable == --durable ]] || usage
  dir=$(absolute "$1")
  if [[ -e $dir && ! -d $dir ]]; then fail "$dir is not a directory"; fi
  mkdir -p "$dir"
  if [[ ! -f "$dir/$marker" ]]; then
    [[ -z $(ls -A "$dir") ]] || fail "$dir is neither empty nor a test server's directory; not touching it"
    touch "$dir/$marker"
  fi
  if server_running "$dir" && [[ -f "$dir/url" ]]; then
    if [[ -n $durable ]] && grep -q '^fsync = off' "$dir/data/test_server.conf"; then
      fail "the server in $dir runs without fsync; stop it before starting it --durable"
    fi
    cat "$dir/url"
    return
  fi
  # The server's Unix socket lives in DIR; sun_path holds 107 bytes.
  if ((${#dir} + 20 > 107)); then fail "$dir is too long a path for PostgreSQL's Unix socket; use a shorter one"; fi
  if [[ $(id -u) == 0 ]]; then
    chown postgres: "$dir"
    runuser -u postgres -- test -w "$dir" || fail "the postgres user cannot reach $dir (a parent directory closed to it?)"
  fi
  [[ -x "$postgres_bin/pg_ctl" ]] || fail "no PostgreSQL in $postgres_bin (Debian: apt-get install postgresql-15)"
  [[ -f "$dir/data/PG_VERSION" ]] || initialise "$dir" "$durable"

  local port attempt
  for attempt in 1 2 3 4 5; do
    # Restarting keeps the port clients already know; a first start (or a taken port) picks a new one.
    if [[ $attempt == 1 && -f "$dir/port" ]]; then port=$(cat "$dir/port"); else port=$(free_port); fi
    write_settings "$dir" "$port" "$durable"
    : >"$dir/log"
    chown --reference="$dir/data" "$dir/log"
    if as_server_user "$postgres_bin/pg_ctl" start -D "$dir/data" -l "$dir/log" -w -t 60 >"$dir/pg_ctl.log" 2>&1; then
      break
    fi
    if ! grep -q 'could not bind\|Address already in use' "$dir/log"; then
      fail "the server did not start; the end of $dir/log:"$'\n'"$(tail -n 20 "$dir/log")"
    fi
    if [[ $attempt == 5 ]]; then fail "five ports in a row were taken before the server could bind one"; fi
  done
  for _ in $(seq 100); do
    if pg_isready -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then
      echo "$port" >"$dir/port"
      echo "postgres://postgres@127.0.0.1:$port/postgres" >"$dir/url"
      cat "$dir/url"
      return
    fi
    sleep 0.1
  done
  fail "the server started but did not accept connections on 127.0.0.1:$port within 10 seconds; see $dir/log"
}

stop() {
  local dir keep_data=${2:-}
  dir=$(absolute "$1")
  [[ -z $keep_data || $keep_data == --keep-data ]] || usage
  if [[ ! -e $dir ]]; then
    echo "postgres-test-server: nothing to stop in $dir" >&2
    return
  fi
  [[ -f "$dir/$marker" ]] || fail "$dir was not made by this script; not stopping or removing anything in it"
  if server_running "$dir"; then
    # Data about to be removed needs no shutdown checkpoint (which, after a test run's hundreds of
    # databases, takes tens of seconds): stop it at once.
    local mode=fast
    [[ -z $keep_data ]] && mode=immediate
    as_server_user "$postgres_bin/pg_ctl" stop -D "$dir/data" -m "$mode" -w -t 60 >/dev/null ||
      fail "pg_ctl could not stop the server in $dir/data; see $dir/log"
  fi
  if [[ -z $keep_data ]]; then
    rm -rf -- "$dir"
  fi
}

# pg_ctl's immediate mode: the server's processes quit without a checkpoint or a flush of the write-ahead log's
# buffers, so what a commit had not yet written is lost as in a crash; the next start recovers from the log.
crash() {
  local dir
  dir=$(absolute "$1")
  [[ -f "$dir/$marker" ]] || fail "$dir was not made by this script; not stopping anything in it"
  server_running "$dir" || fail "no test server runs in $dir"
  as_server_user "$postgres_bin/pg_ctl" stop -D "$dir/data" -m immediate -w -t 60 >/dev/null ||
    fail "pg_ctl could not stop the server in $dir/data; see $dir/log"
}

create_database() {
  local dir name
  dir=$(absolute "$1")
  name=$2
  # Names that need no quoting in a URL or in SQL.
  [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] ||
    fail "'$name' is not a database name of letters, digits and underscores (at most 63, not starting with a digit)"
  if [[ ! -f "$dir/url" ]] || ! server_running "$dir"; then fail "no test server runs in $dir; start one first"; fi
  local port
  port=$(cat "$dir/port")
  # FORCE ends the sessions a previous run left on the database, which would otherwise block the drop.
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "CREATE DATABASE \"$name\" STRATEGY FILE_COPY" >/dev/null ||
    fail "could not create database $name on 127.0.0.1:$port"
  echo "postgres://postgres@127.0.0.1:$port/$name"
}

case "${1:-}" in
  start) [[ $# == 2 || $# == 3 ]] || usage; start "$2" "${3:-}" ;;
  stop) [[ $# == 2 || $# == 3 ]] || usage; stop "$2" "${3:-}" ;;
  crash) [[ $# == 2 ]] || usage; crash "$2" ;;
  create-database) [[ $# == 3 ]] || usage; create_database "$2" "$3" ;;
  *) usage ;;
esac
