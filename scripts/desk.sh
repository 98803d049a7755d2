#!/usr/bin/env bash
# The README's run command: sets up a fresh machine (scripts/setup.sh), builds the demo library
# in the embedded SQLite database the first time, then opens the desk. Arguments go to the desk.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m desk demo --if-empty
exec .venv/bin/python -m desk "$@"
