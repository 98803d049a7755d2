"""One writer per journal, and what reading it says (issue 13, finding 13): a second desk process
on the same journal is refused (two real processes); ``offline export`` reports a torn tail and
repeated transaction ids instead of dropping them with exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desk.circulation.offline.journal import Journal, JournalInUse, read_journal
from desk.cli import run

T0 = datetime(2026, 11, 2, 10, 0, tzinfo=ZoneInfo("Asia/Taipei"))
REPO = Path(__file__).resolve().parents[4]

HOLDER = textwrap.dedent("""
    import sys, time
    from datetime import datetime
    from zoneinfo import ZoneInfo
    from desk.circulation.offline.journal import Journal
    journal = Journal(sys.argv[1], "MAIN-1")
    at = datetime(2026, 11, 2, 10, 0, tzinfo=ZoneInfo("Asia/Taipei"))
    for n in range(int(sys.argv[2])):
        journal.append("checkin", f"B{n}", at=at)
    print("READY", flush=True)
    sys.stdin.read()          # hold the journal until told to stop
""")


def hold(path: Path, appends: int = 0) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(appends)], cwd=REPO,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "READY"
    return child


def stop(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None
    child.stdin.close()
    child.wait(30)


def test_a_second_desk_process_on_the_same_journal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal-MAIN-1.jsonl"
    child = hold(path, appends=3)
    try:
        with pytest.raises(JournalInUse) as refused:
            Journal(path, "MAIN-1")
        assert f"pid {child.pid}" in str(refused.value) and "another desk process" in str(
            refused.value)
        assert refused.value.filename == str(path)
        second = subprocess.run([sys.executable, "-c", HOLDER, str(path), "1"], cwd=REPO,
                                input="", capture_output=True, text=True, timeout=60)
        assert second.returncode != 0 and "JournalInUse" in second.stderr
    finally:
        stop(child)
    journal = Journal(path, "MAIN-1")                 # the first desk has closed: free again
    assert journal.append("checkin", "B9", at=T0).slip_no == "MAIN-1-00004"
    slips = [entry.slip_no for entry in read_journal(path).entries]
    assert len(slips) == len(set(slips)) == 4


def test_a_killed_desk_lets_the_journal_go(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    child = hold(path, appends=1)
    child.kill()
    child.wait(30)
    assert Journal(path, "MAIN-1").append("checkin", "B1", at=T0).slip_no == "MAIN-1-00002"


def test_journals_opened_twice_in_one_process_share_the_slip_counter(tmp_path: Path) -> None:
    first, second = Journal(tmp_path / "j.jsonl", "D"), Journal(tmp_path / "j.jsonl", "D")
    numbers = [journal.append("checkin", "B1", at=T0).slip_no
               for journal in (first, second, first, second)]
    assert numbers == ["D-00001", "D-00002", "D-00003", "D-00004"]
    first.close()
    second.close()
    child = hold(tmp_path / "j.jsonl")               # both closed: another process may write
    stop(child)


def test_duplicate_transaction_ids_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal(path, "D")
    journal.append("checkin", "B1", at=T0)
    journal.close()
    line = path.read_bytes()
    path.write_bytes(line * 3)
    found = read_journal(path)
    assert len(found.entries) == 1
    assert [number for number, _ in found.duplicates] == [2, 3]
    assert "repeats line 1" in found.duplicates[0][1]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))


def test_export_reports_a_torn_tail_with_exit_1(tmp_path: Path, env: None, capsys) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal(path, "D")
    journal.append("checkin", "B1", at=T0)
    journal.close()
    with open(path, "ab") as handle:
        handle.write(b'{"txn_id":"D:x","slip_no":"D-00002","at":"2026-11')
    out = tmp_path / "out.koc"
    assert run(["offline", "export", "--journal", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "the last line is torn" in err and "not exported" in err
    assert len(out.read_text().splitlines()) == 2     # the header and the one whole entry


def test_export_reports_duplicates_with_exit_1(tmp_path: Path, env: None, capsys) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal(path, "D")
    journal.append("checkin", "B1", at=T0)
    journal.close()
    path.write_bytes(path.read_bytes() * 2)
    assert run(["offline", "export", "--journal", str(path), "-o", str(tmp_path / "o.koc")]) == 1
    assert "repeats line 1; taken once" in capsys.readouterr().err


def test_export_of_a_clean_journal_exits_0(tmp_path: Path, env: None) -> None:
    journal = Journal(tmp_path / "j.jsonl", "D")
    journal.append("checkin", "B1", at=T0)
    assert run(["offline", "export", "--journal", str(tmp_path / "j.jsonl"),
                "-o", str(tmp_path / "o.koc")]) == 0
    assert os.path.exists(tmp_path / "o.koc")
