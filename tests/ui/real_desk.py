"""The real desk (``python -m desk``) on a real X server (Xvfb), for the end-to-end tests: the
``display`` fixture, the desk started on a database and signed in as the clerk, and ``xdotool``
typing barcodes the way a keyboard-wedge scanner does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

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


def start_desk(display: str, url: str, data_dir: Path, config: Path) -> subprocess.Popen[str]:
    """``python -m desk`` at MAIN-1 in English without sounds, its output kept for the test."""
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", DESK_DATABASE_URL=url,
               DESK_DESK="MAIN-1", DESK_LANGUAGE="en", DESK_DATA_DIR=str(data_dir),
               DESK_CONFIG=str(config), DESK_SOUNDS="false")
    return subprocess.Popen([sys.executable, "-m", "desk"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def quit_desk(display: str, app: subprocess.Popen[str]) -> None:
    """Ctrl+Q to the focused desk window, which asks first; Alt+Q (*Quit*) answers it: the
    desk must exit cleanly."""
    xdotool(display, "key", "ctrl+q")
    wait_for_window(display, "^Quit$")
    time.sleep(0.3)                      # the question has the focus
    xdotool(display, "key", "alt+q")
    assert app.wait(timeout=30) == 0


def stopped_output(app: subprocess.Popen[str]) -> str:
    """Everything the desk printed, once it has stopped (killed if it still runs)."""
    if app.poll() is None:
        app.kill()
    return app.communicate()[0]


def sign_in_as_clerk(display: str) -> str:
    """Type the small library's clerk into the sign-in dialog; the main window's id."""
    signin = wait_for_window(display, "Sign in")
    xdotool(display, "windowfocus", "--sync", signin)
    xdotool(display, "type", "--delay", "40", "clerk")
    xdotool(display, "key", "Tab")
    xdotool(display, "type", "--delay", "40", "clerk-pass")
    xdotool(display, "key", "Return")
    main = wait_for_window(display, "Circulation Desk — MAIN-1")
    xdotool(display, "windowfocus", "--sync", main)
    return main
