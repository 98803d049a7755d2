"""The large route banner of the checkin screen: which trolley the item goes on, told by colour
and icon so the clerk does not have to read (shelve / holds shelf / transit / to staff)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk.ui.accessibility import describe

# route: (icon, object-state used by the style sheet)
ICONS = {"shelve": "✔", "holds_shelf": "★", "transit": "➜", "staff": "⚠", "refused": "✖",
         "idle": "▮"}


class RouteBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routeBanner")
        self.icon = QLabel()
        self.icon.setObjectName("routeIcon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon.setMinimumWidth(80)
        self.headline = QLabel()
        self.headline.setObjectName("routeHeadline")
        self.detail = QLabel()
        self.detail.setObjectName("routeDetail")
        self.detail.setWordWrap(True)
        texts = QVBoxLayout()
        texts.addWidget(self.headline)
        texts.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon)
        layout.addLayout(texts, 1)
        self.route = "idle"
        self.show_route("idle", self.tr("Scan returned items"), "")

    def names(self) -> dict[str, str]:
        return {"shelve": self.tr("SHELVE"), "holds_shelf": self.tr("HOLDS SHELF"),
                "transit": self.tr("TRANSIT"), "staff": self.tr("TO STAFF"),
                "refused": self.tr("NOT CHECKED IN")}

    def show_route(self, route: str, headline: str | None = None, detail: str = "") -> None:
        self.route = route
        self.icon.setText(ICONS.get(route, "?"))
        self.headline.setText(headline if headline is not None else self.names().get(route, route))
        self.detail.setText(detail)
        self.setProperty("route", route)
        describe(self, self.tr("Where the item goes"),
                 ". ".join(part for part in (self.headline.text(), detail) if part))
        for widget in (self, self.icon, self.headline, self.detail):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
