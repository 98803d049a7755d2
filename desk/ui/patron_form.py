"""The New patron (辦證) and Edit patron dialogs (SOP 5.3.3): keyboard only.

Every field has its own error label beside it; Enter moves to the next field and, on the last
one, saves; Ctrl+S saves from anywhere; Esc cancels. What a category needs (the registration
check, a guarantor or a deposit) shows as the category is chosen; a guarantor's standing shows
as soon as their card is entered. The rules are the circulation layer's
(``Circulation.register_patron`` / ``update_patron`` / ``extend_patron``): a refusal comes back
with each notice keyed to its field and is shown there; a likely duplicate names the existing
record and asks to confirm before saving again. Nothing is saved while anything is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QGridLayout,
                               QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused
from desk.circulation.charges import method_name
from desk.circulation.queries.money import payment_receipt
from desk.circulation.queries.registration import (PatronRecord, categories, patron_record,
                                                   patron_standing)
from desk.circulation.registration import CategoryFacts, Standing
from desk.receipts.payment_slip import receipt_slip
from desk.ui.context import DeskContext
from desk.ui.formatting import date_text, money
from desk.ui.screens.money_widgets import device_receipt_slip
from desk.ui.widgets.dialog_parts import error_label

SAVE_KEY = "Ctrl+S"
EXTEND_KEY = "Ctrl+E"
MAX_DEPOSIT = 1_000_000
FIELD_WIDTH = 320        # wide enough for an e-mail address or a category's name
# A row of the form: key, label, field and what stands beside it.
Row = tuple[str, str, QWidget, QWidget | None]


def parse_date(text: str) -> date | None:
    """``YYYY-MM-DD`` (or blank: ``None``); ``ValueError`` otherwise."""
    text = text.strip()
    return date.fromisoformat(text) if text else None


def _line(placeholder: str = "") -> QLineEdit:
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    return line


class PatronDialog(QDialog):
    """The fields, error labels and keys both dialogs share."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.grid = QGridLayout()
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.rows: dict[str, tuple[QLabel, QWidget, QLabel]] = {}
        self.general = error_label("formError", alert=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        save = QShortcut(QKeySequence(SAVE_KEY), self)
        save.activated.connect(self.save)
        self.saving = False
        # The fields both dialogs have; ``add_patron_rows`` puts them on the form.
        self.name = _line()
        self.category = QComboBox()
        self.email = _line("name@example.edu")
        self.phone = _line()
        self.department = _line()
        self.birth_date = _line(self.tr("YYYY-MM-DD"))
        self.expires = _line(self.tr("YYYY-MM-DD"))
        self.confirm = QCheckBox()

    def add_patron_rows(self, first: Sequence[Row] = (),
                        after_category: Sequence[Row] = ()) -> None:
        """The rows in their order: ``first``, name and category, ``after_category``, the
        contact details and dates, and the duplicate confirmation (hidden until asked)."""
        rows: list[Row] = [*first, ("name", self.tr("&Name"), self.name, None),
                           ("category", self.tr("Ca&tegory"), self.category, None),
                           *after_category,
                           ("email", self.tr("&E-mail"), self.email, None),
                           ("phone", self.tr("&Phone"), self.phone, None),
                           ("department", self.tr("Dep&artment"), self.department, None),
                           ("birth_date", self.tr("&Birth date"), self.birth_date, None),
                           ("expires", self.tr("E&xpires"), self.expires, None),
                           ("duplicate", self.tr("Duplicate?"), self.confirm, None)]
        for key, label, widget, extra in rows:
            self.add_row(key, label, widget, extra)
        self.set_row_visible("duplicate", False)

    def add_row(self, key: str, label: str, widget: QWidget,
                extra: QWidget | None = None) -> None:
        row = len(self.rows)
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setObjectName(f"field_{key}")
        widget.setMinimumWidth(FIELD_WIDTH)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setProperty("alert", True)
        error.setWordWrap(True)
        error.hide()
        self.grid.addWidget(caption, row, 0)
        self.grid.addWidget(widget, row, 1)
        self.grid.addWidget(extra if extra is not None else QWidget(), row, 2)
        self.grid.addWidget(error, row, 3)
        self.grid.setColumnStretch(3, 1)
        self.fields[key], self.errors[key] = widget, error
        self.rows[key] = (caption, widget, error)
        widget.installEventFilter(self)

    def finish_layout(self, heading: str) -> None:
        title = QLabel(heading)
        title.setObjectName("formHeading")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.general)
        layout.addLayout(self.grid)
        layout.addWidget(self.buttons)
        self.resize(900, self.sizeHint().height())

    def set_row_visible(self, key: str, visible: bool) -> None:
        for widget in self.rows[key]:
            if widget is not self.errors[key] or not visible:
                widget.setVisible(visible)

    def visible_fields(self) -> list[QWidget]:
        return [w for key, w in self.fields.items() if not self.rows[key][0].isHidden()]

    # --- keys ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            fields = self.visible_fields()
            if watched in fields:
                at = fields.index(watched)   # type: ignore[arg-type]
                self.left_field(fields[at])
                if at == len(fields) - 1:
                    self.save()
                else:
                    fields[at + 1].setFocus()
                return True
        return super().eventFilter(watched, event)

    def left_field(self, widget: QWidget) -> None:
        """Enter left ``widget`` (a dialog may look something up)."""

    # --- reading the form ------------------------------------------------------------------
    def read_dates(self, values: dict[str, Any]) -> bool:
        """The birth and expiry dates into ``values``; False after naming each one that is
        not a date."""
        right = True
        for key, line in (("birth_date", self.birth_date), ("expires", self.expires)):
            try:
                values[key] = parse_date(line.text())
            except ValueError:
                self.show_error(key, self.tr("Write the date as YYYY-MM-DD, e.g. 2027-06-30."))
                right = False
        return right

    def duplicate_confirmed(self) -> bool:
        """The clerk ticked *A different person* after a likely duplicate was named."""
        return self.rows["duplicate"][0].isVisible() and self.confirm.isChecked()

    def start_saving(self) -> bool:
        """False while a save is under way; else the last refusal's messages go."""
        if self.saving:
            return False
        self.clear_errors()
        return True

    # --- errors ----------------------------------------------------------------------------
    def clear_errors(self) -> None:
        self.general.hide()
        self.general.clear()
        for label in self.errors.values():
            label.clear()
            label.hide()

    def show_error(self, key: str | None, message: str) -> None:
        label = self.errors.get(key or "")
        if label is None or self.rows[key or ""][0].isHidden():
            label = self.general
        text = label.text()
        label.setText(f"{text}\n{message}" if text else message)
        label.show()

    def show_refusal(self, error: BaseException) -> None:
        self.saving = False
        if not isinstance(error, CirculationRefused):
            self.show_error(None, str(error) or type(error).__name__)
            self.context.messages.error.emit(str(error) or type(error).__name__)
            return
        first: QWidget | None = None
        for notice in error.reasons:
            key = notice.params.get("key")
            self.show_error(key, notice.message)
            if first is None and key in self.fields and not self.rows[key][0].isHidden():
                first = self.fields[key]
        self.refused(error)
        self.context.messages.sound.emit(f"error.patron_form.{error.codes[0]}")
        if first is not None:
            first.setFocus()

    def refused(self, error: CirculationRefused) -> None:
        """A likely duplicate: the record it resembles is named, the clerk confirms."""
        if "patron_duplicate" in error.codes:
            self.set_row_visible("duplicate", True)
            self.confirm.setChecked(False)
            self.confirm.setFocus()

    def saved(self, sound: str, message: str) -> None:
        """Saved: the sound and the message say so."""
        self.saving = False
        self.context.messages.sound.emit(sound)
        self.context.messages.info.emit(message)

    def save(self) -> None:
        """Each dialog saves its own way (``NewPatronDialog``, ``EditPatronDialog``)."""
        raise NotImplementedError


