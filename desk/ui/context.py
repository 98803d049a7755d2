"""What every screen is given: the library, the signed-in desk session and the app's services.

The main window is built after the first sign-in and hands one ``DeskContext`` to each screen,
so ``circulation`` is always a signed-in desk session. On a shift change only ``circulation`` is
replaced (same context object, new attribute value), so screens must read
``context.circulation`` at call time and never keep their own reference to it.

``devices`` is the app's ``desk.devices.hub.DeviceHub`` (None when a test or tool runs without
one): screens use it for the security strip (``desk.ui.devices_strip``) and the cash drawer —
``context.open_drawer()`` (or ``context.devices.open_drawer()``) kicks the drawer on the receipt printer's port; the outcome
comes back as the hub's ``drawer_finished(ok, message)`` signal, which the main window shows.
Slips never go to the hub directly: hand them to ``context.slips``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk.circulation import Library
from desk.circulation.session import DeskSession
from desk.config import Config
from desk.ui.message import MessageBridge
from desk.ui.slips import PreviewSlipSink
from desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desk.devices.hub import DeviceHub


@dataclass
class DeskContext:
    library: Library
    circulation: DeskSession       # online ``Circulation`` or offline mode's ``FailoverDesk``
    config: Config
    messages: MessageBridge
    tasks: TaskRunner
    slips: PreviewSlipSink        # where finished slips go: the preview, and the printer
    devices: DeviceHub | None = None
    device_error: str = ""            # why the device settings could not be used ("" if fine)

    def open_drawer(self) -> bool:
        """Open the cash drawer if there is a hub (False when there is none)."""
        if self.devices is None:
            return False
        self.devices.open_drawer()
        return True
