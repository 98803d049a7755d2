"""No POSIX-only import in desk/ outside the simulators' pseudo-terminal transport.

The counter's PC runs Windows, whose Python has no ``fcntl``, ``termios``, ``tty``... These
tests run the desk under tests/support/windows_guard.py, which refuses those modules to desk's
own code (not to third-party packages, not to the simulators' pseudo-terminal transport
``desk.devices.sim.pty_port``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUPPORT = ROOT / "tests" / "support"
sys.path.insert(0, str(SUPPORT))
import windows_guard  # noqa: E402

sys.path.remove(str(SUPPORT))

TOLERATED = windows_guard.TOLERATED
refusals = windows_guard.refusals


def guarded_env(tmp_path: Path) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(SUPPORT / "windows_guard_site"),
                                         os.environ.get("PYTHONPATH")]))
    return dict(os.environ, PYTHONPATH=path, QT_QPA_PLATFORM="offscreen",
                DESK_DATA_DIR=str(tmp_path / "data"), DESK_CONFIG=str(tmp_path / "settings.toml"))


def run_guarded(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=guarded_env(tmp_path),
                          capture_output=True, text=True, timeout=180)


def test_the_self_test_passes_without_posix_only_modules(tmp_path):
    run = run_guarded(tmp_path, "-m", "desk", "--self-test")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "self-test ok" in run.stdout
    assert refusals(run.stderr) <= TOLERATED, run.stderr


def test_every_desk_module_imports_without_posix_only_modules(tmp_path):
    script = (
        "import pkgutil, desk\n"
        "for info in pkgutil.walk_packages(desk.__path__, 'desk.'):\n"
        "    # the simulators' pty transport may; alembic's env runs only under alembic\n"
        "    if not info.name.startswith(('desk.devices.sim.pty_port', 'desk.models.migrations')):\n"
        "        __import__(info.name)\n"
        "print('imported')\n")
    run = run_guarded(tmp_path, "-c", script)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "imported" in run.stdout
    assert refusals(run.stderr) <= TOLERATED, run.stderr


def test_the_guard_refuses_a_desk_module_importing_fcntl(tmp_path):
    package = tmp_path / "fake" / "desk"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "posixy.py").write_text("import fcntl\n")
    (package / "tolerant.py").write_text(
        "try:\n    import termios\nexcept ImportError:\n    termios = None\n"
        "assert termios is None\n")
    env = guarded_env(tmp_path)
    env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], str(tmp_path / "fake")])
    refused = subprocess.run([sys.executable, "-c", "import desk.posixy"], cwd=tmp_path,
                             env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert "ForbiddenImport" in refused.stderr
    assert "windows-guard: refused desk.posixy -> fcntl" in refused.stderr
    tolerant = subprocess.run([sys.executable, "-c", "import desk.tolerant"], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=60)
    assert tolerant.returncode == 0, tolerant.stderr


def test_the_ci_wrapper_fails_on_a_refusal_the_command_swallowed(tmp_path):
    """scripts/run-tests.sh runs the self-test through windows_guard.py: a refused import caught
    by the desk (here turned into a working fallback) still fails CI, a tolerated one does not."""
    package = tmp_path / "fake" / "desk"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "swallows.py").write_text(
        "try:\n    import fcntl\nexcept ImportError:\n    fcntl = None\nprint('ran')\n")
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "fake"))
    wrapper = [sys.executable, str(SUPPORT / "windows_guard.py"), sys.executable, "-c"]
    swallowed = subprocess.run([*wrapper, "import desk.swallows"], cwd=tmp_path, env=env,
                               capture_output=True, text=True, timeout=60)
    assert swallowed.returncode == 1
    assert "windows guard: refused desk.swallows -> fcntl" in swallowed.stderr
    fine = subprocess.run([*wrapper, "import desk.devices.port_errors"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert fine.returncode == 0, fine.stderr
    assert refusals(fine.stderr) == TOLERATED
    failing = subprocess.run([*wrapper, "raise SystemExit(3)"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=60)
    assert failing.returncode == 3


@pytest.mark.parametrize(("importer", "name", "refused"), [
    ("desk.circulation.offline.journal", "fcntl", True),
    ("desk.devices.port_errors", "termios", True),
    ("desk", "pwd", True),
    ("desk.ui.sounds", "resource.sub", True),
    ("desk.devices.sim.pty_port", "tty", False),
    ("desk.devices.sim", "pty", True),
    ("desk.devices.sim.tcp_port", "termios", True),
    ("desk.devices.sim.pty_port.x", "tty", False),
    ("serial.serialposix", "termios", False),
    ("desktop.thing", "fcntl", False),
    ("desk.circulation.offline.journal", "os", False),
    ("desk.circulation.offline", "fcntl", True),
    ("desk.circulation.offline.file_lock", "fcntl", False),
    ("desk.circulation.offline.file_locking", "fcntl", True),
    (None, "fcntl", False),
])
def test_the_guards_decision(importer, name, refused):
    assert windows_guard.refuses(importer, name) is refused


def test_relative_imports_are_not_judged():
    assert not windows_guard.refuses("desk.devices.port_errors", "termios", level=1)
