"""End to end: the real desk (``python -m desk``) on a real X server (Xvfb), signed in and
driven with ``xdotool`` typing barcodes the way a keyboard-wedge scanner does (a fast burst and
Enter); then the database is checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.circulation import open_library
from desk.circulation.queries import item_status, patron_summary
from tests.support import small_library

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed (see .ci/apt-packages.txt)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x900x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def xdotool(display: str, *args: str, check: bool = True) -> str:
    run = subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display),
                         capture_output=True, text=True, timeout=30)
    if check and run.returncode != 0:
        raise AssertionError(f"xdotool {args}: {run.stderr}")
    return run.stdout.strip()


def wait_for_window(display: str, name: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = xdotool(display, "search", "--onlyvisible", "--name", name, check=False)
        if found:
            return found.splitlines()[-1]
        time.sleep(0.2)
    raise AssertionError(f"no window named {name!r} within {timeout} s")


def wedge(display: str, code: str) -> None:
    """One scan: the characters 8 ms apart and Enter, in one burst."""
    xdotool(display, "type", "--delay", "8", code + "\n")


def wait_until(check, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    assert check()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_wedge_scans_on_the_real_app_reach_the_database(tmp_path, display):
    url = f"sqlite:///{tmp_path / 'library.sqlite'}"
    library = open_library(url)
    small_library.build(library)
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", DESK_DATABASE_URL=url,
               DESK_DESK="MAIN-1", DESK_LANGUAGE="en", DESK_DATA_DIR=str(tmp_path / "data"),
               DESK_CONFIG=str(tmp_path / "settings.toml"), DESK_SOUNDS="false")
    app = subprocess.Popen([sys.executable, "-m", "desk"], cwd=ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        signin = wait_for_window(display, "Sign in")
        xdotool(display, "windowfocus", "--sync", signin)
        xdotool(display, "type", "--delay", "40", "clerk")
        xdotool(display, "key", "Tab")
        xdotool(display, "type", "--delay", "40", "clerk-pass")
        xdotool(display, "key", "Return")
        main = wait_for_window(display, "Circulation Desk — MAIN-1")
        xdotool(display, "windowfocus", "--sync", main)
        time.sleep(0.5)
        wedge(display, "P001")
        time.sleep(0.8)
        wedge(display, "B001")
        wedge(display, "B002")
        wait_until(lambda: [loan.item_barcode for loan in patron_summary(library, "P001").loans]
                   == ["B001", "B002"])
        xdotool(display, "key", "F12")                 # Done: slip, next patron
        xdotool(display, "key", "F2")                  # Checkin
        time.sleep(0.5)
        wedge(display, "B001")
        wait_until(lambda: item_status(library, "B001").status == "available")
        assert item_status(library, "B002").status == "on_loan"
        # a person typing slowly in the checkin field is not a scan until Enter
        xdotool(display, "type", "--delay", "150", "B002")
        time.sleep(0.5)
        assert item_status(library, "B002").status == "on_loan"
        xdotool(display, "key", "Return")
        wait_until(lambda: item_status(library, "B002").status == "available")
        xdotool(display, "key", "ctrl+q")
        assert app.wait(timeout=30) == 0
    finally:
        if app.poll() is None:
            app.kill()
        output = app.communicate()[0]
        library.close()
    assert "Traceback" not in output, output
