"""Helpers of the backup tests: every row of every table of a database, and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, select

ROOT = Path(__file__).resolve().parents[2]


def all_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, by table name."""
    engine = create_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            return {name: sorted((tuple(row) for row in connection.execute(select(table))),
                                 key=repr)
                    for name, table in metadata.tables.items()}
    finally:
        engine.dispose()


def desk_cli(*args: str, env: dict[str, str] | None = None, config_dir: Path,
             timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m desk ARGS`` in a fresh process with its own settings and data folder."""
    environment = {**os.environ, "DESK_CONFIG": str(config_dir / "settings.toml"),
                   "DESK_DATA_DIR": str(config_dir / "data")}
    for name in ("DESK_ADMIN_LOGIN", "DESK_ADMIN_PASSWORD", "DESK_DATABASE_URL"):
        environment.pop(name, None)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "desk", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
