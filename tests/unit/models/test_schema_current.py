"""Opening a database already at the newest migration does not run Alembic (it costs start-up
time); any other database is still migrated by it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from desk.circulation import LibraryUnavailable, open_library
from desk.cli import run
from desk.models import Base
from desk.models.database import (alembic_config, head_revisions, make_engine, schema_is_current,
                                  upgrade)

ROOT = Path(__file__).resolve().parents[3]


def test_head_read_from_the_files_is_alembics_head(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    heads = ScriptDirectory.from_config(alembic_config(engine)).get_heads()
    assert head_revisions() == frozenset(heads)
    engine.dispose()


def test_only_a_database_at_the_newest_migration_is_current(any_url: str) -> None:
    engine = make_engine(any_url)
    assert not schema_is_current(engine)                   # new: no alembic_version table
    command.upgrade(alembic_config(engine), "0005")
    assert not schema_is_current(engine)                   # an older migration
    upgrade(engine)
    assert schema_is_current(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() \
            in head_revisions()
    engine.dispose()


def test_upgrade_migrates_a_database_behind_and_creates_a_new_one(any_url: str) -> None:
    engine = make_engine(any_url)
    upgrade(engine)                                        # new database: every table
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    command.downgrade(alembic_config(engine), "0005")
    assert "fine_unit" not in {c["name"] for c in inspect(engine).get_columns("charges")}
    upgrade(engine)                                        # behind: migrated to the newest
    assert "fine_unit" in {c["name"] for c in inspect(engine).get_columns("charges")}
    assert schema_is_current(engine)
    engine.dispose()


def test_opening_a_current_database_does_not_load_alembic(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    engine.dispose()
    probe = ("import sys; from desk.circulation import open_library; "
             f"open_library({sqlite_url!r}).close(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_a_library_made_by_a_newer_desk_is_a_clear_refusal(any_url: str, tmp_path: Path) -> None:
    """Found by benchmarks/boundaries.py: a database at a migration this desk does not have
    (a newer desk upgraded it) stopped every command with Alembic's traceback ("Can't locate
    revision"); it is now ``LibraryUnavailable`` naming both revisions, and the command line
    exits 2 with it."""
    open_library(any_url).close()
    engine = make_engine(any_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    with pytest.raises(LibraryUnavailable, match="revision 0999, which a newer version"):
        open_library(any_url)
    csv = tmp_path / "one.csv"
    csv.write_text("barcode,name,category\nP1,A,student\n", encoding="utf-8")
    assert run(["import", "patrons", str(csv), "--url", any_url]) == 2
    engine = make_engine(any_url)
    with engine.connect() as connection:     # nothing was migrated or written
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() \
            == "0999"
    engine.dispose()
    assert run(["audit", "verify", "--url", any_url]) == 2
