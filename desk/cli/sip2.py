"""``python -m desk sip2 serve [--url URL] [--listen HOST:PORT]``: the SIP2 server for
self-check machines and gates (``desk.sip2``), until interrupted; ``python -m desk sip2
add-terminal LOGIN --desk CODE [--encoding utf-8|big5]``: a terminal's account, bound to a
desk, its password from ``DESK_SIP_PASSWORD`` or asked (an administrator signs in:
``DESK_ADMIN_LOGIN`` / ``DESK_ADMIN_PASSWORD``, or asked).

Exit codes: 0 done (serve: stopped by a signal), 1 refused or failed, 2 bad usage or settings.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desk.cli.common import (EXIT_FAILED, EXIT_OK, CredentialsMissing, UsageError,
                             admin_credentials, err, load_policy, out, resolve_url,
                             use_language)

if TYPE_CHECKING:
    from desk.circulation.library import Library
    from desk.sip2.server import ServerSettings

DEFAULT_LISTEN = "127.0.0.1:6001"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sip2`` to ``python -m desk``'s commands."""
    sip2 = commands.add_parser(
        "sip2", help="the SIP2 server for self-check machines and gates",
        description="Self-check machines, book-return machines and security gates speak SIP2 "
                    "to the library: this server answers them with the desk's rules.")
    sip2.set_defaults(handler=run)
    actions = sip2.add_subparsers(dest="sip2_command", metavar="ACTION", required=True)
    serve = actions.add_parser("serve", help="serve SIP2 until interrupted")
    serve.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    serve.add_argument("--listen", default=DEFAULT_LISTEN, metavar="HOST:PORT",
                       help=f"address to listen on (default {DEFAULT_LISTEN}; port 0: any "
                            "free port, printed)")
    add = actions.add_parser("add-terminal", help="add a self-check terminal's account "
                                                  "(administrator)")
    add.add_argument("login", metavar="LOGIN", help="the login the machine sends (CN)")
    add.add_argument("--desk", required=True, metavar="CODE",
                     help="the desk it works for (its location; fees go to its settlement)")
    add.add_argument("--encoding", default="utf-8", choices=("utf-8", "big5"),
                     help="how the machine writes Chinese (default utf-8)")
    add.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def listen_address(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:6001`` for IPv6) as host and port; ``UsageError`` if not."""
    host, sep, port = value.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise UsageError(f"--listen {value!r}: write HOST:PORT, e.g. {DEFAULT_LISTEN}")
    return host, int(port)


def run(args: argparse.Namespace) -> int:
    from desk.circulation.library import open_library
    use_language()
    url = resolve_url(getattr(args, "url", None))
    if args.sip2_command == "serve":
        settings = _settings(*listen_address(args.listen))
        library = open_library(url, policy=load_policy(), create=False)
        try:
            return _serve(library, settings)
        finally:
            library.close()
    library = open_library(url, policy=load_policy(), create=False)
    try:
        return _add_terminal(library, args.login, args.desk, args.encoding)
    finally:
        library.close()


def _settings(host: str, port: int) -> ServerSettings:
    from desk.config import Config
    from desk.sip2.server import ServerSettings
    from desk.sip2.session import ServerRules
    config = Config.load()
    bins = tuple(str(b) for b in config.get("sip_sort_bins"))
    return ServerSettings(
        host=host, port=port, max_connections=int(config.get("sip_max_connections")),
        message_timeout=float(config.get("sip_message_timeout_seconds")),
        idle_timeout=float(config.get("sip_idle_timeout_seconds")),
        workers=int(config.get("sip_worker_threads")),
        tls_certificate=str(config.get("sip_tls_certificate")),
        tls_key=str(config.get("sip_tls_key")),
        rules=ServerRules(institution=str(config.get("sip_institution_id")), sort_bins=bins,
                          timeout_period=int(config.get("sip_message_timeout_seconds"))))


def _serve(library: Library, settings: ServerSettings) -> int:
    import asyncio
    import logging
    import signal
    import ssl

    from desk.sip2.server import Sip2Server
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(message)s")

    async def main() -> None:
        server = Sip2Server(library, settings)
        try:
            host, port = await server.start()
        except (OSError, ssl.SSLError, ValueError) as exc:
            raise UsageError(f"cannot listen on {settings.host}:{settings.port}: {exc}") from None
        out(f"SIP2 listening on {host}:{port}"
            f"{' (TLS)' if settings.tls_certificate else ''}")
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, stop.set)
            except (NotImplementedError, RuntimeError):   # Windows: Ctrl+C ends asyncio.run
                pass
        serving = asyncio.create_task(server.serve_forever())
        await stop.wait()
        serving.cancel()
        server.close()
        out("SIP2 stopped")
    asyncio.run(main())
    return EXIT_OK


def _add_terminal(library: Library, login: str, desk: str, encoding: str) -> int:
    import getpass
    import os

    from desk.circulation import AuthenticationFailed, CirculationRefused
    from desk.wording import text
    password = os.environ.get("DESK_SIP_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            err(f"error: {text('sip_password_missing')}")
            return EXIT_FAILED
        password = getpass.getpass(text("sip_password_prompt", login=login))
    try:
        admin_login, admin_password = admin_credentials(text("sip_needs_admin"))
    except CredentialsMissing as missing:
        err(f"error: {missing}")
        return EXIT_FAILED
    try:
        admin = library.sign_in(admin_login, admin_password)
    except (AuthenticationFailed, CirculationRefused) as refused:
        err(f"error: {refused}")
        return EXIT_FAILED
    try:
        library.add_terminal(login, password, desk=desk, encoding=encoding, by=admin)
    except CirculationRefused as refused:
        err(f"error: {refused}")
        return EXIT_FAILED
    finally:
        library.sign_out(admin)
    out(text("sip_terminal_added", login=login, desk=desk, encoding=encoding))
    return EXIT_OK
