"""The self-check library (tests/support/sip2_server.py) on SQLite (a copy of a template built
once) or PostgreSQL, and a real ``python -m desk sip2 serve`` process on a free port."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.circulation import Policy, open_library
from tests.conftest import _pg_or_skip, reset_postgres
from tests.support.clock import FakeClock
from tests.support.sip2_server import Server, build_selfcheck_library, running_server

INSTITUTION = "TWLIB"


@pytest.fixture(scope="session")
def selfcheck_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sip2-template") / "library.sqlite"
    clock = FakeClock()
    library = open_library(f"sqlite:///{path}", clock=clock, policy=Policy())
    build_selfcheck_library(library, clock)
    library.close()
    return path


def selfcheck_url(kind: str, template: Path, tmp_path: Path) -> str:
    """A fresh self-check library: a copy of the SQLite template, or built on PostgreSQL."""
    if kind == "sqlite":
        path = tmp_path / "library.sqlite"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    url = _pg_or_skip()
    reset_postgres(url)
    clock = FakeClock()
    library = open_library(url, clock=clock, policy=Policy())
    build_selfcheck_library(library, clock)
    library.close()
    return url


@pytest.fixture
def library_url(selfcheck_template: Path, tmp_path: Path) -> str:
    return selfcheck_url("sqlite", selfcheck_template, tmp_path)


@pytest.fixture(params=["sqlite", "postgres"])
def any_library_url(request: pytest.FixtureRequest, selfcheck_template: Path,
                    tmp_path: Path) -> str:
    return selfcheck_url(request.param, selfcheck_template, tmp_path)


@pytest.fixture
def server(library_url: str, tmp_path: Path) -> Iterator[Server]:
    with running_server(library_url, tmp_path, sip_institution_id=INSTITUTION) as running:
        yield running
