"""Offline mode in the real main window on PostgreSQL: the server is stopped for real
(``pg_ctl -m immediate``, only on a server this test run started itself, as in
tests/integration/test_outage_failover.py), a checkout at the checkout screen is journalled, the
server comes back, *Back online* replays the checkout exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desk.app import setup_appearance
from desk.circulation import Policy, open_library
from desk.circulation.offline.desk import check_database
from desk.circulation.offline.journal import read_journal
from desk.config import Config
from desk.models import Item, Loan, Patron
from desk.ui.context import DeskContext
from desk.ui.mainwindow import MainWindow
from desk.ui.message import MessageBridge
from desk.ui.offline_mode import OfflineMode
from desk.ui.slips import PreviewSlipSink
from desk.ui.tasks import TaskRunner
from tests.support import small_library
from tests.support.pg_server import PgServer, pg_server_or_skip
from tests.ui.conftest import scan

pytestmark = pytest.mark.slow


@pytest.fixture
def server() -> PgServer:
    return pg_server_or_skip()


@pytest.fixture
def pg_window(qtbot, qapp, pg_url: str, clock, tmp_path: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))
    library = open_library(pg_url, clock=clock, policy=Policy())
    desk = small_library.build(library)
    messages = MessageBridge()
    tasks = TaskRunner(messages)
    context = DeskContext(library=library, circulation=desk.main,
                          config=Config(path=tmp_path / "settings.toml"), messages=messages,
                          tasks=tasks, slips=PreviewSlipSink())
    setup_appearance(qapp)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    tasks.wait()
    library.close()


def test_postgres_stopped_at_the_counter(qtbot, pg_window, pg_url: str, server,
                                         tmp_path: Path) -> None:
    window, library = pg_window, pg_window.context.library
    mode = OfflineMode.install(window, url=pg_url, data_dir=tmp_path / "data", start=False)
    stopped = False
    try:
        mode.refresh()
        qtbot.waitUntil(lambda: mode.snapshot is not None, timeout=20000)
        checkout = window.screens["checkout"]
        scan(qtbot, checkout.scan_field, "P001")
        qtbot.waitUntil(lambda: checkout.panel.summary is not None, timeout=10000)
        qtbot.waitUntil(lambda: window.context.tasks.pending == 0)

        server.stop_immediately()
        stopped = True
        assert not check_database(pg_url)
        scan(qtbot, checkout.scan_field, "B001")
        qtbot.waitUntil(lambda: checkout.table.rowCount() == 1, timeout=20000)
        assert mode.offline and mode.toolbar.isVisible()
        [entry] = read_journal(mode.journal_file).entries
        assert (entry.patron, entry.item) == ("P001", "B001")
        assert window.context.slips.last.barcode == entry.slip_no

        server.start()
        stopped = False
        mode.watcher.check_now()
        assert mode.state == "reachable"
        qtbot.keyClick(window, Qt.Key.Key_O,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: window.context.tasks.pending == 0, timeout=20000)
        with library.sessions() as session:
            loans = session.execute(
                select(Patron.barcode, Item.barcode).join(Loan, Loan.patron_id == Patron.id)
                .join(Item, Loan.item_id == Item.id)).all()
        assert [tuple(row) for row in loans] == [("P001", "B001")]
    finally:
        if stopped:
            server.start()
        mode.stop()
