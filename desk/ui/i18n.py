"""Interface languages: Traditional Chinese and English through Qt translators.

The ``language`` setting is ``system``, ``zh_TW`` or ``en``; ``system`` follows the system
locale (any Chinese locale but the simplified ones gives zh_TW). The desk's own strings come
from ``resources/translations/desk_<lang>.qm``, Qt's standard buttons from Qt's own catalogue,
and the wording of circulation, offline, money and devices (notices, refusals, device
messages, slips) from the one catalogue of ``desk.wording``, set here once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desk import wording
from desk.ui.resources import resource

log = logging.getLogger(__name__)
LANGUAGES = ("zh_TW", "en")
_installed: list[QTranslator] = []


def resolve(setting: str, locale: QLocale | None = None) -> str:
    """The language to use for the ``language`` setting."""
    if setting in LANGUAGES:
        return setting
    return wording.locale_language((locale or QLocale.system()).name())  # zh_TW, en_US


def install(language: str) -> str:
    """Install the translators of ``language`` (replacing earlier ones); returns it."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    wording.set_language(language)
    if language == "en":
        return language
    own = QTranslator(app)
    path = resource("translations", f"desk_{language}.qm")
    if own.load(str(path)):
        app.installTranslator(own)
        _installed.append(own)
    else:
        log.warning("translation %s missing", path)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return language
