"""The packaged app: PyInstaller builds build_installer.spec and the frozen desk passes its
self-test (opens a database, builds the main window offscreen); its command-line twin
(``circulation-desk-cli``, the console one on Windows) builds the demo library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_frozen_app_passes_its_self_test(tmp_path):
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is not installed: pip install pyinstaller (the test extra)")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(tmp_path / "dist"),
         "--workpath", str(tmp_path / "build"), str(ROOT / "build_installer.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stderr[-3000:]
    app_dir = tmp_path / "dist" / "circulation-desk"
    executable = app_dir / "circulation-desk"
    cli = app_dir / "circulation-desk-cli"      # with a console on Windows, for the commands
    assert executable.exists() and cli.exists()
    internal = app_dir / "_internal"
    assert (internal / "resources" / "translations" / "desk_zh_TW.qm").exists()
    assert (internal / "resources" / "sounds" / "error.wav").exists()
    assert (internal / "desk" / "models" / "migrations" / "env.py").exists()
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env.update(DESK_DATA_DIR=str(tmp_path / "data"), DESK_CONFIG=str(tmp_path / "s.toml"),
               PYTHONPATH="")
    run = subprocess.run([str(executable), "--self-test"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "self-test ok" in run.stdout
    for screen in ("checkout", "checkin"):
        assert screen in run.stdout
    assert (tmp_path / "data" / "library.sqlite").exists()
    # The frozen command line builds the demo library; the desk then opens it.
    demo = subprocess.run([str(cli), "demo", "--force", "--patrons", "60", "--items", "300"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "clerk" in demo.stdout
    run = subprocess.run([str(executable), "--self-test"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "MAIN-1" in run.stdout, run.stdout + run.stderr
