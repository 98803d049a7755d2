"""The semester sync, ``import patrons FILE.csv --update`` (issue 15): updates by barcode, adds
new patrons, never deletes, reports each change (formula-safe CSV), is idempotent, refuses a bad
file whole, audits every change, and ``--check`` writes nothing. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.circulation import Library
from desk.cli import run
from desk.importer.update import SyncFailed, sync_patrons
from desk.models import AuditEvent, Patron
from desk.models.audit_chain import check_chain
from tests.unit.importer.conftest import patron_code

A, B, C, D = (patron_code(n) for n in (1, 2, 3, 4))


@pytest.fixture
def synced(ref_library: Library) -> Library:
    """Three patrons, as last term's import left them."""
    ref_library.add_patron(A, "陳小明", "student", expires=date(2026, 1, 31), email="a@x.tw",
                           phone="02-1111", message="eligible for carrel")
    ref_library.add_patron(B, "王大同", "student", expires=date(2026, 1, 31))
    ref_library.add_patron(C, "Prof. Lee", "faculty", department="History")
    return ref_library


def _patron(library: Library, barcode: str) -> Patron:
    with library.read_sessions() as session:
        patron = session.scalars(select(Patron).where(Patron.barcode == barcode)).one()
        session.expunge(patron)
        return patron


def _count(library: Library, model: type, *where: object) -> int:
    with library.read_sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


TERM = (f"barcode,name,category,expires,email,phone,home_location,message\n"
        f"{A},陳小明,student,2026-07-31,a@x.tw,,MAIN,\n"          # expiry extended, home set
        f"{B},王大同,faculty,2026-07-31,,,,\n"                    # category and expiry
        f"{D},=HYPERLINK(\"x\"),student,2026-07-31,d@x.tw,0912,,new student\n")   # added


def test_updates_adds_reports_audits_and_deletes_nobody(synced: Library, write_csv,
                                                        tmp_path: Path) -> None:
    changes = []
    result = sync_patrons(synced, write_csv(TERM, "term.csv"), report=changes.append)
    assert (result.updated, result.added, result.unchanged) == (2, 1, 0)
    a, b, d = (_patron(synced, code) for code in (A, B, D))
    assert a.expires_on == date(2026, 7, 31) and a.home_location_id is not None
    assert a.phone == "02-1111"                   # an empty cell erases nothing
    assert a.message == "eligible for carrel"     # staff notes are not a sync's
    assert (b.category, b.expires_on) == ("faculty", date(2026, 7, 31))
    assert (d.name, d.message, d.category) == ('=HYPERLINK("x")', "new student", "student")
    assert _patron(synced, C).department == "History"       # not in the file: untouched
    assert _count(synced, Patron) == 4
    assert [(c.barcode, c.change) for c in changes] == [(A, "updated"), (B, "updated"),
                                                        (D, "added")]
    assert changes[0].fields == {"expires": ("2026-01-31", "2026-07-31"),
                                 "home_location": (None, "MAIN")}
    with synced.read_sessions() as session:
        rows = list(session.scalars(select(AuditEvent).where(
            AuditEvent.action.like("sync_patron_%")).order_by(AuditEvent.id)))
        summary = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "import_patrons_update")).one()
        assert check_chain(session.connection()).broken is None
    assert [(r.action, r.patron_barcode) for r in rows] == [
        ("sync_patron_updated", A), ("sync_patron_updated", B), ("sync_patron_added", D)]
    assert rows[1].detail["before"] == {"category": "student", "expires": "2026-01-31"}
    assert rows[1].detail["after"] == {"category": "faculty", "expires": "2026-07-31"}
    assert summary.detail == {"source": "term.csv", "updated": 2, "added": 1, "unchanged": 0}
    assert summary.id == result.audit_id


def test_a_second_run_changes_nothing_and_writes_nothing(synced: Library, write_csv) -> None:
    path = write_csv(TERM)
    sync_patrons(synced, path)
    audit_rows = _count(synced, AuditEvent)
    again = sync_patrons(synced, path)
    assert (again.updated, again.added, again.unchanged, again.audit_id) == (0, 0, 3, None)
    assert _count(synced, AuditEvent) == audit_rows


def test_check_counts_and_writes_nothing(synced: Library, write_csv) -> None:
    before = _count(synced, AuditEvent)
    result = sync_patrons(synced, write_csv(TERM), check_only=True)
    assert (result.updated, result.added, result.checked_only) == (2, 1, True)
    assert _count(synced, Patron) == 3 and _count(synced, AuditEvent) == before
    assert _patron(synced, A).expires_on == date(2026, 1, 31)


