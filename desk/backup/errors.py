"""The one error of backups and restores: a stable code and a message in the user's language
(``desk.wording``), never a raw database error or a traceback."""

from __future__ import annotations

from typing import Any

from desk.wording import text


class BackupError(Exception):
    """A backup or restore that was refused or failed; ``code`` is stable, ``message`` says why
    in the current language. Nothing was changed: no backup got a final name, no library was
    replaced."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        self.message = text(code, **params)
        super().__init__(self.message)
