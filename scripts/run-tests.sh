#!/usr/bin/env bash
# Runs the whole test suite: mypy first (strict on desk/circulation and desk/devices, see
# [tool.mypy] in pyproject.toml), then the desk's self-test as Windows would run it (fcntl,
# termios, tty, pty, resource, grp and pwd refused to desk's own modules by
# tests/support/windows_guard.py), then starts a throw-away PostgreSQL server for the database
# tests (DESK_TEST_PG_URL; they must then run, not skip), then pytest with Qt offscreen.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
python=.venv/bin/python
[ -x "$python" ] || python=python3
"$python" -m mypy
# On a scratch data folder and settings file: the developer's own are not touched.
scratch=$(mktemp -d)
DESK_DATA_DIR="$scratch/data" DESK_CONFIG="$scratch/settings.toml" \
    "$python" tests/support/windows_guard.py "$python" -m desk --self-test
rm -rf "$scratch"
if [ -z "${DESK_TEST_PG_URL:-}" ]; then
    eval "$(scripts/pg-start.sh)"
    if [ -n "${DESK_TEST_PG_URL:-}" ]; then
        export DESK_REQUIRE_PG=1
        [ "${DESK_PG_STARTED:-0}" = 1 ] && trap 'scripts/pg-stop.sh' EXIT
    fi
fi
"$python" -m pytest "$@"
