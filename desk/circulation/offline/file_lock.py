"""An exclusive lock on an open file, across processes, on Windows and on POSIX.

The offline journal holds it while it appends a line, so two processes writing one journal file
never interleave their lines; and ``try_lock`` on the journal's ``.lock`` file, held as long as
the journal is open, makes one desk process its only writer (the lock goes with the process,
even when it is killed). The platform's module is imported here, chosen at run time:
``msvcrt.locking`` on Windows, ``fcntl.flock`` elsewhere; neither exists on the other system.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

# Open flags for a file written as bytes: Windows' C runtime opens in text mode unless told
# otherwise, and would write each "\n" of a journal line as "\r\n".
BINARY = getattr(os, "O_BINARY", 0)

if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        # msvcrt locks a byte range from the file position; every holder locks the first byte,
        # so the range is the same whatever the file's length. LK_LOCK gives up after ten
        # one-second tries with OSError: keep waiting, as flock does.
        while True:
            os.lseek(fd, 0, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def try_lock(fd: int) -> bool:
        """Take the exclusive lock on ``fd`` if no one holds it; ``False`` when someone does."""
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def try_lock(fd: int) -> bool:
        """Take the exclusive lock on ``fd`` if no one holds it; ``False`` when someone does."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


@contextmanager
def exclusive(fd: int) -> Iterator[None]:
    """Hold the exclusive lock on ``fd`` for the ``with`` block (waits for other holders)."""
    _lock(fd)
    try:
        yield
    finally:
        _unlock(fd)
