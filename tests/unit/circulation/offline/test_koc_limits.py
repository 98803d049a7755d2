""".koc files at their edges (issue 13, finding 11): a date out of range is one bad line and the
good lines are still replayed; a 10 MB barcode is not echoed; long lines and big files are
refused by their limits; an empty file is reported; fuzzed lines never raise."""

from __future__ import annotations

import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.circulation.offline.apply import ReplayCirculation
from desk.circulation.offline.files import read_sources
from desk.circulation.offline.koc import MAX_LINE_BYTES, MAX_LISTED_PROBLEMS, parse_koc, read_koc
from desk.circulation.offline.replay import APPLIED, Replay
from desk.cli import run
from desk.models import Loan
from tests.support.boundary_inputs import koc_lines
from tests.support.clock import FakeClock
from tests.support.small_library import PASSWORDS, Desk
from tests.unit.circulation.offline.conftest import at
from tests.unit.circulation.offline.test_koc import HEADER

TZ = ZoneInfo("Asia/Taipei")


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DESK_STAFF_PASSWORD", PASSWORDS["clerk"])
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))


@pytest.mark.parametrize("stamp", ["0001-01-01 00:00:00 000", "9999-12-31 23:59:59 999",
                                   "1899-12-31 10:00:00 000"])
def test_a_date_out_of_range_is_one_bad_line_and_the_good_lines_are_replayed(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock, stamp: str) -> None:
    clock.now = at(2, 16)
    data = HEADER + (b"2026-11-02 10:00:00 000\tissue\tP001\tB001\n"
                     + f"{stamp}\treturn\tB001\n".encode()
                     + b"2026-11-02 10:05:00 000\tissue\tP002\tB002\n")
    koc = parse_koc(data, tz=TZ, desk="MAIN-1")
    assert [number for number, _ in koc.problems] == [3]
    assert "out of range" in koc.problems[0][1]
    replay = Replay(replay_desk, koc.entries)
    replay.run()
    assert [line.status for line in replay.lines] == [APPLIED, APPLIED]


def test_a_huge_barcode_is_not_echoed() -> None:
    barcode = b"3" * (10 * 1024 * 1024)
    data = HEADER + b"2026-11-02 10:00:00 000\tissue\tP001\t" + barcode + b"\n" \
        + b"2026-11-02 10:05:00 000\treturn\tB002\n"
    koc = parse_koc(data, tz=TZ)
    [(number, problem)] = koc.problems
    assert number == 2 and "too long" in problem and len(problem) < 200
    assert [entry.item for entry in koc.entries] == ["B002"]


def test_long_values_in_messages_are_cut_short() -> None:
    data = HEADER + b"2026-11-02 10:00:00 000\t" + b"x" * 3000 + b"\tB001\n"
    [(_, problem)] = parse_koc(data, tz=TZ).problems
    assert "unknown action" in problem and len(problem) < 200


def test_lines_are_read_from_a_stream_one_at_a_time() -> None:
    lines = b"".join(f"2026-11-02 10:{n % 60:02d}:00 {n % 1000:03d}\treturn\tB{n}\n".encode()
                     for n in range(2000))
    koc = read_koc(io.BytesIO(HEADER + lines), tz=TZ)
    assert len(koc.entries) == 2000 and not koc.problems


def test_a_file_full_of_bad_lines_lists_the_first_ones_and_counts_the_rest() -> None:
    data = HEADER + b"junk\n" * (MAX_LISTED_PROBLEMS + 50)
    koc = parse_koc(data, tz=TZ)
    assert len(koc.problems) == MAX_LISTED_PROBLEMS + 1
    assert koc.bad_line_count == MAX_LISTED_PROBLEMS + 50
    assert "50 more bad lines" in koc.problems[-1][1]


@pytest.mark.parametrize("content", [b"", HEADER, b"\n\n"])
def test_an_empty_file_is_reported(desk: Desk, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.koc"
    path.write_bytes(content)
    sources = read_sources([path], desk.library, desk="MAIN-1")
    assert sources.entries == []
    assert any("nothing to replay" in problem for _, _, problem in sources.problems)


def test_the_command_line_exits_1_on_an_empty_file(desk: Desk, sqlite_url: str, tmp_path: Path,
                                                   env: None, capsys) -> None:
    path = tmp_path / "empty.koc"
    path.write_bytes(HEADER)
    assert run(["--desk", "MAIN-1", "offline", "import", str(path), "--url", sqlite_url,
                "--staff", "clerk"]) == 1
    assert "nothing to replay" in capsys.readouterr().out


def test_a_file_over_the_size_limit_is_refused_before_reading(
        desk: Desk, sqlite_url: str, tmp_path: Path, env: None, capsys) -> None:
    (tmp_path / "settings.toml").write_text("koc_max_bytes = 2048\n")
    path = tmp_path / "big.koc"
    path.write_bytes(HEADER + b"2026-11-02 10:00:00 000\treturn\tB001\n" * 100)
    assert run(["--desk", "MAIN-1", "offline", "import", str(path), "--url", sqlite_url,
                "--staff", "clerk"]) == 1
    out = capsys.readouterr().out
    assert "more than the 2,048 bytes" in out and "koc_max_bytes" in out
    with desk.library.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Loan).where(
            Loan.returned_at.is_not(None))) == 0


def test_the_line_limit_is_a_limit() -> None:
    line = b"2026-11-02 10:00:00 000\treturn\t"
    fits = line + b"B" * (MAX_LINE_BYTES - len(line)) + b"\n"
    koc = parse_koc(HEADER + fits, tz=TZ)
    assert not any("too long" in problem for _, problem in koc.problems)
    koc = parse_koc(HEADER + fits[:-1] + b"B\n", tz=TZ)
    assert "too long" in koc.problems[0][1]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(lines=st.lists(koc_lines, max_size=6))
def test_fuzz_lines_are_read_or_reported_never_raised(desk: Desk, replay_desk: ReplayCirculation,
                                                      clock: FakeClock,
                                                      lines: list[bytes]) -> None:
    clock.now = at(2, 16)
    data = HEADER + b"\n".join(lines) + b"\n"
    koc = parse_koc(data, tz=TZ, desk="MAIN-1")
    numbers = {number for number, _ in koc.problems} | set(koc.line_of.values())
    assert numbers <= set(range(1, data.count(b"\n") + 2))
    for entry in koc.entries:   # every entry read is one the replay can take
        assert 1970 <= entry.at.year <= 2999
    Replay(replay_desk, koc.entries).run()
