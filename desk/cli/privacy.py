"""``python -m desk privacy purge|export``: personal data under Taiwan's Personal Data
Protection Act.

``purge [--dry-run]`` anonymises the loans returned more than ``history_keep_days`` days ago
(``desk.circulation.privacy.purge``); ``--dry-run`` only counts them. ``export BARCODE [--out
FILE]`` writes a JSON of everything the library holds on one patron (a subject-access request),
to FILE (made readable by its owner only; an existing file is not overwritten) or to standard
output. Both (but the dry run) need an administrator's sign-in: asked on a terminal, or
``DESK_ADMIN_LOGIN`` / ``DESK_ADMIN_PASSWORD``. Exit codes as in ``desk.cli``: 0 done, 1 refused
or failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.cli.common import (EXIT_FAILED, EXIT_OK, CredentialsMissing, admin_credentials, err,
                             load_policy, out, resolve_url, use_language)

if TYPE_CHECKING:
    from desk.circulation import Library
    from desk.models import StaffUser


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``privacy`` to ``python -m desk``'s commands."""
    privacy = commands.add_parser(
        "privacy", help="anonymise old loan history; export a patron's data",
        description="Personal data (Taiwan's Personal Data Protection Act): loan history is "
                    "kept history_keep_days days after return; a patron may ask for "
                    "everything the library holds on them.")
    privacy.set_defaults(handler=run)
    actions = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    purge = actions.add_parser("purge", help="anonymise loans returned more than "
                                             "history_keep_days days ago (administrator)")
    purge.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    purge.add_argument("--dry-run", action="store_true",
                       help="only count what would be anonymised (no sign-in needed)")
    export = actions.add_parser("export", help="write everything held on one patron as JSON "
                                               "(administrator)")
    export.add_argument("barcode", help="the patron's card barcode")
    export.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    export.add_argument("--out", type=Path, help="the JSON file to write (default: standard "
                                                 "output)")


class _Refused(Exception):
    """The command is refused; the message says why (exit 1)."""


def _admin(library: Library) -> StaffUser:
    from desk.circulation import AuthenticationFailed, CirculationRefused
    from desk.wording import text
    try:
        login, password = admin_credentials(text("privacy_needs_admin"))
    except CredentialsMissing as missing:
        raise _Refused(str(missing)) from None
    try:
        staff = library.sign_in(login, password)
    except (AuthenticationFailed, CirculationRefused) as refused:
        raise _Refused(text("privacy_sign_in_failed", reason=str(refused))) from None
    if staff.role != "admin":
        library.sign_out(staff)
        raise _Refused(text("privacy_admin_required"))
    return staff


def run(args: argparse.Namespace) -> int:
    from desk.circulation import CirculationRefused, open_library
    use_language()
    library = open_library(resolve_url(args.url), policy=load_policy(), create=False)
    try:
        if args.privacy_command == "purge":
            return _purge(library, dry_run=args.dry_run)
        return _export(library, args.barcode, args.out)
    except _Refused as refused:
        err(f"error: {refused}")
        return EXIT_FAILED
    except CirculationRefused as refused:
        err(f"error: {refused}")
        return EXIT_FAILED
    finally:
        library.close()


def _purge(library: Library, *, dry_run: bool) -> int:
    from desk.circulation.privacy import purge_history
    from desk.wording import text
    by = None if dry_run else _admin(library)
    try:
        result = purge_history(library.store, by=by, dry_run=dry_run)
    finally:
        if by is not None:
            library.sign_out(by)
    if result.cutoff is None:
        out(text("privacy_keep_forever"))
        return EXIT_OK
    cutoff = result.cutoff.astimezone(library.policy.tz).strftime("%Y-%m-%d %H:%M")
    if dry_run:
        out(text("privacy_purge_would", days=result.keep_days, count=result.anonymised,
                 cutoff=cutoff, kept=result.kept_owed))
    else:
        out(text("privacy_purge_done", count=result.anonymised, cutoff=cutoff,
                 kept=result.kept_owed, audit=result.audit_id))
    return EXIT_OK


def _export(library: Library, barcode: str, path: Path | None) -> int:
    from desk.circulation.privacy import export_patron
    from desk.wording import text
    if path is not None and path.exists():
        raise _Refused(text("privacy_out_exists", path=path))
    by = _admin(library)
    try:
        data = export_patron(library.store, barcode, by=by)
    finally:
        library.sign_out(by)
    document = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    if path is None:
        sys.stdout.write(document)
        sys.stdout.flush()
        return EXIT_OK
    try:
        _write_private(path, document)
    except OSError as exc:
        raise _Refused(text("privacy_out_failed", path=path,
                            detail=exc.strerror or str(exc))) from None
    err(text("privacy_export_done", barcode=data["patron"]["barcode"], path=path,
             **_counts(data)))
    return EXIT_OK


def _counts(data: dict[str, Any]) -> dict[str, int]:
    return {name: len(data[name]) for name in ("loans", "holds", "charges", "payments", "audit")}


def _write_private(path: Path, document: str) -> None:
    """Write ``document`` to a new file only its owner may read (personal data)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(document)
        stream.flush()
        os.fsync(stream.fileno())