@pytest.mark.parametrize("content, line, reason", [
    (f"barcode,expires\n{A},2026-07-31\n{D},2026-07-31\n", 3, "must give its name and category"),
    (f"barcode,expires\n{A},2026-02-30\n", 2, "no such day"),
    (f"barcode,category\n{A},teacher\n", 2, "unknown category 'teacher'"),
    (f"barcode,email\n{A},not-an-address\n", 2, "bad e-mail address"),
    (f"barcode,expires\n{A},2026-07-31\n{A},2026-08-31\n", 3, "is also on line 2"),
    (f"barcode,expires\n{A[:-1]}0,2026-07-31\n" if A[-1] != "0" else
     f"barcode,expires\n{A[:-1]}1,2026-07-31\n", 2, "check digit"),
    ("name,expires\nAnn,2026-07-31\n", 1, "missing column(s) barcode"),
])
def test_a_bad_line_refuses_the_whole_file(synced: Library, write_csv, content: str,
                                           line: int, reason: str) -> None:
    path = write_csv(content)
    with pytest.raises(SyncFailed) as failed:
        sync_patrons(synced, path)
    assert any(e.line == line and reason in e.message for e in failed.value.errors), \
        failed.value.errors
    assert _patron(synced, A).expires_on == date(2026, 1, 31) and _count(synced, Patron) == 3


def test_the_command_line_reports_to_a_safe_csv(synced: Library, write_csv, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    url = synced.engine.url.render_as_string(hide_password=False)
    path, report = write_csv(TERM, "term.csv"), tmp_path / "changes.csv"
    assert run(["import", "patrons", str(path), "--update", "--check", "--url", url]) == 0
    assert "2 patron(s) would be updated, 1 added" in capsys.readouterr().out
    assert run(["import", "patrons", str(path), "--update", "--report", str(report),
                "--url", url]) == 0
    out = capsys.readouterr().out
    assert "2 patron(s) updated, 1 added, 0 unchanged; none deleted" in out
    with open(report, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["line", "barcode", "change", "field", "before", "after"]
    assert rows[1:3] == [["2", A, "updated", "expires", "2026-01-31", "2026-07-31"],
                         ["2", A, "updated", "home_location", "", "MAIN"]]
    assert ["4", D, "added", "name", "", "'=HYPERLINK(\"x\")"] in rows     # formula-safe
    monkeypatch.setenv("DESK_LANGUAGE", "zh_TW")
    assert run(["import", "patrons", str(path), "--update", "--url", url]) == 0
    assert "沒有任何變更" in capsys.readouterr().out
    bad = write_csv(f"barcode,expires\n{D},2026-13-01\n", "bad.csv")
    assert run(["import", "patrons", str(bad), "--update", "--report", str(report),
                "--url", url]) == 1
    assert "未匯入任何資料" in capsys.readouterr().err
    assert run(["import", "patrons", str(path), "--check", "--url", url]) == 1   # plain import
    assert "圖書館中已有條碼為" in capsys.readouterr().err            # the plain import too
    fresh = write_csv(f"barcode,name,category\n{patron_code(9)},Ann,student\n", "fresh.csv")
    assert run(["import", "patrons", str(fresh), "--check", "--url", url]) == 0
    assert "已檢查 1 筆讀者；沒有寫入任何資料" in capsys.readouterr().out
    assert _count(synced, Patron) == 4
    assert run(["import", "items", str(path), "--update", "--url", url]) == 2
    assert run(["import", "patrons", str(path), "--report", str(report), "--url", url]) == 2


CELL = st.sampled_from([A, B, D, "", "x", "student", "faculty", "teacher", "2026-07-31",
                        "2026-02-30", "a@b.tw", "@@", "MAIN", "=1+1", " ", "陳"])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.permutations(["barcode", "name", "category", "expires", "email",
                               "home_location"]).map(lambda names: ["barcode", *names[1:4]]
                                                     if "barcode" not in names[:4] else
                                                     names[:4]),
       rows=st.lists(st.lists(CELL, min_size=4, max_size=4), min_size=1, max_size=4))
def test_fuzz_a_sync_is_whole_or_refused_whole(synced: Library, write_csv, header: list[str],
                                               rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    path = write_csv(buffer.getvalue(), name="fuzz.csv")
    before = _snapshot(synced)
    try:
        result = sync_patrons(synced, path)
    except SyncFailed as failed:
        assert failed.errors and all(str(error) for error in failed.errors)
        assert _snapshot(synced) == before
    else:
        after = _snapshot(synced)
        assert set(before) <= set(after)                          # nobody deleted
        assert len(after) == len(before) + result.added
        assert result.changed == 0 or sync_patrons(synced, path).changed == 0   # idempotent


def _snapshot(library: Library) -> dict[str, tuple[object, ...]]:
    with library.read_sessions() as session:
        return {p.barcode: (p.name, p.category, p.expires_on, p.email, p.home_location_id)
                for p in session.scalars(select(Patron))}
