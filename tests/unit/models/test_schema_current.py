"""Opening a database already at the newest migration does not run Alembic (it costs start-up
time); any other database is still migrated by it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

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
