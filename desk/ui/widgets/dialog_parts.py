"""Parts every small dialog of the desk has: the label under the form that says what is wrong
(hidden until there is something to say) and the OK / Cancel buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel


def error_label(name: str = "dialogError", *, alert: bool = False) -> QLabel:
    """``alert``: it also takes the ``alert`` style (underlined in high contrast)."""
    label = QLabel()
    label.setObjectName(name)
    if alert:
        label.setProperty("alert", True)
    label.setWordWrap(True)
    label.hide()
    return label


def ok_cancel(dialog: QDialog, submit: Callable[[], None]) -> QDialogButtonBox:
    """OK runs ``submit`` (the dialog closes when the work is done), Cancel rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(submit)
    buttons.rejected.connect(dialog.reject)
    return buttons
