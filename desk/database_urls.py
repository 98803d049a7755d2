"""Which database URLs the desk can open, and a clear sentence for one it cannot.

Light on purpose (no SQLAlchemy at import): the command line catches ``LibraryUnavailable``
from here without loading the models.

The desk runs on the embedded SQLite file and on PostgreSQL through psycopg 3; any other
SQLAlchemy dialect (``mysql://``), a driver that is not installed (``postgresql://`` means
psycopg2) or a string that is not a URL at all is refused before an engine is made, so the user
reads which URLs work instead of SQLAlchemy's traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

SUPPORTED = ("sqlite:///PATH/library.sqlite",
             "postgresql+psycopg://USER:PASSWORD@HOST[:PORT]/DATABASE")
_DRIVERS = {"sqlite": ("pysqlite",), "postgresql": ("psycopg",)}


def supported_text() -> str:
    return "the desk opens " + " or ".join(SUPPORTED)


def url_problem(url: str) -> str | None:
    """``None`` when the desk can open ``url``; else why not, naming the supported forms."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError
    shown = _short(url) if "@" not in url else "(the URL)"
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError, TypeError):
        return f"not a database URL: {shown!r}; {supported_text()}"
    shown = _short(parsed.render_as_string(hide_password=True))
    backend = parsed.get_backend_name()
    if backend not in _DRIVERS:
        return (f"not a database URL the desk can use: {shown!r} ({backend!r} is not "
                f"supported); {supported_text()}")
    driver = parsed.get_driver_name()
    if driver not in _DRIVERS[backend]:
        return (f"unsupported driver {backend}+{driver} in {shown!r} (not installed); "
                f"{supported_text()}")
    if backend == "sqlite" and not parsed.database:
        return f"no file in {shown!r}; {supported_text()}"
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
        raise LibraryUnavailable(f"{path} is a folder, not a library database file")
    if not path.parent.is_dir():
        if create:
            return
        raise LibraryUnavailable(
            f"no library at {path}: the folder {path.parent} does not exist (a network share "
            "that is not mounted?); use --create to make a new library there")
    if not path.exists():
        if create is False:
            raise LibraryUnavailable(f"no library at {path}; use --create to make a new one")
        return
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise LibraryUnavailable(f"cannot read the library at {path}: "
                                 f"{exc.strerror or exc}") from None
    if not header:
        if create:
            return
        raise LibraryUnavailable(f"no library at {path}: the file is empty (0 bytes); use "
                                 "--create to make a new library in it")
    if header != SQLITE_HEADER:
        raise LibraryUnavailable(f"{path} is not a library database (not an SQLite file)")


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
    return (f"the library database {shown} is read-only (a file permission or a read-only "
            "disk): the desk cannot write to it, so it cannot lend, return or take payments")
