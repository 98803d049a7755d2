"""Start-up: the desk is ready for its first scan without loading what the first screen does not
use (printer drivers, PDF and label libraries, migrations, the other screens); those load when
first used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desk.circulation import open_library
from desk.ui.screen import Screen
from desk.ui.screen_set import ScreenSet

ROOT = Path(__file__).resolve().parents[2]

# What the desk loads only when it is used (each of the first three costs 0.1-0.2 s at start).
NOT_AT_START = ("escpos", "reportlab", "alembic", "mako", "yaml", "PIL", "barcode", "pypdf",
                "desk.devices.printer.escpos_printer", "desk.devices.printer.pdf",
                "desk.devices.labels", "desk.receipts.settlement_pdf", "desk.ui.settings_dialog")

START = """
import json, os, sys
from PySide6.QtWidgets import QApplication
from desk.app import build_context, build_window, setup_appearance
from desk.circulation import open_library
from desk.config import Config
app = QApplication(["circulation-desk"])
config = Config.load()
setup_appearance(app)
library = open_library(sys.argv[1])
context = build_context(library, config)
context.circulation = library.circulation("MAIN-1", library.sign_in("clerk", "counter-secret"))
window = build_window(context)
window.show()
window.set_mode("checkout")
app.processEvents()
print(json.dumps({"modules": sorted(sys.modules), "built": sorted(window.screens.built()),
                  "offered": sorted(window.screens)}))
sys.stdout.flush()
os._exit(0)
"""


def test_ready_for_the_first_scan_without_loading_what_it_does_not_use(tmp_path):
    url = f"sqlite:///{tmp_path / 'library.sqlite'}"
    library = open_library(url)
    library.add_location("MAIN", "Main library")
    library.add_desk("MAIN-1", "MAIN")
    library.add_staff("admin", "Admin", "admin", "admin-secret")
    library.add_staff("clerk", "Clerk", "staff", "counter-secret",
                      by=library.sign_in("admin", "admin-secret"))
    library.close()
    env = dict(os.environ, DESK_DATA_DIR=str(tmp_path / "data"),
               DESK_CONFIG=str(tmp_path / "settings.toml"), QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", START, url], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    started = json.loads(run.stdout.strip().splitlines()[-1])
    loaded = [name for name in started["modules"]
              if any(name == heavy or name.startswith(heavy + ".") for heavy in NOT_AT_START)]
    assert loaded == []
    assert started["built"] == ["checkout"]
    assert {"checkin", "renew", "patron_search", "settlement", "replay"} <= set(started["offered"])


def test_a_screen_is_built_when_first_shown(qtbot, window):
    assert set(window.screens.built()) == {"checkout"}
    assert set(window.actions_by_mode) == set(window.screens)     # every mode on the toolbar
    assert window.actions_by_mode["checkin"].text() == "Checkin"
    assert window.actions_by_mode["checkin"].iconText() == "F2 Checkin"       # the button
    qtbot.keyClick(window.active_screen, Qt.Key.Key_F2)
    assert window.active_screen is window.screens.built()["checkin"]
    assert window.active_screen.title == "Checkin"
    assert window.stack.indexOf(window.active_screen) >= 0
    assert set(window.screens.built()) == {"checkout", "checkin"}
    qtbot.keyClick(window.active_screen, Qt.Key.Key_F1)
    qtbot.keyClick(window.active_screen, Qt.Key.Key_F2)           # the same screen again
    assert window.active_screen is window.screens["checkin"]
    assert set(window.screens.built()) == {"checkout", "checkin"}


def test_a_screen_that_fails_to_build_is_not_taken_for_a_missing_mode():
    class Broken(Screen):
        mode_key = "broken"

    def make(_cls: type[Screen]) -> Screen:
        raise KeyError("a bug inside the screen")

    screens = ScreenSet(make)
    screens.offer(Broken)
    assert screens.get("nothing") is None and "broken" in screens and len(screens) == 1
    with pytest.raises(KeyError, match="a bug inside the screen"):
        screens.get("broken")
    assert screens.built() == {}
