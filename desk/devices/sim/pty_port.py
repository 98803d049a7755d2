"""A pseudo-terminal pair standing in for a serial cable, with a stable path and unplugging.

The simulator keeps the master end; the desk opens the slave end as its serial port. With a
``link`` path the port keeps one name across ``unplug()``/``replug()`` (like ``socat``'s
``link=``), so a desk configured with that path reconnects by itself, as with a USB scanner
pulled out and plugged back in.
"""

from __future__ import annotations

import errno
import os
import select
import tty
from pathlib import Path


class PtyPort:
    """The simulator's end of a pseudo-terminal pair."""

    def __init__(self, link: str | Path | None = None) -> None:
        self.link = Path(link) if link is not None else None
        self._master: int | None = None
        self._slave: int | None = None
        self._slave_name = ""
        self.replug()

    @property
    def path(self) -> str:
        """The path the desk should open: the link when there is one, else the slave device."""
        return str(self.link) if self.link is not None else self._slave_name

    @property
    def plugged(self) -> bool:
        return self._master is not None

    def replug(self) -> None:
        """Open a fresh pair (after ``unplug``) and point the link at it."""
        if self._master is not None:
            return
        master, slave = os.openpty()
        tty.setraw(slave)
        self._master, self._slave = master, slave
        self._slave_name = os.ttyname(slave)
        if self.link is not None:
            temporary = self.link.with_name(self.link.name + ".new")
            if temporary.is_symlink() or temporary.exists():
                temporary.unlink()
            temporary.symlink_to(self._slave_name)
            os.replace(temporary, self.link)

    def unplug(self) -> None:
        """Close both ends and remove the link: the desk's next read fails as on a USB unplug."""
        for fd in (self._master, self._slave):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._master = self._slave = None
        if self.link is not None and self.link.is_symlink():
            self.link.unlink()

    close = unplug

    def write(self, data: bytes) -> None:
        if self._master is None:
            raise OSError(errno.ENODEV, "pseudo-terminal is unplugged")
        view = memoryview(data)
        while view:
            written = os.write(self._master, view)
            view = view[written:]

    def read(self, timeout: float) -> bytes:
        """What the desk wrote, waiting up to ``timeout`` seconds; ``b""`` if nothing came."""
        master = self._master
        if master is None:
            return b""
        try:
            ready, _, _ = select.select([master], [], [], timeout)
            if not ready:
                return b""
            return os.read(master, 4096)
        except (OSError, ValueError):
            return b""
