"""Which database URLs the desk can open, and a clear sentence for one it cannot.

Light on purpose (no SQLAlchemy at import): the command line catches ``LibraryUnavailable``
from here without loading the models.

The desk runs on the embedded SQLite file and on PostgreSQL through psycopg 3; any other
SQLAlchemy dialect (``mysql://``), a driver that is not installed (``postgresql://`` means
psycopg2) or a string that is not a URL at all is refused before an engine is made, so the user
reads which URLs work instead of SQLAlchemy's traceback. Every sentence is in the wording's
language (``desk.wording.cli``).
"""

from __future__ import annotations

import os
from pathlib import Path

from desk.wording import text

SUPPORTED = ("sqlite:///PATH/library.sqlite",
             "postgresql+psycopg://USER:PASSWORD@HOST[:PORT]/DATABASE")
_DRIVERS = {"sqlite": ("pysqlite",), "postgresql": ("psycopg",)}


def supported_text() -> str:
    return text("url_supported", forms=text("url_supported_or").join(SUPPORTED))


def url_problem(url: str) -> str | None:
    """``None`` when the desk can open ``url``; else why not, naming the supported forms."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError
    shown = _short(url) if "@" not in url else "(the URL)"
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError, TypeError):
        return text("url_not_a_url", shown=shown, supported=supported_text())
    shown = _short(parsed.render_as_string(hide_password=True))
    backend = parsed.get_backend_name()
    if backend not in _DRIVERS:
        return text("url_backend", shown=shown, backend=backend, supported=supported_text())
    driver = parsed.get_driver_name()
    if driver not in _DRIVERS[backend]:
        return text("url_driver", driver=f"{backend}+{driver}", shown=shown,
                    supported=supported_text())
    if backend == "sqlite" and not parsed.database:
        return text("url_no_file", shown=shown, supported=supported_text())
    return None


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


class LibraryUnavailable(ValueError):
    """The library at a URL cannot be used as asked: an unsupported URL, no library there
    (without ``--create``), a file that is not a library, or a database the desk cannot write
    (``read_only``). The text says which, and what to do."""

    def __init__(self, message: str, *, read_only: bool = False) -> None:
        super().__init__(message)
        self.read_only = read_only


SQLITE_HEADER = b"SQLite format 3\x00"


def check_sqlite_file(path: Path, *, create: bool | None) -> None:
    """Refuse to open ``path`` when that would silently make a new, empty library in place of
    the one the user meant (a share that is not mounted, a file truncated to 0 bytes), or would
    use a file that is not an SQLite database at all.

    ``create``: ``True`` may make the folder and the file (``--create``, the demo, the embedded
    default's first start); ``False`` needs an existing library file; ``None`` (the API's
    default, ``open_library``'s contract) makes a new file in an existing folder only."""
    if path.is_dir():
        raise LibraryUnavailable(text("library_is_folder", path=path))
    if not path.parent.is_dir():
        if create:
            return
        raise LibraryUnavailable(text("library_no_folder", path=path, folder=path.parent))
    if not path.exists():
        if create is False:
            raise LibraryUnavailable(text("library_missing", path=path))
        return
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise LibraryUnavailable(text("library_unreadable", path=path,
                                      detail=exc.strerror or exc)) from None
    if not header:
        if create:
            return
        raise LibraryUnavailable(text("library_empty", path=path))
    if header != SQLITE_HEADER:
        raise LibraryUnavailable(text("library_not_sqlite", path=path))


def sqlite_read_only(path: Path) -> bool:
    """Whether the desk cannot write the SQLite file ``path`` or its folder (the ``-wal`` and
    ``-shm`` files live there): a file permission, or a disk mounted read-only."""
    existing = path if path.exists() else path.parent
    try:
        if os.statvfs(existing).f_flag & os.ST_RDONLY:
            return True
    except (AttributeError, OSError):   # no statvfs on Windows
        pass
    return not (os.access(existing, os.W_OK) and os.access(path.parent, os.W_OK))


def read_only_message(shown: str) -> str:
    return text("library_read_only", shown=shown)
