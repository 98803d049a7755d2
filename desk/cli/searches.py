"""``python -m desk searches sweep [--url URL]``: the deadlines of missing-book searches and
withdrawn-area retrievals (SOP 5.11, 5.12). Searches past their reply-by date end unfound
(the item becomes missing, the patron is told); fetched withdrawn-area items not collected in
time are listed to take back to the withdrawn area. One transaction, audited; running it twice
does nothing the second time. Meant for cron or a Windows scheduled task each morning (the
Requests screen runs the same sweep when it is first opened each day).

Exit codes: 0 done, 2 bad usage or settings.
"""

from __future__ import annotations

import argparse

from desk.cli.common import EXIT_OK, load_policy, out, resolve_url, use_language


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``searches`` to ``python -m desk``'s commands."""
    searches = commands.add_parser(
        "searches", help="deadlines of missing-book searches and withdrawn-area retrievals",
        description="Searches past their reply-by date end unfound (the item becomes missing "
                    "and the patron is told); withdrawn-area items not collected in time go "
                    "back to the withdrawn area.")
    searches.set_defaults(handler=run)
    actions = searches.add_subparsers(dest="searches_command", metavar="ACTION", required=True)
    sweep = actions.add_parser("sweep", help="apply the deadlines that have passed")
    sweep.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from desk.circulation.library import open_library
    from desk.circulation.requests.sweep import sweep_requests
    from desk.wording import text
    use_language()
    library = open_library(resolve_url(getattr(args, "url", None)), policy=load_policy(),
                           create=False)
    try:
        result = sweep_requests(library)
    finally:
        library.close()
    for barcode in result.missing:
        out(f"missing: {barcode}")
    for barcode in result.returned:
        out(f"back to the withdrawn area: {barcode}")
    out(text("requests_swept", missing=len(result.missing), returned=len(result.returned)))
    return EXIT_OK
