"""Accessible names and descriptions for a screen reader, on every input, list and button.

``name_widgets(root)`` runs on each screen the main window builds (and on the window itself):
a widget that has no accessible name of its own gets the words a sighted clerk reads beside it,
all already in the desk's language: its form label or buddy label, the heading of its group
box, its placeholder, its tool tip. Its tool tip becomes its description when it has none.
Lists with nothing beside them are named in ``NAMES``. ``spoken_name`` is what assistive technology is given (Qt's own rules included: a button is
named by its text), and ``unnamed`` lists the interactive widgets that still have none: the
test that walks every screen fails on them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractScrollArea,
                               QAbstractSlider, QAbstractSpinBox, QComboBox, QFormLayout,
                               QGroupBox, QLabel, QLayout, QLineEdit, QPlainTextEdit, QTabBar, QTabWidget,
                               QTextEdit, QWidget)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
               QPlainTextEdit, QTextEdit, QAbstractSlider, QTabBar)
# What a screen puts inside a scroll area or tab page: named like any other widget.
INTERACTIVE_CONTENT = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox,
                       QAbstractItemView, QPlainTextEdit, QTextEdit)


# Lists and fields with nothing beside them that names them, by object name: what a screen
# reader says (translated in the "AccessibleNames" context).
NAMES = {
    "checkoutRows": QT_TRANSLATE_NOOP("AccessibleNames", "Books of this visit"),
    "checkinRows": QT_TRANSLATE_NOOP("AccessibleNames", "Returned items"),
    "bookdropDate": QT_TRANSLATE_NOOP("AccessibleNames", "Book-drop return date"),
    "renewTable": QT_TRANSLATE_NOOP("AccessibleNames", "Loans to renew"),
    "patronResults": QT_TRANSLATE_NOOP("AccessibleNames", "Patrons found"),
    "recordLoans": QT_TRANSLATE_NOOP("AccessibleNames", "Loans"),
    "recordHolds": QT_TRANSLATE_NOOP("AccessibleNames", "Holds"),
    "recordCharges": QT_TRANSLATE_NOOP("AccessibleNames", "Charges"),
    "recordRequests": QT_TRANSLATE_NOOP("AccessibleNames", "Requests"),
    "recordMessages": QT_TRANSLATE_NOOP("AccessibleNames", "Messages"),
    "recordHistory": QT_TRANSLATE_NOOP("AccessibleNames", "Loan history"),
    "recordProxies": QT_TRANSLATE_NOOP("AccessibleNames", "Proxies"),
    "recordActivity": QT_TRANSLATE_NOOP("AccessibleNames", "Activity"),
    "itemResults": QT_TRANSLATE_NOOP("AccessibleNames", "Items found"),
    "itemHistory": QT_TRANSLATE_NOOP("AccessibleNames", "Loan history of the item"),
    "shelfTable": QT_TRANSLATE_NOOP("AccessibleNames", "Holds shelf"),
    "pullTable": QT_TRANSLATE_NOOP("AccessibleNames", "Items to pull from the shelf"),
    "sweepTable": QT_TRANSLATE_NOOP("AccessibleNames", "Items scanned while clearing the shelf"),
    "chargesTable": QT_TRANSLATE_NOOP("AccessibleNames", "Charges"),
    "pendingTable": QT_TRANSLATE_NOOP("AccessibleNames", "Charges not yet collectable"),
    "loansTable": QT_TRANSLATE_NOOP("AccessibleNames", "Loans"),
    "receiptsTable": QT_TRANSLATE_NOOP("AccessibleNames", "Receipts"),
    "payAmount": QT_TRANSLATE_NOOP("AccessibleNames", "Amount to pay"),
    "payTendered": QT_TRANSLATE_NOOP("AccessibleNames", "Amount handed over"),
    "slipEntry": QT_TRANSLATE_NOOP("AccessibleNames", "Manual slip entry"),
    "slipRows": QT_TRANSLATE_NOOP("AccessibleNames", "Manual slips keyed in"),
    "desksTable": QT_TRANSLATE_NOOP("AccessibleNames", "Desks"),
    "dayPayments": QT_TRANSLATE_NOOP("AccessibleNames", "Payments"),
    "historyTable": QT_TRANSLATE_NOOP("AccessibleNames", "Settlements"),
    "settlementLines": QT_TRANSLATE_NOOP("AccessibleNames", "Settlement lines"),
    "floatAmount": QT_TRANSLATE_NOOP("AccessibleNames", "Change fund"),
    "noticesTable": QT_TRANSLATE_NOOP("AccessibleNames", "Notices"),
    "staffTable": QT_TRANSLATE_NOOP("AccessibleNames", "Staff"),
    "replayRows": QT_TRANSLATE_NOOP("AccessibleNames", "Offline transactions"),
    "slipView": QT_TRANSLATE_NOOP("AccessibleNames", "Last slip"),
    "tagPart": QT_TRANSLATE_NOOP("AccessibleNames", "Piece to write on the RFID tag"),
    "pullListTable": QT_TRANSLATE_NOOP("AccessibleNames", "Pull list"),
    "terminalsTable": QT_TRANSLATE_NOOP("AccessibleNames", "Self-check terminals"),
    "searchTable": QT_TRANSLATE_NOOP("AccessibleNames", "Missing-book searches"),
    "retrievalTable": QT_TRANSLATE_NOOP("AccessibleNames", "Withdrawn-area retrievals"),
}


def plain(text: str) -> str:
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&")
                    .rstrip(":：").split())


def in_layout(layout: QLayout, widget: QWidget) -> bool:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is widget:
            return True
        inner = item.layout()
        if inner is not None and in_layout(inner, widget):
            return True
    return False


def form_label(widget: QWidget) -> str:
    """The label of the form row the widget is in (alone or beside a button), if any."""
    for form in widget.window().findChildren(QFormLayout):
        for row in range(form.rowCount()):
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if field is None or label is None or not isinstance(label.widget(), QLabel):
                continue
            inner = field.layout()
            container = field.widget()
            if container is widget or (container is not None and container.isAncestorOf(widget)
                                       and not isinstance(container, QGroupBox)) \
                    or (inner is not None and in_layout(inner, widget)):
                text = label.widget().text()
                if text:
                    return plain(text)
    return ""


def buddy_label(widget: QWidget) -> str:
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return plain(label.text())
    return ""


def group_title(widget: QWidget) -> str:
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QGroupBox) and parent.title():
            return plain(parent.title())
        parent = parent.parentWidget()
    return ""


def derived_name(widget: QWidget) -> str:
    """The words beside the widget that name it, best first."""
    if widget.objectName() in NAMES:
        return QCoreApplication.translate("AccessibleNames", NAMES[widget.objectName()])
    for name in (form_label(widget), buddy_label(widget)):
        if name:
            return name
    placeholder = getattr(widget, "placeholderText", None)
    if callable(placeholder) and placeholder():
        return plain(placeholder())
    if widget.toolTip():
        return plain(widget.toolTip())
    if isinstance(widget, (QAbstractItemView, QPlainTextEdit, QTextEdit)):
        return group_title(widget)
    return ""


def name_widgets(root: QWidget) -> None:
    """Give every interactive widget under ``root`` a name and description it lacks."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE):
            continue
        if not widget.accessibleName() and not (isinstance(widget, QAbstractButton)
                                                and widget.text()):
            name = derived_name(widget)
            if name:
                widget.setAccessibleName(name)
        if not widget.accessibleDescription() and widget.toolTip():
            widget.setAccessibleDescription(plain(widget.toolTip()))


