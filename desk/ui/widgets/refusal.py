"""The inline refusal box: what was refused, every reason, and *Override…* when a supervisor
may allow it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.circulation import CirculationRefused
from desk.ui.accessibility import describe


class RefusalBox(QFrame):
    """Hidden until ``show_refusal``; ``override_requested`` when *Override…* is pressed."""

    override_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusalBox")
        self.headline = QLabel()
        self.headline.setObjectName("refusalHeadline")
        self.headline.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setObjectName("refusalReasons")
        self.reasons.setWordWrap(True)
        self.override_button = QPushButton(self.tr("Override…"))
        self.override_button.setObjectName("overrideButton")
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.override_button.clicked.connect(self.override_requested)
        self.dismiss_button.clicked.connect(self.hide_refusal)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.reasons)
        layout.addLayout(buttons)
        self.refusal: CirculationRefused | None = None
        self.hide()

    def show_refusal(self, headline: str, refusal: CirculationRefused) -> None:
        self.refusal = refusal
        self.headline.setText(headline)
        self.reasons.setText("\n".join(f"• {notice.message}" for notice in refusal.reasons))
        self.override_button.setVisible(refusal.overridable)
        describe(self, self.tr("Refused"), f"{headline}\n{self.reasons.text()}")
        self.show()

    def hide_refusal(self) -> None:
        self.refusal = None
        self.hide()
        self.dismissed.emit()
