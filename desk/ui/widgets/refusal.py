"""The inline refusal box: what was refused, every reason, *Override…* when a supervisor
may allow it, and *Pay (F11)* when the patron owes fines (the next step, said on the box)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.circulation import CirculationRefused
from desk.ui.accessibility import describe


class RefusalBox(QFrame):
    """Hidden until ``show_refusal``; ``override_requested`` when *Override…* is pressed."""

    override_requested = Signal()
    pay_requested = Signal()
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
        self.pay_button = QPushButton(self.tr("Pay the fines (F11)"))
        self.pay_button.setObjectName("payFinesButton")
        self.pay_button.clicked.connect(self.pay_requested)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.override_button.clicked.connect(self.override_requested)
        self.dismiss_button.clicked.connect(self.hide_refusal)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pay_button)
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
        self.pay_button.setVisible(self.owes_fines)
        describe(self, self.tr("Refused"), f"{headline}\n{self.reasons.text()}")
        self.show()

    @property
    def owes_fines(self) -> bool:
        """The refusal shown is (also) for unpaid fines: paying them is the way on."""
        return self.refusal is not None and "patron_owes_fines" in self.refusal.codes

    def hide_refusal(self) -> None:
        self.refusal = None
        self.hide()
        self.dismissed.emit()
