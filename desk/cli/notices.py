"""``python -m desk notices send [--url URL] [--pdf-dir DIR]``: queue the courtesy and overdue
reminders that are due, print the notices of patrons without e-mail (a PDF batch), and send the
rest by SMTP exactly once (``desk.circulation.outbox``). ``notices queue`` only queues the
reminders. Meant for cron or a Windows scheduled task (README).

Exit codes: 0 done (failed notices are listed, and shown on the Notices screen), 1 the mail
server could not be reached (the notices wait and are tried again at the next run), 2 bad usage.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desk.cli.common import (EXIT_FAILED, EXIT_OK, UsageError, err, load_policy, out,
                             resolve_url, use_language)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``notices`` to ``python -m desk``'s commands."""
    notices = commands.add_parser(
        "notices", help="send the patron notices (e-mail, or printed)",
        description="Notices to patrons wait in the outbox until sent: by e-mail (settings "
                    "smtp_host, smtp_port, smtp_user, smtp_password, smtp_tls, notice_from), "
                    "or printed for patrons without an e-mail address.")
    notices.set_defaults(handler=run)
    actions = notices.add_subparsers(dest="notices_command", metavar="ACTION", required=True)
    send = actions.add_parser("send", help="queue due reminders, then send what is pending")
    send.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    send.add_argument("--pdf-dir", type=Path, metavar="DIR",
                      help="folder of the printed notices (default: the notices_pdf_dir "
                           "setting)")
    queue = actions.add_parser("queue", help="only queue the courtesy and overdue reminders")
    queue.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from desk.circulation.library import open_library
    from desk.circulation.outbox.reminders import queue_reminders
    from desk.circulation.outbox.run import library_name, send_notices
    from desk.config import Config, ConfigError
    from desk.receipts.notice_letters import letters_printer, notices_directory
    from desk.wording import text
    use_language()
    try:
        config = Config.load()
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    policy = load_policy()
    library = open_library(resolve_url(getattr(args, "url", None)), policy=policy,
                           create=False)
    try:
        if args.notices_command == "queue":
            with library.sessions.begin() as session:
                queued = queue_reminders(session, policy, library.now())
            out(text("notices_summary", sent=0, resent=0, deferred=0, failed=0, printed=0,
                     queued=queued))
            return EXIT_OK
        if not config.get("smtp_host"):
            err(text("notices_smtp_not_set"))
        directory = args.pdf_dir or notices_directory(config)
        report = send_notices(library, config, print_letters=letters_printer(
            directory, library.now, policy.tz, library_name(config)))
    finally:
        library.close()
    for notice_id, message_id in report.resent:
        out(text("notices_resent_line", notice_id=notice_id, message_id=message_id))
    for notice_id, patron, error in report.failed:
        out(text("notices_failed_line", notice_id=notice_id, patron=patron, error=error))
    if report.printed_to is not None:
        out(text("notices_printed_to", path=report.printed_to))
    out(text("notices_summary", sent=report.sent, resent=len(report.resent),
             deferred=report.deferred, failed=len(report.failed), printed=report.printed,
             queued=report.queued))
    if report.server_down is not None:
        err(text("notices_server_down", error=report.server_down))
        return EXIT_FAILED
    return EXIT_OK
