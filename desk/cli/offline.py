"""``python -m desk offline import FILE...`` and ``python -m desk offline export``.

``import`` replays Koha .koc files and offline journals (.jsonl) through the circulation API and
prints the replay report: bad lines with their line numbers, then every transaction applied,
needing a decision or refused. A supervisor's decision for what needs one is given with
``--apply-all REASON`` or ``--discard-all REASON`` (plus ``--supervisor``). ``--report FILE.pdf``
also writes the PDF report. ``export`` writes this desk's offline journal as a .koc file.

Passwords come from ``DESK_STAFF_PASSWORD`` / ``DESK_SUPERVISOR_PASSWORD`` or are asked for.
Exit codes as in ``desk.cli``: 0 everything applied, 1 something left or refused, 2 bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk.cli.common import EXIT_FAILED, EXIT_OK, UsageError, resolve_url
from desk.wording import text

if TYPE_CHECKING:
    from desk.circulation.policy import Policy


def add_parser(
        subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``offline`` command to ``python -m desk``'s sub-commands."""
    offline = subparsers.add_parser("offline", help="replay or export offline circulation",
                                    description="Outages: import Koha .koc files and offline "
                                                "journals, export the journal as .koc.")
    offline.set_defaults(handler=run)
    actions = offline.add_subparsers(dest="offline_command", metavar="ACTION", required=True)
    imports = actions.add_parser("import", help="replay .koc files or offline journals")
    imports.add_argument("files", type=Path, nargs="+", metavar="FILE")
    imports.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    imports.add_argument("--staff", default=os.environ.get("DESK_STAFF", ""),
                         help="login of the staff member keying in (DESK_STAFF)")
    imports.add_argument("--supervisor", help="supervisor login for decisions and waivers")
    decide = imports.add_mutually_exclusive_group()
    decide.add_argument("--apply-all", metavar="REASON",
                        help="apply every line needing a decision (overriding), with REASON")
    decide.add_argument("--discard-all", metavar="REASON",
                        help="discard every line needing a decision, with REASON")
    imports.add_argument("--create", action="store_true",
                         help="make a new library when there is none at the URL")
    imports.add_argument("--report", type=Path, metavar="FILE.pdf", help="also write a PDF report")
    export = actions.add_parser("export", help="write the offline journal as a .koc file")
    export.add_argument("--journal", type=Path, help="journal file (default: this desk's)")
    export.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    export.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return offline


def _password(variable: str, login: str) -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise SystemExit(text("cli_error", message=text("cli_password_variable",
                                                        variable=variable, login=login)))
    return getpass.getpass(f"Password for {login}: ")


def _settings(args: argparse.Namespace) -> tuple[str, Policy, str, int]:
    """The database URL, the policy, this desk's code and the .koc size limit, from the options
    and the settings."""
    from desk.circulation.policy import Policy
    from desk.config import Config
    config = Config.load()   # a ConfigError is reported by desk.cli.run (exit 2)
    policy = Policy.from_config(config)
    return (resolve_url(getattr(args, "url", None)), policy, args.desk or config.get("desk"),
            config.get("koc_max_bytes"))


def run(args: argparse.Namespace) -> int:
    if args.offline_command == "export":
        return _export(args)
    return _import(args)


def _export(args: argparse.Namespace) -> int:
    from desk.circulation.offline.files import journal_path
    from desk.circulation.offline.journal import read_journal
    from desk.circulation.offline.koc import export_koc
    from desk.circulation.policy import Policy
    from desk.config import Config
    from desk.currencies import CURRENCY_DECIMALS
    config = Config.load()   # a ConfigError is reported by desk.cli.run (exit 2)
    policy = Policy.from_config(config)
    path = args.journal or journal_path(args.desk or config.get("desk"))
    if not path.is_file():
        raise UsageError(text("cli_no_journal", path=path))
    journal = read_journal(path)
    warnings = [text("journal_not_exported", where=f"{path}:{number}", problem=problem)
                for number, problem in journal.bad_lines]
    warnings += [f"{path}:{number}: {problem}" for number, problem in journal.duplicates]
    if journal.torn_tail:
        warnings.append(text("journal_torn_tail", path=path, size=len(journal.torn_tail)))
    elif journal.unterminated:
        warnings.append(text("journal_unterminated", path=path))
    for warning in warnings:
        print(warning, file=sys.stderr)
    koc_text = export_koc(journal.entries, tz=policy.tz,
                      decimals=CURRENCY_DECIMALS.get(policy.currency, 2))
    if args.output:
        args.output.write_text(koc_text, encoding="utf-8")
        print(text("journal_exported", count=len(journal.entries), path=args.output))
    else:
        sys.stdout.write(koc_text)
    if warnings:
        print(text("journal_problems", path=path, count=len(warnings)), file=sys.stderr)
    return EXIT_OK if not warnings else EXIT_FAILED


def _import(args: argparse.Namespace) -> int:
    from desk.circulation import AuthenticationFailed, CirculationRefused, open_library
    from desk.circulation.offline.apply import ReplayCirculation
    from desk.circulation.offline.files import read_sources
    from desk.circulation.offline.replay import NEEDS_DECISION, REFUSED, Replay
    from desk.circulation.offline.report import build_report, report_text
    missing = [str(path) for path in args.files if not path.is_file()]
    if missing:
        raise UsageError(text("cli_no_such_files", paths=", ".join(missing)))
    if not args.staff:
        raise UsageError(text("cli_staff_missing"))
    if (args.apply_all or args.discard_all) and not args.supervisor:
        raise UsageError(text("cli_decision_needs_supervisor"))
    url, policy, desk, koc_max_bytes = _settings(args)
    library = open_library(url, policy=policy, create=args.create)
    try:
        try:
            staff = library.sign_in(args.staff, _password("DESK_STAFF_PASSWORD", args.staff),
                                    desk=desk)
            supervisor = None
            if args.supervisor:
                supervisor = library.authorize(args.supervisor, _password(
                    "DESK_SUPERVISOR_PASSWORD", args.supervisor), desk=desk)
        except AuthenticationFailed:
            print(text("cli_error", message=text("cli_wrong_password")), file=sys.stderr)
            return EXIT_FAILED
        except CirculationRefused as refused:  # locked out, or not a supervisor
            print(text("cli_error", message=refused), file=sys.stderr)
            return EXIT_FAILED
        try:
            circulation = ReplayCirculation(library, desk, staff)
        except CirculationRefused as refused:
            raise UsageError(str(refused)) from None
        sources = read_sources(list(args.files), library, desk=desk, max_bytes=koc_max_bytes)
        replay = Replay(circulation, sources.entries, supervisor=supervisor)
        replay.run()
        reason = args.apply_all or args.discard_all
        if reason and supervisor is not None:
            replay.decide_all(apply=bool(args.apply_all), supervisor=supervisor, reason=reason)
        report = build_report(replay, staff=staff.name, line_of=sources.line_of,
                              problems=sources.problems)
        print(report_text(report))
        if args.report:
            from desk.receipts.replay_report import write_pdf
            write_pdf(report, args.report)
            print(f"Report written to {args.report}.")
        left = any(line.status in (NEEDS_DECISION, REFUSED) for line in replay.lines)
        return EXIT_FAILED if left or sources.problems else EXIT_OK
    finally:
        library.close()
