"""Shared fixtures: a fake clock, libraries on a real SQLite file and on PostgreSQL.

``any_library`` runs a test on SQLite and, when ``DESK_TEST_PG_URL`` names a server (CI always
starts one), on PostgreSQL too. Without that variable the PostgreSQL variant is skipped with the
reason shown; CI sets ``DESK_REQUIRE_PG=1`` so a missing server fails instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desk import wording
from desk.circulation import Library, Policy, open_library
from tests.support import small_library
from tests.support.clock import FakeClock

PG_URL = os.environ.get("DESK_TEST_PG_URL")


@pytest.fixture(autouse=True, scope="session")
def _own_data_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests' embedded library, offline journals and slip books live in a folder of their
    own, never in the user's data folder (a desk running there holds its journals' locks); and
    their settings file is one of their own, so a test that saves settings never writes the
    user's, and the user's never changes what a test (or its subprocesses) reads."""
    saved = {name: os.environ.get(name) for name in ("DESK_DATA_DIR", "DESK_CONFIG")}
    os.environ["DESK_DATA_DIR"] = str(tmp_path_factory.mktemp("desk-data"))
    os.environ["DESK_CONFIG"] = str(tmp_path_factory.mktemp("desk-config") / "settings.toml")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    wording.set_language("en")
    yield
    wording.set_language("en")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _pg_or_skip() -> str:
    if PG_URL:
        return PG_URL
    if os.environ.get("DESK_REQUIRE_PG") == "1":
        pytest.fail("DESK_REQUIRE_PG=1 but DESK_TEST_PG_URL is not set")
    pytest.skip("no PostgreSQL server: set DESK_TEST_PG_URL (scripts/run-tests.sh starts one)")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'library.sqlite'}"


@pytest.fixture
def pg_url() -> str:
    url = _pg_or_skip()
    reset_postgres(url)
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'library.sqlite'}"
    url = _pg_or_skip()
    reset_postgres(url)
    return url


@dataclass(frozen=True)
class Template:
    """The small library, built once per test session (argon2 hashing is slow by design).
    Its staff objects were issued by a library object that is closed: each test signs in
    afresh (a staff object is only good for the library that issued it)."""

    path: Path


@pytest.fixture(scope="session")
def small_library_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    path = tmp_path_factory.mktemp("template") / "library.sqlite"
    lib = open_library(f"sqlite:///{path}", clock=FakeClock(), policy=Policy())
    small_library.build(lib)
    lib.close()  # checkpoints the WAL into the file
    return Template(path)


@pytest.fixture
def library(request: pytest.FixtureRequest, sqlite_url: str, clock: FakeClock) -> Iterator[Library]:
    if "desk" in request.fixturenames:
        # The test asked for the small library: start from a copy of the template file.
        template: Template = request.getfixturevalue("small_library_template")
        shutil.copyfile(template.path, sqlite_url.removeprefix("sqlite:///"))
    lib = open_library(sqlite_url, clock=clock, policy=Policy())
    yield lib
    lib.close()


@pytest.fixture
def any_library(any_url: str, clock: FakeClock) -> Iterator[Library]:
    lib = open_library(any_url, clock=clock, policy=Policy())
    yield lib
    lib.close()


@pytest.fixture
def desk(library: Library, small_library_template: Template) -> small_library.Desk:
    """The small library of tests/support/small_library.py on SQLite (a copy of the template),
    with ``clerk`` and ``boss`` signed in to it."""
    return small_library.signed_in(library)


@pytest.fixture
def any_desk(any_library: Library) -> small_library.Desk:
    return small_library.build(any_library)
