"""The language of what ``python -m desk COMMAND`` prints: the desk's ``language`` setting, as
the desk window follows it.

The setting is read leniently, before anything else: a settings file that is itself wrong must
be reported in the user's language too. ``DESK_LANGUAGE`` first, then the settings file's
``language`` key; a value that is missing, unreadable or not one of ``system``, ``zh_TW``,
``en`` counts as ``system`` (the full check of the settings, later, reports it). ``system``
follows the locale of the environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, then Python's
``locale``) by the rule of ``desk.wording.locale_language``.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from pathlib import Path

from desk import wording

CHOICES = ("system", "zh_TW", "en")


def setting(environ: Mapping[str, str], path: Path) -> str:
    """The ``language`` setting as far as it can be read (``system`` otherwise)."""
    from desk.config import ConfigError, read_settings_file
    chosen = environ.get("DESK_LANGUAGE")
    if chosen is None:
        try:
            chosen = read_settings_file(path).get("language")
        except ConfigError:
            chosen = None
    return chosen.strip() if isinstance(chosen, str) and chosen.strip() in CHOICES else "system"


def system_language(environ: Mapping[str, str]) -> str:
    """The language of the environment's locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return wording.locale_language(environ[name])
    return wording.locale_language(locale.getlocale()[0] or "")


def choose(environ: Mapping[str, str] | None = None, path: Path | None = None) -> str:
    """``en`` or ``zh_TW`` for the command line's messages."""
    from desk.config import config_path
    environ = os.environ if environ is None else environ
    chosen = setting(environ, path or config_path())
    return system_language(environ) if chosen == "system" else chosen


def use() -> str:
    """Set the wording's language for this command (``choose``); returns it."""
    chosen = choose()
    wording.set_language(chosen)
    return chosen


__all__ = ["CHOICES", "choose", "setting", "system_language", "use"]
