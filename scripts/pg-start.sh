#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on a Unix socket (or reuses the one already running in
# the same directory) and prints `export DESK_TEST_PG_URL=...` for eval.
# Needs Debian's postgresql package. DESK_PG_DIR and DESK_PG_PORT choose directory and port.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
    echo "echo 'PostgreSQL is not installed: database tests will run on SQLite only' >&2"
    exit 0
fi
base=${DESK_PG_DIR:-/tmp/desk-pg}
port=${DESK_PG_PORT:-55432}
if [ "$(id -u)" -eq 0 ]; then
    as_pg() { su postgres -s /bin/bash -c "$*"; }
    user=postgres
else
    as_pg() { bash -c "$*"; }
    user=$(id -un)
fi
started=0
if ! { [ -d "$base/data" ] && as_pg "$bindir/pg_ctl -D $base/data status" >/dev/null 2>&1; }; then
    rm -rf "$base"; mkdir -p "$base/data" "$base/sock"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$base"
    as_pg "$bindir/initdb -A trust -U $user -D $base/data -E UTF8 --locale=C.UTF-8" >"$base/initdb.log" 2>&1
    as_pg "$bindir/pg_ctl -D $base/data -o '-k $base/sock -p $port' -l $base/log -w start" >/dev/null
    as_pg "$bindir/createdb -h $base/sock -p $port -U $user desk_test"
    started=1
fi
echo "export DESK_TEST_PG_URL='postgresql+psycopg://$user@/desk_test?host=$base/sock&port=$port'"
echo "export DESK_TEST_PG_BIN='$bindir' DESK_TEST_PG_DATA='$base/data' DESK_PG_STARTED=$started"
