#!/usr/bin/env bash
# The README's test command: sets up a fresh machine (scripts/setup.sh), then runs every test
# (scripts/run-tests.sh, which starts a throw-away PostgreSQL server). Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec scripts/run-tests.sh "$@"
