"""The main window's screens by mode key, each built the first time it is asked for.

Building every screen at start cost about 0.15 s before the first scan could be taken; a desk
that only lends and returns never needs most of them. The keys (every mode offered) are known
from the start, so ``in``, ``len`` and iterating over the keys build nothing; ``screens[key]``
and ``screens.get(key)`` build that screen. ``built()`` is what exists so far: a screen not yet
built holds no patron and has nothing to reset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar, overload

from desk.ui.screen import Screen

T = TypeVar("T")


class ScreenSet(Mapping[str, Screen]):
    """Mode key → screen; ``make(cls)`` builds the screen of a class on first use."""

    def __init__(self, make: Callable[[type[Screen]], Screen]) -> None:
        self._make = make
        self._classes: dict[str, type[Screen]] = {}
        self._built: dict[str, Screen] = {}

    def offer(self, cls: type[Screen]) -> None:
        """Offer this mode; its screen is built when first asked for."""
        self._classes[cls.mode_key] = cls

    def __getitem__(self, key: str) -> Screen:
        screen = self._built.get(key)
        if screen is None:
            cls = self._classes[key]
            screen = self._built[key] = self._make(cls)
        return screen

    @overload
    def get(self, key: str, /) -> Screen | None: ...
    @overload
    def get(self, key: str, default: Screen | T, /) -> Screen | T: ...

    def get(self, key: str, default: object = None) -> object:
        # Only an unknown mode gives the default: an error while building the screen is raised,
        # not taken for "no such mode" (Mapping.get would swallow a KeyError from a screen).
        if key not in self._classes:
            return default
        return self[key]

    def __contains__(self, key: object) -> bool:
        return key in self._classes

    def __iter__(self) -> Iterator[str]:
        return iter(self._classes)

    def __len__(self) -> int:
        return len(self._classes)

    def built(self) -> dict[str, Screen]:
        """The screens built so far, by mode key."""
        return dict(self._built)

    def clear(self) -> None:
        self._classes.clear()
        self._built.clear()
