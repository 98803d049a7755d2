"""The language of the wording: one choice for circulation, offline, money and devices."""

from __future__ import annotations

LANGUAGES = ("en", "zh_TW")
_language = "en"


def set_language(language: str) -> None:
    """Choose the language of messages made from now on ('en' or 'zh_TW')."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
    _language = language


def locale_language(name: str) -> str:
    """The language for a system locale name (``zh_TW``, ``zh_HK.UTF-8``, ``en_US``, Qt's or
    POSIX's): Traditional Chinese for every Chinese locale but the simplified ones (zh_CN,
    zh_SG), else English. The desk window (``desk.ui.i18n``) and the command line
    (``desk.cli.language``) both decide by this."""
    base = name.split(".")[0].split("@")[0].replace("-", "_")
    if base.startswith("zh") and base not in ("zh_CN", "zh_SG") and "Hans" not in base:
        return "zh_TW"
    return "en"


def language() -> str:
    return _language


def pick(pair: tuple[str, str]) -> str:
    """The current language's half of an (English, Traditional Chinese) pair."""
    return pair[1] if _language == "zh_TW" else pair[0]
