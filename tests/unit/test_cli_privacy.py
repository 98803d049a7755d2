"""``python -m desk privacy purge|export`` (issue 15): exit codes, messages in both languages,
an administrator's sign-in, the export file. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import stat
from datetime import datetime
from pathlib import Path

import pytest

from desk.circulation import Policy, open_library
from desk.cli import run
from tests.support import small_library
from tests.support.clock import TAIPEI, FakeClock
from tests.unit.circulation.privacy.support import loan_of, make_history


@pytest.fixture
def url(any_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The small library with a loan history that ended well over 180 days before today (the
    command runs on the real clock)."""
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.delenv("DESK_ADMIN_LOGIN", raising=False)
    monkeypatch.delenv("DESK_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    clock = FakeClock(datetime(2025, 1, 6, 10, 0, tzinfo=TAIPEI))
    library = open_library(any_url, clock=clock, policy=Policy())
    try:
        make_history(small_library.build(library), clock)
    finally:
        library.close()
    return any_url


def _admin(monkeypatch: pytest.MonkeyPatch, login: str = "admin",
           password: str = small_library.PASSWORDS["admin"]) -> None:
    monkeypatch.setenv("DESK_ADMIN_LOGIN", login)
    monkeypatch.setenv("DESK_ADMIN_PASSWORD", password)


def _patron_of(url: str, item: str) -> int | None:
    library = open_library(url)
    try:
        return loan_of(library, item).patron_id
    finally:
        library.close()


def test_dry_run_counts_and_changes_nothing(url: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["privacy", "purge", "--dry-run", "--url", url]) == 0
    out = capsys.readouterr().out
    assert "kept 180 days after return: 3 loan(s)" in out and "1 are kept" in out
    assert "Nothing was changed" in out
    assert _patron_of(url, "B001") is not None


@pytest.mark.parametrize("login, password, message", [
    (None, None, "needs an administrator's sign-in"),
    ("admin", "wrong-password", "Administrator sign-in failed"),
    ("boss", "boss-pass", "Only an administrator may"),
])
def test_purge_needs_an_administrator(url: str, login: str | None, password: str | None,
                                      message: str, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    if login:
        _admin(monkeypatch, login, password or "")
    assert run(["privacy", "purge", "--url", url]) == 1
    assert message in capsys.readouterr().err
    assert _patron_of(url, "B001") is not None


def test_purge_anonymises_says_so_in_chinese_and_keeps_the_chain(
        url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _admin(monkeypatch)
    monkeypatch.setenv("DESK_LANGUAGE", "zh_TW")
    assert run(["privacy", "purge", "--url", url]) == 0
    out = capsys.readouterr().out
    assert "筆借閱" in out and "已匿名化" in out and " 3 " in out
    assert _patron_of(url, "B001") is None and _patron_of(url, "B003") is not None
    assert _patron_of(url, "B005") is not None                     # still on loan
    assert run(["privacy", "purge", "--url", url]) == 0
    assert "已匿名化" in capsys.readouterr().out
    assert run(["audit", "verify", "--url", url]) == 0


def test_export_to_a_private_file(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    _admin(monkeypatch)
    target = tmp_path / "P001.json"
    assert run(["privacy", "export", "P001", "--url", url, "--out", str(target)]) == 0
    assert f"Wrote everything held on patron P001 to {target}: 2 loan(s)" in \
        capsys.readouterr().err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["patron"]["name"] == "陳小明"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert run(["privacy", "export", "P001", "--url", url, "--out", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_export_to_standard_output_and_refusals(url: str, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["privacy", "export", "P001", "--url", url]) == 1      # no administrator
    assert "needs an administrator's sign-in" in capsys.readouterr().err
    _admin(monkeypatch)
    assert run(["privacy", "export", "P002", "--url", url]) == 0
    assert json.loads(capsys.readouterr().out)["patron"]["barcode"] == "P002"
    assert run(["privacy", "export", "P999", "--url", url]) == 1
    assert "No patron has card P999" in capsys.readouterr().err
    monkeypatch.setenv("DESK_LANGUAGE", "zh_TW")
    assert run(["privacy", "export", "P999", "--url", url]) == 1
    assert "查無借書證 P999 的讀者" in capsys.readouterr().err
    assert run(["privacy"]) == 2                                       # no action: usage
