"""``python -m desk offline import|export``: the report, line numbers, exit codes, idempotency."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from desk.circulation.offline.journal import Journal
from desk.cli import run
from tests.support.small_library import PASSWORDS, Desk
from tests.unit.circulation.offline.conftest import at
from tests.unit.circulation.offline.test_koc import BAD_FILE


def _cli(*argv: str) -> int:
    """``python -m desk ...`` as the command line runs it."""
    return run(list(argv))


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DESK_STAFF_PASSWORD", PASSWORDS["clerk"])
    monkeypatch.setenv("DESK_SUPERVISOR_PASSWORD", PASSWORDS["boss"])
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def test_import_reports_bad_lines_and_applies_good_ones(
        desk: Desk, sqlite_url: str, tmp_path: Path, env: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "outage.koc"
    path.write_bytes(BAD_FILE)
    pdf = tmp_path / "report.pdf"
    code = _cli("--desk", "MAIN-1", "offline", "import", str(path), "--url", sqlite_url,
                "--staff", "clerk", "--report", str(pdf))
    out = capsys.readouterr().out
    assert code == 1                                  # bad lines were found
    for number in (3, 4, 5, 6, 7, 8, 12, 13, 14):
        assert f"outage.koc:{number}: bad line" in out
    assert "applied 3" in out
    assert "outage.koc:2" in out and "outage.koc:10" in out
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "B001" in text and "outage.koc:9" in text
    code = _cli("--desk", "MAIN-1", "offline", "import", str(path), "--url", sqlite_url,
                "--staff", "clerk")
    out = capsys.readouterr().out
    assert "applied 0" in out and "already applied 3" in out


def test_import_with_a_bulk_decision(desk: Desk, sqlite_url: str, tmp_path: Path, env: None,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "limit.koc"
    lines = [f"2026-11-02 10:0{n}:00 000\tissue\tP001\tB00{n}" for n in range(1, 6)]
    path.write_text("Version=1.0\tGenerator=t\tGeneratorVersion=1\n" + "\n".join(lines) + "\n")
    assert _cli("--desk", "MAIN-1", "offline", "import", str(path), "--url", sqlite_url,
                "--staff", "clerk") == 1
    assert "needing a decision 2" in capsys.readouterr().out
    assert _cli("--desk", "MAIN-1", "offline", "import", str(path), "--url", sqlite_url,
                "--staff", "clerk", "--supervisor", "boss", "--apply-all", "outage") == 0
    out = capsys.readouterr().out
    assert "applied 2 (overridden 2)" in out and "decided by 張主任: outage" in out


def test_bad_usage(desk: Desk, sqlite_url: str, tmp_path: Path, env: None,
                   capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli("offline", "import", str(tmp_path / "none.koc"), "--staff", "clerk") == 2
    assert "no such file" in capsys.readouterr().err
    (tmp_path / "x.koc").write_text("")
    assert _cli("offline", "import", str(tmp_path / "x.koc"), "--staff", "clerk",
                "--apply-all", "why") == 2
    assert "supervisor" in capsys.readouterr().err


def test_export_writes_the_journal_as_koc(tmp_path: Path, env: None) -> None:
    journal = Journal(tmp_path / "j.jsonl", "MAIN-1")
    journal.append("checkout", "B001", at=at(2, 10), patron="P001")
    out = tmp_path / "out.koc"
    assert _cli("offline", "export", "--journal", str(tmp_path / "j.jsonl"), "-o", str(out)) == 0
    assert out.read_text().splitlines()[1] == "2026-11-02 10:00:00 000\tissue\tP001\tB001"
