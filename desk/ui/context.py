"""What every screen is given: the library, the signed-in desk session and the app's services.

The main window is built after the first sign-in and hands one ``DeskContext`` to each screen,
so ``circulation`` is always a signed-in desk session. On a shift change only ``circulation`` is
replaced (same context object, new attribute value), so screens must read
``context.circulation`` at call time and never keep their own reference to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from desk.circulation import Circulation, Library
from desk.config import Config
from desk.ui.message import MessageBridge
from desk.ui.tasks import TaskRunner


class Slip(Protocol):
    """A neutral slip: a title and its lines (``desk.ui.slips.ScreenSlip`` or a devices slip)."""

    title: str
    lines: list[str]


class SlipSink(Protocol):
    """Where finished slips go: the receipt printer, or a preview on screen."""

    def print_slip(self, slip: Slip) -> None: ...


@dataclass
class DeskContext:
    library: Library
    circulation: Circulation
    config: Config
    messages: MessageBridge
    tasks: TaskRunner
    slips: SlipSink
