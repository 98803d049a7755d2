"""What every command of ``python -m desk`` shares: exit codes, the usage error, the database
URL and policy from the settings, and printing.

Exit codes: 0 done, 1 refused or failed (the message says why), 2 bad usage or settings.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desk.circulation.policy import Policy

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad command-line use or settings (exit code 2)."""


class CredentialsMissing(Exception):
    """No administrator's login and password: not in the environment, no terminal to ask."""


def admin_credentials(needed: str) -> tuple[str, str]:
    """An administrator's login and password: ``DESK_ADMIN_LOGIN`` and ``DESK_ADMIN_PASSWORD``
    (for scripts), else asked on the terminal after printing ``needed`` (why); with neither,
    ``CredentialsMissing(needed)``."""
    import getpass
    import os
    login, password = os.environ.get("DESK_ADMIN_LOGIN"), os.environ.get("DESK_ADMIN_PASSWORD")
    if login and password is not None:
        return login, password
    if not sys.stdin.isatty():
        raise CredentialsMissing(needed)
    err(needed)
    login = login or input("Administrator login: ").strip()
    return login, password if password is not None else getpass.getpass(f"Password for {login}: ")


def resolve_url(url: str | None) -> str:
    """The database URL: ``--url``, else the settings, else the embedded SQLite file."""
    # Imported here, not at the top: `python -m desk` with no command opens the window, and its
    # start-up should not pay for the settings and models until a command needs them.
    from desk.config import Config, data_dir
    from desk.models.database import default_sqlite_url
    from desk.database_urls import url_problem
    if not url:
        url = Config.load().get("database_url")   # a ConfigError is reported by desk.cli.run
    if not url:
        return default_sqlite_url(data_dir())
    problem = url_problem(url)
    if problem:
        raise UsageError(problem)
    return url


def load_policy() -> Policy:
    """The circulation policy from the settings; bad settings are a usage error."""
    from desk.circulation.policy import Policy  # see resolve_url: only when a command needs it
    from desk.config import Config
    return Policy.from_config(Config.load())   # a ConfigError is reported by desk.cli.run


def use_language() -> None:
    """Messages in the settings' language (``desk.cli.language``; ``desk.cli.run`` has set it
    already, this is for commands run on their own)."""
    from desk.cli import language
    language.use()


def out(text: str = "") -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