class NewPatronDialog(PatronDialog):
    """辦證: register a patron. ``registered(card)`` when saved (the checkout then goes on with
    the new patron)."""

    registered = Signal(str)

    def __init__(self, context: DeskContext, barcode: str = "", name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("newPatronDialog")
        self.setWindowTitle(self.tr("New patron"))
        self.categories: list[CategoryFacts] = []
        self.barcode = _line(self.tr("Scan or type the new card"))
        self.barcode.setText(barcode)
        self.name.setText(name)
        self.category.currentIndexChanged.connect(self._category_chosen)
        self.checked = QCheckBox(self.tr("Registration checked in the campus system"))
        self.guarantor = _line(self.tr("The guarantor's card (or take a deposit)"))
        self.guarantor.editingFinished.connect(self._look_up_guarantor)
        self._looked_up = ""
        self.standing = QLabel()
        self.standing.setObjectName("guarantorStanding")
        self.deposit = QSpinBox()
        self.deposit.setRange(0, MAX_DEPOSIT)
        self.deposit_method = QComboBox()
        for method in context.library.policy.payment_methods:
            self.deposit_method.addItem(method_name(method), method)
        self.expires.setPlaceholderText(self.tr("YYYY-MM-DD, blank: the category's term"))
        self.confirm.setText(self.tr("A different person: register anyway"))
        self.add_patron_rows(
            [("barcode", self.tr("&Card number"), self.barcode, None)],
            [("registration_checked", self.tr("Registration"), self.checked, None),
             ("guarantor", self.tr("&Guarantor"), self.guarantor, self.standing),
             ("deposit", self.tr("&Deposit"), self.deposit, None),
             ("deposit_method", self.tr("Deposit paid by"), self.deposit_method, None)])
        self.finish_layout(self.tr("New patron (Ctrl+S saves, Enter moves on, Esc cancels)"))
        self.context.tasks.run(categories, context.library, on_done=self._categories_loaded,
                               on_error=self.show_refusal)

    # --- the category's needs --------------------------------------------------------------
    def _categories_loaded(self, found: list[CategoryFacts]) -> None:
        self.categories = found
        self.category.blockSignals(True)
        self.category.clear()
        for category in found:
            self.category.addItem(category.name, category.code)
        self.category.blockSignals(False)
        self._category_chosen()
        (self.name if self.barcode.text().strip() else self.barcode).setFocus()

    def chosen(self) -> CategoryFacts | None:
        index = self.category.currentIndex()
        return self.categories[index] if 0 <= index < len(self.categories) else None

    def _category_chosen(self, _index: int = 0) -> None:
        category = self.chosen()
        check = category is not None and category.registration == "check"
        guarantee = category is not None and category.registration == "guarantee"
        self.set_row_visible("registration_checked", check)
        for key in ("guarantor", "deposit", "deposit_method"):
            self.set_row_visible(key, guarantee)
        if guarantee and category is not None:
            self.deposit.setValue(0)
            self.deposit.setSpecialValueText(self.tr("none (a guarantor instead)"))
            self.deposit.setToolTip(self.tr("The deposit for this category: %1").replace(
                "%1", money(self.context.library, category.deposit or 0)))
        if category is not None:
            required = ", ".join(category.required_fields)
            self.category.setToolTip(required)
            for key in ("email", "phone", "department", "birth_date"):
                caption = self.rows[key][0]
                caption.setText(caption.text().rstrip(" *")
                                + (" *" if key in category.required_fields else ""))

    def left_field(self, widget: QWidget) -> None:
        if widget is self.guarantor:
            self._look_up_guarantor()

    def _look_up_guarantor(self) -> None:
        card = self.guarantor.text().strip()
        if card == self._looked_up:
            return
        self._looked_up = card
        if not card:
            self.standing.clear()
            return
        self.context.tasks.run(patron_standing, self.context.library, card,
                               on_done=self._show_standing,
                               on_error=lambda error: self.standing.setText(str(error)))

    def _show_standing(self, found: Standing) -> None:
        self.standing.setProperty("alert", not found.good)
        self.standing.setText(f"{found.name} · {found.summary}")

    # --- saving ----------------------------------------------------------------------------
    def values(self) -> dict[str, Any] | None:
        """The form's arguments for ``register_patron``, or None after showing what is wrong
        with a date."""
        category = self.chosen()
        values: dict[str, Any] = {
            "barcode": self.barcode.text(), "name": self.name.text(),
            "category": category.code if category else "",
            "email": self.email.text(), "phone": self.phone.text(),
            "department": self.department.text(),
        }
        if not self.read_dates(values):
            return None
        if category is not None and category.registration == "check":
            values["registration_checked"] = self.checked.isChecked()
        if category is not None and category.registration == "guarantee":
            values["guarantor"] = self.guarantor.text().strip() or None
            if self.deposit.value():
                values["deposit"] = self.deposit.value()
                values["deposit_method"] = self.deposit_method.currentData()
        if self.duplicate_confirmed():
            values["confirm_duplicate"] = True
        return values

    def save(self) -> None:
        if not self.start_saving():
            return
        values = self.values()
        if values is None:
            return
        self.saving = True
        circulation, library = self.context.circulation, self.context.library

        def register() -> tuple[str, Any]:
            arguments = dict(values)
            barcode = arguments.pop("barcode")
            name, category = arguments.pop("name"), arguments.pop("category")
            circulation.register_patron(barcode, name, category, **arguments)
            record = patron_record(library, barcode.strip())
            receipt = (payment_receipt(library, record.deposit_receipt_no)
                       if record.deposit_receipt_no else None)
            return record.barcode, receipt
        self.context.tasks.run(register, on_done=self._saved, on_error=self.show_refusal)

    def _saved(self, saved: tuple[str, Any]) -> None:
        barcode, receipt = saved
        if receipt is not None:
            if receipt.method == "cash":
                self.context.open_drawer()
            self.context.slips.print_slip(device_receipt_slip(receipt_slip(
                receipt, currency=self.context.library.policy.currency, reprint=False)))
        self.saved("success.patron_registered", self.tr("Registered %1 (%2)").replace(
            "%1", self.name.text().strip()).replace("%2", barcode))
        self.registered.emit(barcode)
        self.accept()


class EditPatronDialog(PatronDialog):
    """Edit a patron's contact details, category and expiry; Ctrl+E extends the card by the
    category's term. ``changed(card)`` after each save or extension."""

    changed = Signal(str)

    def __init__(self, context: DeskContext, barcode: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("editPatronDialog")
        self.setWindowTitle(self.tr("Edit patron"))
        self.card = barcode
        self.record: PatronRecord | None = None
        self.confirm.setText(self.tr("A different person: save anyway"))
        self.add_patron_rows()
        extend = QShortcut(QKeySequence(EXTEND_KEY), self)
        extend.activated.connect(self.extend)
        self.finish_layout(self.tr("Edit patron %1 (Ctrl+S saves, Ctrl+E extends by the term)")
                           .replace("%1", barcode))
        library = context.library
        self.context.tasks.run(lambda: (categories(library), patron_record(library, barcode)),
                               on_done=self._loaded, on_error=self.show_refusal)

    def _loaded(self, loaded: tuple[list[CategoryFacts], PatronRecord]) -> None:
        found, record = loaded
        self.record = record
        for category in found:
            self.category.addItem(category.name, category.code)
        self.category.setCurrentIndex(max(self.category.findData(record.category), 0))
        self.name.setText(record.name)
        self.email.setText(record.email or "")
        self.phone.setText(record.phone or "")
        self.department.setText(record.department or "")
        self.birth_date.setText(record.birth_date.isoformat() if record.birth_date else "")
        self.expires.setText(record.expires_on.isoformat() if record.expires_on else "")
        self.name.setFocus()

    def changes(self) -> dict[str, Any] | None:
        record = self.record
        if record is None:
            return None
        values: dict[str, Any] = {"name": self.name.text(),
                                  "category": self.category.currentData(),
                                  "email": self.email.text() or None,
                                  "phone": self.phone.text() or None,
                                  "department": self.department.text() or None}
        if not self.read_dates(values):
            return None
        current = {"name": record.name, "category": record.category, "email": record.email,
                   "phone": record.phone, "department": record.department,
                   "birth_date": record.birth_date, "expires": record.expires_on}
        changed = {k: v for k, v in values.items() if v != current[k]}
        if self.duplicate_confirmed():
            changed["confirm_duplicate"] = True
        return changed

    def save(self) -> None:
        if not self.start_saving():
            return
        changes = self.changes()
        if changes is None:
            return
        if not {k for k in changes if k != "confirm_duplicate"}:
            self.accept()          # nothing changed: nothing to save
            return
        self.saving = True
        circulation, card = self.context.circulation, self.card
        self.context.tasks.run(lambda: circulation.update_patron(card, **changes),
                               on_done=lambda _change: self._saved(
                                   self.tr("Saved the changes to %1.").replace("%1", card)),
                               on_error=self.show_refusal)

    def extend(self) -> None:
        if not self.start_saving():
            return
        self.saving = True
        circulation, card = self.context.circulation, self.card
        self.context.tasks.run(lambda: circulation.extend_patron(card),
                               on_done=self._extended, on_error=self.show_refusal)

    def _extended(self, expires: date) -> None:
        self.expires.setText(expires.isoformat())
        if self.record is not None:
            self.record = PatronRecord(**{**self.record.__dict__, "expires_on": expires})
        self.saved("success.patron_extended",
                   self.tr("Card extended to %1.").replace("%1", date_text(expires)))
        self.changed.emit(self.card)

    def _saved(self, message: str) -> None:
        self.saved("success.patron_updated", message)
        self.changed.emit(self.card)
        self.accept()
