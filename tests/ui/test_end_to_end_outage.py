"""End to end, the outage: the real desk (``python -m desk``) under Xvfb, driven by wedge scans.
The library file's directory is moved away mid-session; the connection watcher notices, the desk
lends from the journal; the directory comes back, Ctrl+Shift+O goes back online and the replay
puts the loan in the database once."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from desk.circulation import open_library
from desk.circulation.offline.journal import read_journal
from desk.circulation.queries import patron_summary
from desk.ui.offline_mode import CHECK_INTERVAL_S
from tests.support import small_library
from tests.ui.real_desk import (display, quit_desk, sign_in_as_clerk, start_desk, stopped_output,
                                wait_until, wedge, xdotool)

__all__ = ["display"]                  # the Xvfb fixture


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_real_desk_works_through_an_outage(tmp_path: Path, display: str) -> None:
    home, away = tmp_path / "db", tmp_path / "moved-away"
    home.mkdir()
    url = f"sqlite:///{home / 'library.sqlite'}"
    library = open_library(url)
    small_library.build(library)
    library.close()
    data = tmp_path / "data"
    journal = data / "offline" / "journal-MAIN-1.jsonl"
    app = start_desk(display, url, data, tmp_path / "settings.toml")
    try:
        main = sign_in_as_clerk(display)
        wait_until(lambda: (data / "offline" / "snapshot.sqlite").exists())  # copy at sign-in
        wedge(display, "P001")
        time.sleep(0.8)

        os.rename(home, away)                            # the database goes away
        time.sleep(CHECK_INTERVAL_S + 3)                 # the watcher notices
        wedge(display, "B001")
        wait_until(lambda: [e.item for e in read_journal(journal).entries] == ["B001"])

        os.rename(away, home)                            # and comes back
        time.sleep(CHECK_INTERVAL_S + 3)
        xdotool(display, "windowfocus", "--sync", main)
        xdotool(display, "key", "ctrl+shift+o")          # Back online: the replay runs
        library = open_library(url)
        wait_until(lambda: [loan.item_barcode for loan in patron_summary(library, "P001").loans]
                   == ["B001"])
        quit_desk(display, app)
    finally:
        output = stopped_output(app)
        library.close()
    assert "Traceback" not in output, output
    assert "working offline" in output                   # the log says why