def spoken_name(widget: QWidget) -> str:
    """The name assistive technology is given for the widget."""
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or widget.accessibleName()).strip()


def part_of_qt_widget(widget: QWidget) -> bool:
    """A part Qt builds inside its own widget (a scroll area's scroll bars, a table's headings
    and corner button, a spin box's or combo box's line edit, a tab widget's tab bar): Qt
    names it to assistive technology through its owner (a line edit's clear button too)."""
    if widget.objectName() in QT_INTERNALS:
        return True
    if widget.window().metaObject().className() == "QComboBoxPrivateContainer":
        return True                                   # a combo box's drop-down list
    owner = widget.parentWidget()
    while owner is not None and not owner.isWindow():
        if isinstance(owner, (QAbstractScrollArea, QAbstractSpinBox, QComboBox, QTabWidget)) \
                and not isinstance(widget, INTERACTIVE_CONTENT):
            return True
        if isinstance(owner, (QAbstractItemView, QAbstractSpinBox, QComboBox, QTabBar, QLineEdit)):
            return True
        owner = owner.parentWidget()
    return False


def unnamed(root: QWidget) -> list[QWidget]:
    """The interactive widgets under ``root`` that a screen reader could not name."""
    return [widget for widget in root.findChildren(QWidget)
            if isinstance(widget, INTERACTIVE) and not part_of_qt_widget(widget)
            and not spoken_name(widget)]


# Parts Qt builds inside its own widgets (the scroll bars' buttons, a table's corner button,
# a tool bar's extension button, a spin box's line edit): Qt names them to assistive
# technology through their owner.
QT_INTERNALS = {"qt_toolbar_ext_button", "qt_menubar_ext_button", "qt_spinbox_lineedit", "qt_calendar_navigationbar",
                "qt_calendar_prevmonth", "qt_calendar_nextmonth", "qt_calendar_monthbutton",
                "qt_calendar_yearbutton", "qt_calendar_yearedit", "qt_calendar_calendarview",
                "qt_tabwidget_tabbar", "qt_dockwidget_closebutton", "qt_dockwidget_floatbutton"}


def describe(widget: QWidget, name: str, description: str) -> None:
    """A banner (route, refusal, patron) says what it shows now to a screen reader, which is
    told that it changed."""
    widget.setAccessibleName(name)
    if description != widget.accessibleDescription():
        widget.setAccessibleDescription(description)
        event = QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged)
        QAccessible.updateAccessibility(event)
