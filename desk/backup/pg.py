"""PostgreSQL backups with the server's own tools: ``pg_dump -Fc`` and ``pg_restore``.

The dump runs on a snapshot exported from a REPEATABLE READ transaction in which the row counts
were read, so the counts and the dump are of the same instant. A dump is checked by reading all
its data back through ``pg_restore`` (every table's rows counted, the schema revision read), which
also proves the archive is whole. The tools must be on the PATH; connection details travel in
libpq's environment variables, never on the command line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, text as sql
from sqlalchemy.engine import make_url

from desk.backup.checks import Snapshot, take_snapshot
from desk.backup.errors import BackupError

PGDUMP_MAGIC = b"PGDMP"
_COPY = re.compile(r'^COPY (?:"?[\w]+"?\.)?"?(?P<table>[^"\s(]+)"? \(')


def tool(name: str) -> str:
    """The path of a PostgreSQL tool on the PATH; ``BackupError`` when it is not there."""
    path = shutil.which(name)
    if path is None:
        raise BackupError("backup_pg_tool_missing", tool=name)
    return path


def libpq_environment(url: str, database: str | None = None) -> dict[str, str]:
    """The environment for a libpq tool connecting where ``url`` points (``database`` instead
    of the URL's, when given)."""
    parsed = make_url(url)
    env = dict(os.environ)
    host = parsed.host or parsed.query.get("host")
    values = {"PGHOST": host, "PGPORT": parsed.port or parsed.query.get("port"),
              "PGUSER": parsed.username, "PGPASSWORD": parsed.password,
              "PGDATABASE": database or parsed.database}
    for name, value in values.items():
        if value:
            env[name] = str(value if not isinstance(value, tuple) else value[0])
    return env


def _run(command: list[str], env: dict[str, str], code: str) -> str:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as error:
        raise BackupError(code, detail=error.strerror or str(error)) from None
    if done.returncode != 0:
        detail = " ".join(line for line in done.stderr.strip().splitlines()[:3])
        raise BackupError(code, detail=detail or f"exit {done.returncode}")
    return done.stdout


def dump(url: str, target: Path) -> Snapshot:
    """``pg_dump -Fc`` of the database at ``url`` into the new file ``target``; the snapshot of
    what was dumped."""
    pg_dump = tool("pg_dump")
    engine = create_engine(url)
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
            snapshot_id = connection.execute(sql("SELECT pg_export_snapshot()")).scalar_one()
            snapshot = take_snapshot(connection)
            _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges",
                  f"--snapshot={snapshot_id}", f"--file={target}"],
                 libpq_environment(url), "backup_pg_dump_failed")
            connection.rollback()
    finally:
        engine.dispose()
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return snapshot


def read_dump(path: Path) -> Snapshot:
    """What the dump at ``path`` holds (every row read back through ``pg_restore``);
    ``BackupError`` for a file that is not a whole custom-format dump."""
    pg_restore = tool("pg_restore")
    try:
        with open(path, "rb") as file:
            magic = file.read(len(PGDUMP_MAGIC))
    except OSError as error:
        raise BackupError("backup_unreadable", path=str(path), detail=error.strerror) from None
    if magic != PGDUMP_MAGIC:
        raise BackupError("backup_not_a_database", path=str(path))
    counts: dict[str, int] = {}
    revisions: list[str] = []
    table: str | None = None
    try:
        process = subprocess.Popen([pg_restore, "--data-only", "--file=-", str(path)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=dict(os.environ), text=True, encoding="utf-8")
    except OSError as error:
        raise BackupError("backup_damaged", path=str(path), detail=str(error)) from None
    assert process.stdout is not None and process.stderr is not None
    for line in process.stdout:
        if table is None:
            match = _COPY.match(line)
            if match:
                table = match["table"]
                counts[table] = 0
        elif line == "\\.\n":
            table = None
        else:
            counts[table] += 1
            if table == "alembic_version":
                revisions.append(line.strip())
    error_text = process.stderr.read()
    if process.wait() != 0:
        detail = " ".join(error_text.strip().splitlines()[:2]) or f"exit {process.returncode}"
        raise BackupError("backup_damaged", path=str(path), detail=detail)
    listed = _run([pg_restore, "--list", str(path)], dict(os.environ), "backup_pg_restore_failed")
    for line in listed.splitlines():  # tables without rows have no COPY block
        parts = line.split()
        if len(parts) > 6 and parts[3] == "TABLE" and parts[4] == "DATA":
            counts.setdefault(parts[6], 0)
    if not revisions:
        raise BackupError("backup_not_a_library", path=str(path))
    return Snapshot(",".join(sorted(revisions)), counts)


def database_is_empty(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return not take_snapshot(connection).counts
    finally:
        engine.dispose()


def restore_into(path: Path, url: str, database: str | None = None) -> None:
    """``pg_restore`` the dump at ``path`` into the (empty) database at ``url`` (or
    ``database`` on the same server)."""
    _run([tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", f"--dbname={database or make_url(url).database}", str(path)],
         libpq_environment(url, database), "backup_pg_restore_failed")
