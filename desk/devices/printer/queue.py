"""The print queue: slips are written to disk before printing and removed only once printed.

Each waiting slip is one JSON file in ``<directory>/pending/`` (named by a sequence number, so
the order survives a restart), written atomically (temporary file, fsync, rename). A printer that
is offline, out of paper or has its cover open leaves the slips there; ``flush()`` tries again
(the hub calls it on a timer and when the printer comes back). The last printed slip is kept in
``<directory>/last-slip.json`` for *Reprint last slip*. A file that cannot be read is renamed
``*.unreadable`` and reported, never deleted.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desk.wording import devices as messages
from desk.wording import text as tr
from desk.devices.printer.base import PrinterError, ReceiptPrinter
from desk.devices.slips import Slip
from desk.durable import fsync_directory

log = logging.getLogger(__name__)
LAST_SLIP = "last-slip.json"


def write_atomically(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    fsync_directory(path.parent)


class PrintQueue:
    """Queue in front of ``printer``; ``on_change(pending_count, message)`` hears every change."""

    def __init__(self, printer: ReceiptPrinter, directory: str | Path,
                 on_change: Callable[[int, str], None] | None = None) -> None:
        self.printer = printer
        self.directory = Path(directory)
        self.pending_dir = self.directory / "pending"
        self.pending_dir.mkdir(parents=True, exist_ok=True)
        self.on_change = on_change
        self.last_error = ""
        self._lock = threading.RLock()

    def submit(self, slip: Slip) -> bool:
        """Keep ``slip`` on disk, then try to print everything waiting. True if it got printed."""
        with self._lock:
            path = self._store(slip)
            self.flush()
            return not path.exists()

    def flush(self) -> int:
        """Print waiting slips in order until one fails; returns how many were printed."""
        printed = 0
        with self._lock:
            for path in self._pending_paths():
                try:
                    slip = Slip.from_dict(json.loads(path.read_text(encoding="utf-8")))
                except (OSError, ValueError, KeyError, TypeError) as error:
                    log.error("unreadable queued slip %s: %s", path, error)
                    path.rename(path.with_suffix(".unreadable"))
                    continue
                try:
                    self.printer.print_slip(slip)
                except PrinterError as error:
                    self.last_error = error.message
                    log.warning("slip %s kept in the queue: %s", path.name, error.message)
                    break
                write_atomically(self.directory / LAST_SLIP, slip.to_dict())
                path.unlink()
                printed += 1
            else:
                self.last_error = ""
            self._changed()
        return printed

    def pending(self) -> list[Slip]:
        with self._lock:
            return [Slip.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in self._pending_paths()]

    @property
    def count(self) -> int:
        return len(self._pending_paths())

    @property
    def last_slip(self) -> Slip | None:
        path = self.directory / LAST_SLIP
        try:
            return Slip.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None

    def reprint_last(self) -> bool:
        """Queue the last printed slip again (F9); PrinterError if nothing was ever printed."""
        slip = self.last_slip
        if slip is None:
            raise PrinterError(tr(messages.PRINTER_NOTHING_TO_REPRINT))
        return self.submit(slip)

    def message(self) -> str:
        """The warning to show while slips wait ("" when none wait)."""
        count = self.count
        return tr(messages.PRINTER_QUEUED, count=count, detail=self.last_error) if count else ""

    def _store(self, slip: Slip) -> Path:
        paths = self._pending_paths()
        number = int(paths[-1].name.split("-", 1)[0]) + 1 if paths else 1
        path = self.pending_dir / f"{number:08d}-{uuid.uuid4().hex[:8]}.json"
        write_atomically(path, slip.to_dict())
        return path

    def _pending_paths(self) -> list[Path]:
        return sorted(self.pending_dir.glob("*.json"))

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self.count, self.message())
