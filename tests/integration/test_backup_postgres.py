"""PostgreSQL backups on the real server: ``pg_dump -Fc`` (from DESK_TEST_PG_BIN or the PATH)
and ``pg_restore`` round trip with identical rows, a damaged dump refused, a clear message when
pg_dump is not on the PATH."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desk.backup import BackupError, inspect_backup, restore, run_backup
from desk.circulation import open_library
from tests.integration.backup_support import all_rows
from tests.support import small_library

PG_BIN = os.environ.get("DESK_TEST_PG_BIN", "/usr/lib/postgresql/15/bin")


@pytest.fixture
def pg_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("pg_dump") is None:
        monkeypatch.setenv("PATH", f"{PG_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if shutil.which("pg_dump") is None:
        pytest.skip("no pg_dump: set DESK_TEST_PG_BIN")


@pytest.fixture
def filled_pg(pg_url: str) -> Iterator[str]:
    library = open_library(pg_url)
    desk = small_library.build(library)
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P002", "B002")
    desk.main.checkin("B002")
    library.close()
    yield pg_url


def _drop_databases_like(url: str, pattern: str) -> None:
    server = create_engine(url.replace(url.split("/")[3].split("?")[0], "postgres", 1),
                           isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        names = connection.execute(text("SELECT datname FROM pg_database WHERE datname LIKE "
                                        ":p"), {"p": pattern}).scalars().all()
        for name in names:
            connection.execute(text(f'DROP DATABASE "{name}"'))
    server.dispose()


def test_pg_dump_and_restore_round_trip(pg_tools: None, filled_pg: str, tmp_path: Path) -> None:
    result = run_backup(filled_pg, tmp_path, keep_daily=14, keep_weekly=8)
    assert result.path.suffix == ".pgdump"
    assert result.path.read_bytes()[:5] == b"PGDMP"
    before = all_rows(filled_pg)
    expected = inspect_backup(result.path, filled_pg)
    assert expected == result.snapshot
    database = filled_pg.split("/")[3].split("?")[0]
    try:
        # the library holds data: restored into a new database, then swapped in by renaming
        outcome = restore(result.path, filled_pg, expected)
        assert outcome.kept and outcome.kept.startswith(f"{database}_before_restore_")
        assert all_rows(filled_pg) == before
        assert outcome.summary.loans == 2 and outcome.summary.open_loans == 1
    finally:
        _drop_databases_like(filled_pg, f"{database}_before_restore_%")
    # into an empty database: pg_restore straight in
    engine = create_engine(filled_pg)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    assert restore(result.path, filled_pg, expected).kept is None
    assert all_rows(filled_pg) == before


def test_a_damaged_dump_is_refused(pg_tools: None, filled_pg: str, tmp_path: Path) -> None:
    result = run_backup(filled_pg, tmp_path, keep_daily=14, keep_weekly=8)
    data = result.path.read_bytes()
    bad = tmp_path / "bad.pgdump"
    bad.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(BackupError) as refused:
        inspect_backup(bad, filled_pg)
    assert refused.value.code == "backup_damaged"
    sqlite_backup = tmp_path / "other.sqlite"
    sqlite_backup.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(BackupError):
        inspect_backup(sqlite_backup, filled_pg)


def test_no_pg_dump_on_the_path_is_a_clear_message(pg_url: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    with pytest.raises(BackupError) as refused:
        run_backup(pg_url, tmp_path / "backups", keep_daily=1, keep_weekly=1)
    assert refused.value.code == "backup_pg_tool_missing"
    assert "pg_dump is not on the PATH" in refused.value.message
    assert not list((tmp_path / "backups").iterdir())
