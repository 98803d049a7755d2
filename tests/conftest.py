"""Shared fixtures: a fake clock, libraries on a real SQLite file and on PostgreSQL.

``any_library`` runs a test on SQLite and, when ``DESK_TEST_PG_URL`` names a server (CI always
starts one), on PostgreSQL too. Without that variable the PostgreSQL variant is skipped with the
reason shown; CI sets ``DESK_REQUIRE_PG=1`` so a missing server fails instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desk.circulation import Library, Policy, open_library
from desk.circulation import messages
from tests.support import small_library
from tests.support.clock import FakeClock

PG_URL = os.environ.get("DESK_TEST_PG_URL")


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    messages.set_language("en")
    yield
    messages.set_language("en")


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


@pytest.fixture
def library(sqlite_url: str, clock: FakeClock) -> Iterator[Library]:
    lib = open_library(sqlite_url, clock=clock, policy=Policy())
    yield lib
    lib.close()


@pytest.fixture
def any_library(any_url: str, clock: FakeClock) -> Iterator[Library]:
    lib = open_library(any_url, clock=clock, policy=Policy())
    yield lib
    lib.close()


@pytest.fixture
def desk(library: Library) -> small_library.Desk:
    return small_library.build(library)


@pytest.fixture
def any_desk(any_library: Library) -> small_library.Desk:
    return small_library.build(any_library)
