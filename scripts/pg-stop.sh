#!/usr/bin/env bash
# Stops the throw-away PostgreSQL server started by pg-start.sh.
set -uo pipefail
base=${DESK_PG_DIR:-/tmp/desk-pg}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] && [ -d "$base/data" ] || exit 0
if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/bash -c "$bindir/pg_ctl -D $base/data -m fast -w stop" >/dev/null 2>&1
else
    "$bindir/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null 2>&1
fi
exit 0
