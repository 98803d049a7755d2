"""The read-only lists of the screens (results, loans, charges, the holds shelf, settlement
lines): one way to make them and fill them, so every list looks and behaves alike; and
``fit_tables``, which the main window runs on every screen it builds: columns as wide as their
values (a barcode, a name, a due date is never cut), the title taking the slack, tool tips on
any cell still cut."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableView, QTableWidget, QTableWidgetItem,
                               QToolTip, QWidget)


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
    table.setItemDelegate(CutCellTips(table))
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


class CutCellTips(QStyledItemDelegate):
    """Shows a cell's whole text as its tool tip when the column is too narrow for it (a cell
    with a tool tip of its own keeps that one)."""

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,  # noqa: N802
                  option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
                  ) -> bool:
        if event.type() != QEvent.Type.ToolTip or index.data(Qt.ItemDataRole.ToolTipRole):
            return super().helpEvent(event, view, option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if isinstance(text, str) and text and is_cut(view, index, text):
            QToolTip.showText(event.globalPos(), text, view)
            return True
        QToolTip.hideText()
        return super().helpEvent(event, view, option, index)


def text_room(view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex) -> int:
    """The width a cell's text gets: the cell less the style's text margins."""
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return view.visualRect(QModelIndex(index)).width() - 2 * margin


def text_width(view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex,
               text: str) -> int:
    font = index.data(Qt.ItemDataRole.FontRole)
    metrics = QFontMetrics(font if isinstance(font, QFont) else view.font())
    return metrics.horizontalAdvance(text)


def is_cut(view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex,
           text: str) -> bool:
    return text_width(view, index, text) > text_room(view, index)


def fit_table(table: QTableView) -> None:
    """Every column that does not take the spare width (``Stretch``: the title, the notices) is
    as wide as its heading and its values, so a barcode, a name or a date is never cut; with no
    such column the last one takes the spare width. Cut cells tell their text as a tool tip."""
    header = table.horizontalHeader()
    stretching = [column for column in range(header.count())
                  if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch]
    for column in range(header.count()):
        if column not in stretching:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    if not stretching:
        header.setStretchLastSection(True)
    if type(table.itemDelegate()) is QStyledItemDelegate:
        table.setItemDelegate(CutCellTips(table))


def fit_tables(root: QWidget) -> None:
    """``fit_table`` on every table under ``root`` (a screen, once built)."""
    for table in root.findChildren(QTableView):
        fit_table(table)
