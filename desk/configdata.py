"""Every setting of the desk, declared once: name, type, default and documentation.

Like qutebrowser's ``configdata.yml``: nothing else in the code base invents a setting.
``desk.config`` reads the values from the TOML settings file and the environment and checks
them against these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    name: str
    type: type
    default: Any
    doc: str
    choices: tuple[Any, ...] | None = None


SETTINGS: tuple[Setting, ...] = (
    # --- database and desk ---------------------------------------------------------------
    Setting("database_url", str, "",
            "SQLAlchemy URL of the library database. Empty: the embedded SQLite file in the "
            "user data directory. Several desks share one PostgreSQL URL, e.g. "
            "postgresql+psycopg://desk@dbhost/library."),
    Setting("desk", str, "MAIN-1", "Code of this circulation desk (as added with add_desk)."),
    Setting("language", str, "system",
            "Interface language: 'system' follows the system locale.",
            choices=("system", "zh_TW", "en")),
    # --- library policy --------------------------------------------------------------------
    Setting("timezone", str, "Asia/Taipei", "The library's time zone (IANA name)."),
    Setting("currency", str, "TWD", "ISO 4217 currency of all amounts; TWD shows no decimals."),
    Setting("check_digits", bool, True,
            "Validate the mod-10 (Luhn) check digit of 14-digit library barcodes "
            "(2xxxx... patron cards, 3xxxx... items)."),
    Setting("max_outstanding_fines", int, 0,
            "A patron owing more than this (minor units) may not borrow without an override."),
    Setting("holds_shelf_open_days", int, 7,
            "Open days a trapped hold waits on the holds shelf before it expires."),
    Setting("lost_deadline_months_domestic", int, 1,
            "Months a patron has to compensate a lost domestic publication, fine-free."),
    Setting("lost_deadline_months_foreign", int, 3,
            "Months a patron has to compensate a lost foreign publication, fine-free."),
    Setting("lost_late_fee_per_day", int, 5,
            "Daily charge once the lost-item compensation deadline has passed."),
    Setting("lost_late_fee_cap", int, 1000, "Cap of the late lost-item compensation charge."),
    Setting("lost_handling_fee", int, 100,
            "Handling fee when a lost item is compensated with a replacement copy."),
    Setting("long_overdue_days", int, 30,
            "Days overdue after which an item still out shows its replacement bill (its price) "
            "instead of a collectable fine (SOP 5.7.1, 重買)."),
    Setting("payment_methods", list, ["cash", "easycard"],
            "Codes of the accepted payment methods; 'cash' opens the cash drawer."),
    # --- scanner (keyboard wedge) ----------------------------------------------------------
    Setting("scanner_prefix", str, "", "Characters a scanner sends before each barcode; stripped."),
    Setting("scanner_suffix", str, "", "Characters a scanner sends after each barcode; stripped."),
    Setting("scanner_strip_aim", bool, False,
            "Strip the AIM symbology identifier (]C1, ]E0, ...) a scanner set to send it puts "
            "before each barcode, from wedge and serial scanners alike."),
    Setting("patron_pattern", str, r"^2\d{13}$|^P\d+$",
            "Regular expression that tells a patron card from an item barcode."),
    Setting("item_pattern", str, r"^3\d{13}$|^I\d+$",
            "Regular expression of item barcodes."),
    Setting("wedge_max_interval_ms", int, 35,
            "Longest gap between keystrokes of one wedge-scanner burst."),
    Setting("wedge_min_length", int, 4, "Shortest burst taken as a scan rather than typing."),
    Setting("duplicate_scan_ms", int, 800,
            "The same code scanned again within this time is taken once."),
    # --- the counter ------------------------------------------------------------------------
    Setting("visit_idle_seconds", int, 180,
            "A checkout visit with no scan or key for this many seconds ends as Done (F12) "
            "does: the slip is printed and the patron is cleared, so no later scan is lent to "
            "them. The last 30 seconds are counted down on the screen. 0: never."),
    Setting("idle_lock_minutes", int, 10,
            "After this many minutes with no key, mouse or scan the desk covers itself with a "
            "lock screen; the visit stays underneath and scans are not taken. The signed-in "
            "staff member's password resumes; another staff member signing in there ends the "
            "visit and takes the desk over. 0: never."),
    # --- sounds ------------------------------------------------------------------------------
    Setting("sounds", bool, True, "Play a sound for each scan outcome."),
    # --- devices (built into the desk.devices settings dict by desk.ui.devices_config) -------
    Setting("scanner_device", str, "wedge",
            "The barcode scanner: 'wedge' (types like a keyboard), 'none', or a serial port "
            "(COM3 on Windows, /dev/ttyACM0 on Linux, any pyserial URL) for an RS-232 or USB "
            "CDC-ACM scanner."),
    Setting("scanner_baud", int, 9600, "Baud rate of a serial scanner."),
    Setting("scanner_terminator", str, "CR", "What ends each scan on a serial scanner line.",
            choices=("CR", "LF", "CRLF")),
    Setting("strip_device", str, "none",
            "The security-strip unit: 'none'; a serial port (COM3 on Windows, /dev/ttyUSB0 on "
            "Linux) for a unit driven by command strings; 'rts:PORT' or 'dtr:PORT' (rts:COM3) "
            "for a unit triggered by pulsing that control line of PORT."),
    Setting("strip_desensitize_command", str, "D\\r",
            "Command that desensitizes (serial units); backslash escapes such as \\r, \\n, "
            "\\x02 are understood."),
    Setting("strip_resensitize_command", str, "R\\r",
            "Command that re-sensitizes (serial units); backslash escapes are understood."),
    Setting("strip_ack", str, "OK", "Reply of a serial strip unit that did its job."),
    Setting("strip_nak", str, "NG", "Reply of a serial strip unit that refused (empty: none)."),
    Setting("strip_timeout_ms", int, 1000, "How long to wait for the strip unit's reply."),
    Setting("strip_retries", int, 2, "Times a command is sent again when the unit does not answer."),
    Setting("strip_pulse_ms", int, 200, "Length of the control-line pulse (rts:/dtr: units)."),
    Setting("printer_device", str, "none",
            "The receipt printer: 'none' (slips only on screen), tcp://HOST:9100 (network "
            "ESC/POS), serial:///dev/ttyUSB0, file:///dev/usb/lp0, pdf:///DIRECTORY (each slip "
            "saved as a PDF), system (the system's default printer through Qt's print support) or "
            "system:NAME (a named system printer)."),
    Setting("printer_cjk", str, "raster",
            "How an ESC/POS printer gets Chinese text: 'raster' (printed as an image, works on "
            "any printer) or 'big5' (the printer's own Big5 font).", choices=("raster", "big5")),
    Setting("slip_header", list, ["圖書館 Library"],
            "Lines printed at the top of every slip (the library's name, branch, address)."),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
