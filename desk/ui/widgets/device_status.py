"""The device status area in the main window's status bar: scanner, strip, RFID pad and
printer, each
connected (green), error (red) or off (grey), with the detail in the tool tip, and the print
queue's warning when slips wait. It only shows what it is told (``set_status``,
``set_queue``); the main window feeds it from the ``DeviceHub``'s signals.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

COLOURS = {"connected": "#1b7f3b", "error": "#b3261e", "off": "#8a8a8a"}


class DeviceStatusArea(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deviceStatus")
        self.names = {"scanner": self.tr("Scanner"), "strip": self.tr("Strip"),
                      "rfid": self.tr("RFID pad"), "printer": self.tr("Printer")}
        self.words = {"connected": self.tr("connected"), "error": self.tr("error"),
                      "off": self.tr("off")}
        self.labels: dict[str, QLabel] = {}
        self.states: dict[str, tuple[str, str]] = {}
        self.pending = 0
        self.queue_message = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 16, 0)        # apart from who is signed in
        layout.setSpacing(12)
        for device in ("scanner", "strip", "rfid", "printer"):
            label = QLabel()
            label.setObjectName(f"device_{device}")
            self.labels[device] = label
            layout.addWidget(label)
            self.set_status(device, "off", "")

    def state(self, device: str) -> str:
        return self.states[device][0]

    def set_status(self, device: str, state: str, detail: str) -> None:
        if device not in self.labels:
            return
        self.states[device] = (state, detail)
        self._show(device)

    def set_queue(self, pending: int, message: str) -> None:
        self.pending = pending
        self.queue_message = message
        self._show("printer")

    def _show(self, device: str) -> None:
        state, detail = self.states[device]
        label = self.labels[device]
        text = f"{self.names[device]}: {self.words.get(state, state)}"
        tip = f"{self.names[device]}: {self.words.get(state, state)}" + (
            f"\n{detail}" if detail else "")
        colour = COLOURS.get(state, COLOURS["off"])
        if device == "printer" and self.pending:
            text += " · " + self.tr("%1 waiting").replace("%1", str(self.pending))
            tip += "\n" + self.queue_message
            colour = COLOURS["error"]
        label.setText(f'<span style="color:{colour}">●</span> {text}')
        label.setToolTip(tip)
        label.setProperty("state", "error" if colour == COLOURS["error"] else state)
