"""The screens' read-only tables: selection, column widths, money aligned right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from desk.ui.widgets.tables import fill_table, make_table, selected_rows


def test_list_opened_with_enter_selects_one_row_and_fits_its_columns(qtbot) -> None:
    table = make_table("results", ["Card", "Name", "Fine if returned now"], 1,
                       single=True, fit=True)
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    assert table.objectName() == "results"
    assert table.selectionMode() is QAbstractItemView.SelectionMode.SingleSelection
    assert [header.sectionResizeMode(c) for c in range(3)] == [
        QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
        QHeaderView.ResizeMode.ResizeToContents]
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def test_money_list_selects_several_rows_and_aligns_amounts(qtbot) -> None:
    table = make_table("charges", ["Kind", "Amount"], 0)
    qtbot.addWidget(table)
    assert table.selectionMode() is QAbstractItemView.SelectionMode.ExtendedSelection
    assert table.horizontalHeader().sectionResizeMode(1) is QHeaderView.ResizeMode.Interactive
    fill_table(table, [["Overdue fine", "NT$50"], ["Refund", "-NT$5"]])
    fill_table(table, [["Overdue fine", "NT$50"], ["Refund", "-NT$5"]])   # replaces, not adds
    assert table.rowCount() == 2
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert table.item(0, 1).textAlignment() == right and table.item(1, 1).textAlignment() == right
    assert table.item(0, 0).textAlignment() != right
    table.selectRow(1)
    assert selected_rows(table) == [1]
