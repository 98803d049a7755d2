#!/usr/bin/env bash
# Runs the whole test suite: starts a throw-away PostgreSQL server for the database tests
# (DESK_TEST_PG_URL), then pytest with Qt offscreen. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
if [ -z "${DESK_TEST_PG_URL:-}" ]; then
    eval "$(scripts/pg-start.sh)"
    trap 'scripts/pg-stop.sh' EXIT
fi
.venv/bin/python -m pytest "$@"
