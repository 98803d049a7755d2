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


def language() -> str:
    return _language


def pick(pair: tuple[str, str]) -> str:
    """The current language's half of an (English, Traditional Chinese) pair."""
    return pair[1] if _language == "zh_TW" else pair[0]
