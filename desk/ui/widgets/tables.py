"""The read-only lists of the screens (results, loans, charges, the holds shelf, settlement
lines): one way to make them and fill them, so every list looks and behaves alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def make_table(name: str, headers: list[str], stretch: int | None = None, *,
               single: bool = False, fit: bool = False) -> QTableWidget:
    """A table of whole rows, not editable, without row numbers. ``stretch``: the column that
    takes the spare width; ``single``: one row selected at a time (lists opened with Enter);
    ``fit``: the other columns as wide as their headings and values."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)     # Tab leaves the list (arrows move inside it)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        elif fit:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]]) -> None:
    """Replace the rows; amounts of money are right-aligned."""
    table.setRowCount(0)
    for values in rows:
        index = table.rowCount()
        table.insertRow(index)
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if value.startswith(("NT$", "-NT$")):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(index, column, item)


def selected_rows(table: QTableWidget) -> list[int]:
    return sorted({index.row() for index in table.selectionModel().selectedRows()})
