"""``python -m desk searches sweep``: a real subprocess on a real library file applies the
deadlines of searches and retrievals once, audited."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.models import AuditEvent, Item, PatronNotice, RetrievalRequest, SearchRequest
from tests.support.small_library import Desk

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("DESK_LANGUAGE", "en")


def sweep(url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "desk", "searches", "sweep", "--url", url],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


def test_sweep_in_a_subprocess(desk: Desk, sqlite_url: str, tmp_path: Path) -> None:
    # made on the test clock (November 2026): the real clock of the subprocess is later
    search_id = desk.main.request_search("P001", "B001", reply_by=date(2026, 11, 3))
    retrieval_id = desk.main.request_retrieval("P002", "W001")
    desk.main.retrieval_fetched("W001")
    done = sweep(sqlite_url, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "missing: B001" in done.stdout
    assert "back to the withdrawn area: W001" in done.stdout
    assert "1 search(es) ended unfound" in done.stdout and "Traceback" not in done.stderr
    with desk.library.sessions() as s:
        assert s.get(SearchRequest, search_id).status == "not_found"  # type: ignore[union-attr]
        assert s.get(RetrievalRequest, retrieval_id).status == "returned"  # type: ignore[union-attr]
        assert s.scalars(select(Item.status).where(Item.barcode == "B001")).one() == "missing"
        assert s.scalars(select(PatronNotice.kind).order_by(PatronNotice.id)).all() == [
            "retrieval_ready", "search_not_found"]
    again = sweep(sqlite_url, tmp_path)
    assert again.returncode == 0 and "0 search(es)" in again.stdout
    with desk.library.sessions() as s:
        events = s.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "requests_sweep").order_by(AuditEvent.id)).all()
    assert events == [{"missing": ["B001"], "returned": ["W001"]},
                      {"missing": [], "returned": []}]


def test_sweep_of_a_missing_file_is_refused(tmp_path: Path) -> None:
    done = sweep(f"sqlite:///{tmp_path / 'nothing.sqlite'}", tmp_path)
    assert done.returncode != 0 and "Traceback" not in done.stderr
