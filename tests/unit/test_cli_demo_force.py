"""``python -m desk demo --force`` (issue 13 item 4): over a library that is not the demo it needs
an administrator's sign-in (refused without credentials, with wrong ones, or a non-admin's),
prints what it deletes and records it; over the demo library it goes ahead. SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select, text

from desk.circulation import Policy, open_library
from desk.cli import run
from desk.models import AuditEvent, Patron
from tests.support import small_library
from tests.support.clock import FakeClock

SMALL = ["--patrons", "60", "--items", "300"]


def _real_library(url: str) -> None:
    """The small library (no demo mark) plus an admin account."""
    library = open_library(url, clock=FakeClock(), policy=Policy())
    small_library.build(library)
    library.add_staff("chief", "館長", "admin", "chief-pass-2026",
                      by=library.sign_in("admin", small_library.PASSWORDS["admin"]))
    library.close()


def _patrons(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        count = int(connection.execute(select(func.count()).select_from(Patron)).scalar_one())
    engine.dispose()
    return count


@pytest.fixture(autouse=True)
def _no_admin_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESK_ADMIN_LOGIN", raising=False)
    monkeypatch.delenv("DESK_ADMIN_PASSWORD", raising=False)


@pytest.mark.parametrize("login, password, message", [
    (None, None, "needs an administrator's sign-in"),
    ("chief", "wrong-password", "Wrong login or password"),
    ("boss", "boss-pass", "boss is not an administrator"),
])
def test_force_over_a_real_library_needs_an_admin(
        any_url: str, login: str | None, password: str | None, message: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _real_library(any_url)
    before = _patrons(any_url)
    if login:
        monkeypatch.setenv("DESK_ADMIN_LOGIN", login)
        monkeypatch.setenv("DESK_ADMIN_PASSWORD", password or "")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert run(["demo", "--force", "--url", any_url, *SMALL]) == 1
    assert message in capsys.readouterr().err
    assert _patrons(any_url) == before      # nothing deleted


def test_force_with_an_admin_deletes_says_what_and_records_it(
        any_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _real_library(any_url)
    monkeypatch.setenv("DESK_ADMIN_LOGIN", "chief")
    monkeypatch.setenv("DESK_ADMIN_PASSWORD", "chief-pass-2026")
    assert run(["demo", "--force", "--url", any_url, *SMALL]) == 0
    out = capsys.readouterr().out
    assert "Deleting the library at" in out and "approved by chief" in out
    assert "patrons" in out and "audit rows" in out
    assert _patrons(any_url) == 60
    engine = create_engine(any_url)
    with engine.connect() as connection:
        wiped = connection.execute(select(AuditEvent.detail).where(
            AuditEvent.action == "library_wiped")).scalar_one()
    engine.dispose()
    assert wiped["approved_by"] == "chief" and wiped["demo"] is False
    assert run(["audit", "verify", "--url", any_url]) == 0


def test_force_over_the_demo_needs_no_sign_in(
        any_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert run(["demo", "--url", any_url, *SMALL]) == 0
    assert run(["demo", "--force", "--url", any_url, "--patrons", "70", "--items", "300"]) == 0
    assert "Deleting the demo library" in capsys.readouterr().out
    assert _patrons(any_url) == 70


def test_the_prompt_asks_on_a_terminal(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _real_library(sqlite_url)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "chief")
    monkeypatch.setattr("getpass.getpass", lambda prompt: "chief-pass-2026")
    assert run(["demo", "--force", "--url", sqlite_url, *SMALL]) == 0
    assert "approved by chief" in capsys.readouterr().out
