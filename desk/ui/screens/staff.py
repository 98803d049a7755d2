"""Staff (administrators only): the staff accounts with role and active flag; add an account,
set a password, change a role, disable or enable an account.

Every change goes through the library's staff administration (``Library.add_staff``,
``set_staff_password``, ``set_staff_role``, ``disable_staff``, ``enable_staff``) on the worker
thread, as the signed-in administrator (``by=``), so the rules (administrators only, the
password policy, the last administrator) and the audit are the circulation layer's; a refusal
is shown in the user's language. The main window offers this mode only to administrators; the
screen checks again when shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused
from desk.circulation.queries.staff import StaffRow, staff_list
from desk.models.staff import ROLES
from desk.ui.context import DeskContext
from desk.ui.screen import Screen
from desk.ui.widgets.tables import fill_table, make_table, selected_rows
from desk.wording import role_name

log = logging.getLogger(__name__)


def is_admin(context: DeskContext) -> bool:
    """Whether the staff member signed in at this desk is an administrator."""
    staff = getattr(context.circulation, "staff", None)
    return bool(getattr(staff, "role", None) == "admin" and getattr(staff, "active", False))


class StaffScreen(Screen):
    mode_key = "staff"
    title_text = QT_TRANSLATE_NOOP("StaffScreen", "Staff")
    admin_only = True

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.rows: list[StaffRow] = []
        self.table = make_table("staffTable", [self.tr("Login"), self.tr("Name"),
                                               self.tr("Role"), self.tr("Active")], stretch=1)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.message = QLabel()
        self.message.setObjectName("staffMessage")
        self.message.setWordWrap(True)

        self.new_login, self.new_name = QLineEdit(), QLineEdit()
        self.new_login.setObjectName("newLogin")
        self.new_name.setObjectName("newName")
        self.new_role = self._role_picker("newRole")
        self.new_password, self.new_confirm = self._password("newPassword"), \
            self._password("newConfirm")
        self.add_button = QPushButton(self.tr("Add account"))
        self.add_button.setObjectName("addStaff")
        self.add_button.clicked.connect(self.add)
        adding = QGroupBox(self.tr("New account"))
        form = QFormLayout(adding)
        form.addRow(self.tr("Login"), self.new_login)
        form.addRow(self.tr("Name"), self.new_name)
        form.addRow(self.tr("Role"), self.new_role)
        form.addRow(self.tr("Password"), self.new_password)
        form.addRow(self.tr("Password again"), self.new_confirm)
        form.addRow(self.add_button)

        self.selected = QLabel()
        self.selected.setObjectName("selectedStaff")
        self.role = self._role_picker("roleOf")
        self.role_button = QPushButton(self.tr("Change role"))
        self.role_button.setObjectName("setRole")
        self.role_button.clicked.connect(self.set_role)
        self.password, self.confirm = self._password("setPassword"), self._password("setConfirm")
        self.password_button = QPushButton(self.tr("Set password"))
        self.password_button.setObjectName("setPasswordButton")
        self.password_button.clicked.connect(self.set_password)
        self.active_button = QPushButton(self.tr("Disable"))
        self.active_button.setObjectName("toggleActive")
        self.active_button.clicked.connect(self.toggle_active)
        changing = QGroupBox(self.tr("Selected account"))
        change = QFormLayout(changing)
        change.addRow(self.selected)
        change.addRow(self.tr("Role"), self._row(self.role, self.role_button))
        change.addRow(self.tr("New password"), self.password)
        change.addRow(self.tr("Password again"), self._row(self.confirm, self.password_button))
        change.addRow(self.active_button)

        side = QVBoxLayout()
        side.addWidget(adding)
        side.addWidget(changing)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Staff accounts. Passwords need at least 8 characters, not the login and not a "
            "common password; every change is written to the audit log.")))
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self._selection_changed()

    # --- building helpers ------------------------------------------------------------------
    def _role_picker(self, name: str) -> QComboBox:
        picker = QComboBox()
        picker.setObjectName(name)
        for role in ROLES:
            picker.addItem(role_name(role), role)
        return picker

    @staticmethod
    def _password(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        return box

    # --- the screen's life -----------------------------------------------------------------
    def activate(self) -> None:
        if not self._allowed():
            return
        self.refresh()
        self.new_login.setFocus()

    def reset(self) -> None:
        for field in (self.new_login, self.new_name, self.new_password, self.new_confirm,
                      self.password, self.confirm):
            field.clear()
        self.message.clear()

    def _allowed(self) -> bool:
        allowed = is_admin(self.context)
        for widget in (self.table, self.add_button, self.role_button, self.password_button,
                       self.active_button):
            widget.setEnabled(allowed)
        if not allowed:
            self.table.setRowCount(0)
            self._say(self.tr("Only an administrator may manage staff accounts."), error=True)
        return allowed

    def refresh(self) -> None:
        self.context.tasks.run(staff_list, self.context.library, on_done=self._show,
                               on_error=self._failed)

    def _show(self, rows: list[StaffRow]) -> None:
        chosen = self.current()
        self.rows = rows
        fill_table(self.table, [[r.login, r.name, role_name(r.role),
                                 self.tr("yes") if r.active else self.tr("no")] for r in rows])
        if chosen is not None:
            for index, row in enumerate(rows):
                if row.login == chosen.login:
                    self.table.selectRow(index)
        self._selection_changed()

    def current(self) -> StaffRow | None:
        picked = selected_rows(self.table)
        return self.rows[picked[0]] if picked and picked[0] < len(self.rows) else None

    def _selection_changed(self) -> None:
        row = self.current()
        allowed = row is not None and is_admin(self.context)
        for widget in (self.role, self.role_button, self.password, self.confirm,
                       self.password_button, self.active_button):
            widget.setEnabled(allowed)
        if row is None:
            self.selected.setText(self.tr("Select an account in the list."))
            return
        self.selected.setText(f"{row.name} ({row.login})")
        self.role.setCurrentIndex(max(0, self.role.findData(row.role)))
        self.active_button.setText(self.tr("Disable") if row.active else self.tr("Enable"))

    # --- changes ---------------------------------------------------------------------------
    def _admin(self) -> Any:
        return self.context.circulation.staff

    def add(self) -> None:
        if self.new_password.text() != self.new_confirm.text():
            self._say(self.tr("The two passwords differ."), error=True)
            return
        login = self.new_login.text().strip()
        self._run(self.tr("Account %1 added.").replace("%1", login), self.context.library.add_staff,
                  login, self.new_name.text(), self.new_role.currentData(),
                  self.new_password.text(), by=self._admin())

    def set_password(self) -> None:
        row = self.current()
        if row is None:
            return
        if self.password.text() != self.confirm.text():
            self._say(self.tr("The two passwords differ."), error=True)
            return
        self._run(self.tr("Password of %1 changed.").replace("%1", row.login),
                  self.context.library.set_staff_password, row.login, self.password.text(),
                  by=self._admin())

    def set_role(self) -> None:
        row = self.current()
        if row is None:
            return
        self._run(self.tr("Role of %1 changed.").replace("%1", row.login),
                  self.context.library.set_staff_role, row.login, self.role.currentData(),
                  by=self._admin())

    def toggle_active(self) -> None:
        row = self.current()
        if row is None:
            return
        if row.active:
            self._run(self.tr("%1 disabled.").replace("%1", row.login),
                      self.context.library.disable_staff, row.login, by=self._admin())
        else:
            self._run(self.tr("%1 enabled.").replace("%1", row.login),
                      self.context.library.enable_staff, row.login, by=self._admin())

    def _run(self, done: str, fn: Callable[..., object], *args: object, by: object) -> None:
        if not self._allowed():
            return

        def work() -> object:
            return fn(*args, by=by)

        def finished(_: object) -> None:
            self.reset()
            self._say(done)
            self.refresh()

        self.context.tasks.run(work, on_done=finished, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.password.clear()
        self.confirm.clear()
        self.new_password.clear()
        self.new_confirm.clear()
        if isinstance(error, CirculationRefused):
            self._say(str(error), error=True)
            return
        log.error("staff administration failed: %r", error)
        self._say(self.tr("The staff accounts cannot be changed now; the database did not "
                          "answer. Try again."), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        if error:
            self.context.messages.error.emit(text)
        else:
            self.context.messages.info.emit(text)
