"""Which screens the main window offers, in toolbar order, and how they are found.

Each mode lives in its own module under ``desk.ui.screens`` and defines one ``Screen``
subclass. A module that does not exist yet is simply not offered (later issues add fines and
payments, manual slips and settlement).
"""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil

from desk.ui.screen import Screen

log = logging.getLogger(__name__)

MODULES = (
    "desk.ui.screens.checkout",       # F1
    "desk.ui.screens.checkin",        # F2
    "desk.ui.screens.renew",          # F3
    "desk.ui.screens.patron_search",  # F4
    "desk.ui.screens.item_status",    # F5
    "desk.ui.screens.holds_shelf",    # F6
    "desk.ui.screens.fines",
    "desk.ui.screens.manual_slips",
    "desk.ui.screens.settlement",
    "desk.ui.screens.notices",
    "desk.ui.screens.staff",          # administrators only
)


def discovered_modules() -> tuple[str, ...]:
    """``MODULES`` first, then any other module of ``desk.ui.screens`` (alphabetically)."""
    import desk.ui.screens as package
    others = sorted(f"{package.__name__}.{info.name}"
                    for info in pkgutil.iter_modules(package.__path__)
                    if f"{package.__name__}.{info.name}" not in MODULES)
    return MODULES + tuple(others)


def screen_classes(modules: tuple[str, ...] | None = None) -> list[type[Screen]]:
    """The ``Screen`` subclasses of the modules that exist, in order."""
    found: list[type[Screen]] = []
    for name in modules if modules is not None else discovered_modules():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            log.debug("mode module %s not present", name)
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls is not Screen and cls.__module__ == name \
                    and cls.mode_key:
                found.append(cls)
    return found
