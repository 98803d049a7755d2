"""The benchmark scripts still work: generate a tiny library and measure a few operations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from desk.models import Hold, Item, Loan, Patron

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / name), *args],
                          capture_output=True, text=True, timeout=240, cwd=ROOT)


def test_generate_then_run_a_tiny_library(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bench.sqlite'}"
    made = _script("generate.py", "--url", url, "--size", "tiny")
    assert made.returncode == 0, made.stderr
    engine = create_engine(url)
    with engine.connect() as connection:
        count = lambda query: connection.scalar(query)  # noqa: E731
        assert count(select(func.count()).select_from(Item)) == 2000
        assert count(select(func.count()).select_from(Patron)) == 400
        assert count(select(func.count()).select_from(Loan).where(Loan.returned_at.is_(None))) == 600
        assert count(select(func.count()).select_from(Loan)) == 600 + 600 + 100
        assert count(select(func.count()).select_from(Hold)) == 40
        # Every on_loan item has its open loan, and the heavy patron its 100 loans.
        assert count(select(func.count()).select_from(Item).where(Item.status == "on_loan")) == 600
        heavy = count(select(func.count()).select_from(Loan).join(Patron, Loan.patron_id == Patron.id)
                      .where(Patron.category == "project", Loan.returned_at.is_(None)))
        assert heavy == 100
        history = count(select(func.count()).select_from(Loan).join(Patron, Loan.patron_id == Patron.id)
                        .where(Patron.email.like("history%"), Loan.returned_at.is_not(None)))
        assert history == 100
    engine.dispose()

    out = tmp_path / "result.json"
    ran = _script("run.py", "--url", url, "--size", "tiny", "--ops", "30", "--out", str(out))
    assert ran.returncode == 0, ran.stderr
    result = json.loads(out.read_text())
    for name in ("checkout", "checkout_500", "checkout_history", "renew", "renew_500", "checkin",
                 "checkin_new"):
        figures = result["operations"][name]
        assert figures["n"] == 30, (name, figures)
        assert figures["refused"] == {}, (name, figures)
        assert 0 < figures["median_ms"] <= figures["p95_ms"] <= figures["p99_ms"]
    assert result["database_size"]["file_bytes"] > 0
    assert "| checkout |" in out.with_suffix(".md").read_text()

    searched = tmp_path / "search.json"
    ran = _script("search.py", "--url", url, "--n", "10", "--out", str(searched))
    assert ran.returncode == 0, ran.stderr
    queries = json.loads(searched.read_text())["queries"]
    assert queries["patrons"]["card, scanned whole"]["mean_rows"] == 1    # each card found
    assert queries["items"]["item barcode, scanned whole"]["mean_rows"] == 1
    assert queries["patrons"]["no match"]["mean_rows"] == 0
    assert queries["items"]["title prefix (Chinese)"]["mean_rows"] > 0
    for screen in queries.values():
        for figures in screen.values():
            assert figures["n"] == 10 and 0 < figures["median_ms"] <= figures["p95_ms"]


def test_floor_measures_the_api_beside_raw_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'floor.sqlite'}"
    out = tmp_path / "floor.json"
    ran = _script("floor.py", "--url", url, "--size", "tiny", "--ops", "30", "--out", str(out))
    assert ran.returncode == 0, ran.stderr
    result = json.loads(out.read_text())["sqlite"]
    for name in ("checkout", "checkin", "checkin_new"):
        figures = result[name]
        for side in ("api", "raw"):
            assert figures[side]["n"] == 30 and figures[side]["refused"] == 0, (name, figures)
            assert 0 < figures[side]["median_ms"] <= figures[side]["p95_ms"]
            assert figures[side]["statements_median"] > 0
        assert figures["ratio_median"] > 0 and figures["ratio_p95"] > 0
    assert result["statements_seen"]["checkout"][0].startswith("BEGIN")
    assert "| checkout |" in out.with_suffix(".md").read_text()


def test_floor_proxy_forwards_to_a_unix_socket(tmp_path: Path) -> None:
    """The latency proxy of floor.py carries bytes both ways and adds its delay."""
    import socket
    import threading
    import time

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import latency_proxy

    path = str(tmp_path / "echo.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)

    def echo() -> None:
        connection, _ = server.accept()
        while data := connection.recv(1024):
            connection.sendall(data)
        connection.close()

    threading.Thread(target=echo, daemon=True).start()
    proxy = latency_proxy.LatencyProxy(path, delay=0.01)
    try:
        with socket.create_connection(("127.0.0.1", proxy.port)) as client:
            started = time.perf_counter()
            client.sendall(b"ping")
            assert client.recv(1024) == b"ping"
            assert time.perf_counter() - started >= 0.02   # 10 ms each way
    finally:
        proxy.close()
        server.close()


def test_file_memory_on_tiny_files(tmp_path: Path) -> None:
    out = tmp_path / "files.json"
    done = _script("file_memory.py", "--koc-mb", "0.05", "--csv-mb", "0.05",
                   "--long-line-mb", "0.01", "--work", str(tmp_path / "work"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text())
    assert figures["csv"]["exit"] == 0 and figures["csv"]["peak_mb"] > 0
    assert figures["koc"]["exit"] == 1              # every line of that file is a bad line


def test_purge_benchmark_on_a_tiny_library(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'purge.sqlite'}"
    out = tmp_path / "purge.json"
    ran = _script("purge.py", "--url", url, "--size", "tiny", "--out", str(out))
    assert ran.returncode == 0, ran.stderr
    figures = json.loads(out.read_text())
    assert figures["money_identical"] is True and figures["returned"] == 700
    assert 0 < figures["anonymised"] < figures["returned"] and figures["purge_s"] > 0
def test_the_boundary_table_runs_and_finds_nothing(tmp_path: Path) -> None:
    """benchmarks/boundaries.py on SQLite with 2 inputs per boundary: every boundary has its
    row, every row has been tried, and neither a raw exception nor a wrong acceptance."""
    out = tmp_path / "boundaries"
    ran = _script("boundaries.py", "--examples", "2", "--no-pg", "--out", str(out))
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    rows = json.loads(out.with_suffix(".json").read_text())["boundaries"]
    assert {row["boundary"] for row in rows} >= {
        "desk API (every Circulation method)", "setup API (Library.add_*, set_rule, ...)",
        "desk API: cards, approvals, requests (issues 15-18)",
        "sign-in, staff and terminal administration", ".koc files (offline import)",
        "sip2 add-terminal (subprocess)",
        "CSV imports (import patrons, items)", "audit log (tamper, then audit verify)",
        "settings files", "DESK_* variables", "database URLs (--url)",
        "offline journal (offline export)"}
    assert all(row["tried"] > 0 and row["raw"] == row["wrong"] == 0 for row in rows), rows
    assert "| **all** |" in out.with_suffix(".md").read_text()
def test_the_notices_benchmark_sends_a_few(tmp_path: Path) -> None:
    out = tmp_path / "notices.json"
    ran = _script("notices_send.py", "--url", f"sqlite:///{tmp_path / 'notices.sqlite'}",
                  "--notices", "30", "--out", str(out))
    assert ran.returncode == 0, ran.stderr
    result = json.loads(out.read_text())
    assert result["received"] >= 30 and result["distinct_message_ids"] == result["received"]
    assert set(result["states"]) == {"sent"}
