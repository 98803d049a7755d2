"""An import guard that plays the counter's Windows PC: desk's own code may not import a
POSIX-only module.

``install()`` wraps ``builtins.__import__`` (every ``import`` statement, however the module was
already loaded) and ``importlib.import_module``. It judges only imports made by desk's own
modules: the importing module is the ``__name__`` of the globals the import statement runs in,
or, for ``import_module``, of the calling frame. Third-party code (pyserial's
``serial.serialposix`` imports ``termios``) is not judged, nor is the simulators' pseudo-terminal
transport ``desk.devices.sim.pty_port`` (imported only when chosen; on Windows the simulators
serve TCP, which the guard does judge), nor a platform module that chooses its system's module
at run time (``ALLOWED_IMPORTERS``).

A refused import raises ``ForbiddenImport`` (an ``ImportError``, so ``try: import termios except
ImportError`` takes its Windows branch exactly as it would on Windows) and is recorded in
``REFUSED``; ``atexit`` prints every refusal to stderr so a caller sees them even when the
importing code swallowed the error.

Use it as ``sitecustomize``: put ``tests/support/windows_guard_site`` on ``PYTHONPATH``; or run
a command under it, failing on any refusal but the ``TOLERATED`` ones (what CI does with the
self-test, scripts/run-tests.sh)::

    python tests/support/windows_guard.py python -m desk --self-test
"""

from __future__ import annotations

import atexit
import builtins
import importlib
import os
import subprocess
import sys
from pathlib import Path
from collections.abc import Callable
from typing import Any

POSIX_ONLY = frozenset({"fcntl", "termios", "tty", "pty", "resource", "grp", "pwd"})
# The simulators' pseudo-terminal transport (POSIX only; on Windows they serve TCP instead), and
# the platform modules: each one's job is to pick msvcrt or fcntl at run time, and its Windows
# branch is tested with ``sys.platform`` patched (tests/unit/circulation/offline/test_file_lock.py).
ALLOWED_IMPORTERS = ("desk.devices.sim.pty_port", "desk.circulation.offline.file_lock")

REFUSED: list[tuple[str, str]] = []   # (importing module, refused module)

# Imports that ask for a POSIX module inside ``try: ... except ImportError`` and take a
# Windows branch without it: refused by the guard exactly as Windows refuses them, and fine.
TOLERATED = frozenset({"windows-guard: refused desk.devices.port_errors -> termios"})
SITE = Path(__file__).resolve().parent / "windows_guard_site"


class ForbiddenImport(ImportError):
    """A desk module imported a module the Windows build of Python does not have."""


def refuses(importer: str | None, name: str, level: int = 0) -> bool:
    """Whether ``importer`` (a module name) may not import ``name`` (absolute when level 0)."""
    if level or not importer or name.partition(".")[0] not in POSIX_ONLY:
        return False
    if importer != "desk" and not importer.startswith("desk."):
        return False
    return not any(importer == allowed or importer.startswith(allowed + ".")
                   for allowed in ALLOWED_IMPORTERS)


def _refuse(importer: str, name: str) -> None:
    REFUSED.append((importer, name))
    raise ForbiddenImport(f"{importer} imports {name!r}, which Windows does not have",
                          name=name)


def _report() -> None:
    for importer, name in REFUSED:
        print(f"windows-guard: refused {importer} -> {name}", file=sys.stderr)


def install() -> None:
    """Wrap the import machinery once; later calls do nothing."""
    if getattr(builtins.__import__, "_windows_guard", False):
        return
    original_import: Callable[..., Any] = builtins.__import__
    original_import_module = importlib.import_module

    def guarded_import(name: str, globals: dict[str, Any] | None = None,
                       locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
        importer = (globals if globals is not None else sys._getframe(1).f_globals).get(
            "__name__")
        if refuses(importer, name, level):
            _refuse(importer, name)
        return original_import(name, globals, locals, fromlist, level)

    def guarded_import_module(name: str, package: str | None = None) -> Any:
        importer = sys._getframe(1).f_globals.get("__name__")
        if refuses(importer, name):
            _refuse(importer, name)
        return original_import_module(name, package)

    guarded_import._windows_guard = True  # type: ignore[attr-defined]
    builtins.__import__ = guarded_import
    importlib.import_module = guarded_import_module
    atexit.register(_report)


def refusals(stderr: str) -> set[str]:
    """The guard's refusal lines in a guarded process's stderr."""
    return {line for line in stderr.splitlines() if line.startswith("windows-guard: refused")}


def guarded_environment(environ: dict[str, str] | None = None) -> dict[str, str]:
    """``environ`` (default: this process's) with the guard's ``sitecustomize`` first on the path."""
    environ = dict(os.environ if environ is None else environ)
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SITE), environ.get("PYTHONPATH")]))
    return environ


def main(argv: list[str]) -> int:
    """Run ``argv`` under the guard; its exit status, or 1 for a refusal not ``TOLERATED``."""
    if not argv:
        print("usage: windows_guard.py COMMAND [ARGUMENT...]", file=sys.stderr)
        return 2
    run = subprocess.run(argv, env=guarded_environment(), stderr=subprocess.PIPE, text=True)
    sys.stderr.write(run.stderr)
    unexpected = sorted(refusals(run.stderr) - TOLERATED)
    for line in unexpected:
        print(f"windows guard: {line.removeprefix('windows-guard: ')} (Windows has no such module)",
              file=sys.stderr)
    return run.returncode or (1 if unexpected else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
