"""Every setting of the desk, declared once: name, type, default, documentation and the check of
its natural range.

Like qutebrowser's ``configdata.yml``: nothing else in the code base invents a setting.
``desk.config`` reads the values from the TOML settings file and the environment and checks
them against these declarations: first the type (and ``choices``), then ``check``, a function
that returns ``None`` for a good value or, for a bad one, what is allowed ("at least 0", "an IANA
time zone name such as Asia/Taipei", in the wording's language: ``desk.wording.cli``), which
``desk.config`` puts in its message with the file and the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desk.currencies import CURRENCY_DECIMALS
from desk.wording import text

Check = Callable[[Any], "str | None"]
# Money in minor units: what one amount column of the database holds (32 bits on PostgreSQL),
# far above any real fine; ``max_amount`` is the API's own, lower, limit.
MONEY_MAX = 2_147_483_647
STANDARD_BAUDS = (300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200,
                  230400, 460800, 921600)
PAYMENT_CODE = re.compile(r"[a-z][a-z0-9_]{0,31}")


def between(low: int, high: int) -> Check:
    """An integer from ``low`` to ``high`` inclusive."""
    def check(value: int) -> str | None:
        return None if low <= value <= high else text("config_between", low=f"{low:,}",
                                                       high=f"{high:,}")
    return check


def text_up_to(length: int, *, empty: bool = True) -> Check:
    """Printable text of at most ``length`` characters (``empty``: may be empty)."""
    def check(value: str) -> str | None:
        wanted = text("config_text_up_to" if empty else "config_text_up_to_non_empty",
                      length=length)
        if (not empty and not value.strip()) or len(value) > length:
            return wanted
        if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in value):
            return wanted
        return None
    return check


def length_up_to(length: int, *, empty: bool = True) -> Check:
    """Any characters (device strings may hold control characters), at most ``length``."""
    def check(value: str) -> str | None:
        if (not empty and not value) or len(value) > length:
            return text("config_length_up_to" if empty else "config_length_up_to_non_empty",
                        length=length)
        return None
    return check


def timezone_name(value: str) -> str | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    allowed = text("config_timezone")
    if not value or len(value) > 64 or value != value.strip() or "\x00" in value:
        return allowed
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return allowed
    return None


def currency_code(value: str) -> str | None:
    if value in CURRENCY_DECIMALS:
        return None
    return text("config_currency")


def payment_codes(value: list[Any]) -> str | None:
    allowed = text("config_payment_codes")
    if not value or len(value) > 20:
        return allowed
    if not all(isinstance(code, str) and PAYMENT_CODE.fullmatch(code) for code in value):
        return allowed
    return None if len(set(value)) == len(value) else allowed


def item_type_codes(value: list[Any]) -> str | None:
    # the types first: a list inside the list is not hashable
    if (isinstance(value, list) and len(value) <= 20
            and all(isinstance(v, str) and 0 < len(v) <= 32 for v in value)
            and len(set(value)) == len(value)):
        return None
    return text("config_item_type_codes")


def overdue_days(value: list[Any]) -> str | None:
    if (isinstance(value, list) and len(value) <= 10
            and all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 3650
                    for v in value)
            and len(set(value)) == len(value)):
        return None
    return text("config_overdue_days")


def smtp_tls(value: str) -> str | None:
    return None if value in ("starttls", "ssl", "none") else text("config_smtp_tls")


def regular_expression(value: str) -> str | None:
    allowed = text("config_regular_expression")
    if not value or len(value) > 200:
        return allowed
    try:
        re.compile(value)
    except (re.error, RecursionError, OverflowError):
        return allowed
    return None


def clock_time(value: str) -> str | None:
    allowed = text("config_clock_time")
    match = re.fullmatch(r"(\d\d):(\d\d)", value)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return allowed
    return None


def country_code(value: str) -> str | None:
    return None if value == "" or re.fullmatch(r"[A-Z]{2}", value) else (
        text("config_country_code"))


def isil_code(value: str) -> str | None:
    return None if re.fullmatch(r"[\x21-\x7e]{0,9}", value) else (
        text("config_isil_code"))


def baud_rate(value: int) -> str | None:
    return None if value in STANDARD_BAUDS else (
        text("config_baud_rate", rates=", ".join(str(b) for b in STANDARD_BAUDS)))


def slip_lines(value: list[Any]) -> str | None:
    allowed = text("config_slip_lines")
    if len(value) > 10:
        return allowed
    line = text_up_to(64)
    return None if all(isinstance(v, str) and line(v) is None for v in value) else allowed


def sort_bins(value: list[Any]) -> str | None:
    allowed = text("config_sort_bins")
    if len(value) != 4:
        return allowed
    return None if all(isinstance(v, str) and re.fullmatch(r"[A-Za-z0-9]{1,10}", v)
                       for v in value) else allowed


def database_url(value: str) -> str | None:
    if not value:
        return None
    # Imported here: SQLAlchemy is loaded only for a settings file that names a database.
    from desk.database_urls import url_problem
    return url_problem(value)


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    name: str
    type: type
    default: Any
    doc: str
    choices: tuple[Any, ...] | None = None
    check: Check | None = None


SETTINGS: tuple[Setting, ...] = (
    # --- database and desk ---------------------------------------------------------------
    Setting("database_url", str, "",
            "SQLAlchemy URL of the library database. Empty: the embedded SQLite file in the "
            "user data directory. Several desks share one PostgreSQL URL, e.g. "
            "postgresql+psycopg://desk@dbhost/library.",
            check=database_url),
    Setting("desk", str, "MAIN-1", "Code of this circulation desk (as added with add_desk).",
            check=text_up_to(32, empty=False)),
    Setting("language", str, "system",
            "Interface language: 'system' follows the system locale.",
            choices=("system", "zh_TW", "en")),
    # --- backups ---------------------------------------------------------------------------
    Setting("backup_dir", str, "",
            "Folder for the library's backups: best a second disk or a network share. Empty: "
            "a 'backups' folder in the user data directory.",
            check=text_up_to(1000)),
    Setting("backup_every_hours", int, 24,
            "The desk backs the library up when its newest backup in the folder is older than "
            "this (checked every few minutes), and after each day close. 0: only after a day "
            "close and by hand (python -m desk backup).",
            check=between(0, 24 * 366)),
    Setting("backup_max_age_hours", int, 48,
            "The status bar warns when the newest good backup is older than this. 0: never.",
            check=between(0, 24 * 366)),
    Setting("backup_keep_daily", int, 14,
            "Backups kept: the newest of each of this many most recent days.",
            check=between(1, 3660)),
    Setting("backup_keep_weekly", int, 8,
            "Backups kept: also the newest of each of this many most recent weeks.",
            check=between(0, 520)),
    # --- library policy --------------------------------------------------------------------
    Setting("timezone", str, "Asia/Taipei", "The library's time zone (IANA name).",
            check=timezone_name),
    Setting("currency", str, "TWD", "ISO 4217 currency of all amounts; TWD shows no decimals.",
            check=currency_code),
    Setting("check_digits", bool, True,
            "Validate the mod-10 (Luhn) check digit of 14-digit library barcodes "
            "(2xxxx... patron cards, 3xxxx... items)."),
    Setting("max_outstanding_fines", int, 0,
            "A patron owing more than this (minor units) may not borrow without an override.",
            check=between(0, MONEY_MAX)),
    Setting("holds_shelf_open_days", int, 7,
            "Open days a trapped hold waits on the holds shelf before it expires.",
            check=between(1, 365)),
    Setting("lost_deadline_months_domestic", int, 1,
            "Months a patron has to compensate a lost domestic publication, fine-free.",
            check=between(0, 120)),
    Setting("lost_deadline_months_foreign", int, 3,
            "Months a patron has to compensate a lost foreign publication, fine-free.",
            check=between(0, 120)),
    Setting("lost_late_fee_per_day", int, 5,
            "Daily charge once the lost-item compensation deadline has passed.",
            check=between(0, MONEY_MAX)),
    Setting("lost_late_fee_cap", int, 1000, "Cap of the late lost-item compensation charge.",
            check=between(0, MONEY_MAX)),
    Setting("lost_handling_fee", int, 100,
            "Handling fee when a lost item is compensated with a replacement copy.",
            check=between(0, MONEY_MAX)),
    Setting("delivery_fee", int, 20,
            "Fee for delivering one item from another location (圖書代借, SOP 5.3.9), taken "
            "when the request is made (minor units).",
            check=between(1, MONEY_MAX)),
    Setting("delivery_pull_open_days", int, 2,
            "Open days the owning location has to pull a requested delivery from its shelves; "
            "later it is flagged overdue on the pull list.",
            check=between(1, 60)),
    Setting("delivery_shelf_open_days", int, 3,
            "Open days a delivered item waits on the pickup location's holds shelf; then it "
            "goes back to its own location and the fee is not refunded.",
            check=between(1, 60)),
    Setting("delivery_refund_open_days", int, 7,
            "Open days after a delivery could not be made during which its fee is refunded.",
            check=between(1, 365)),
    Setting("long_overdue_days", int, 30,
            "Days overdue after which an item still out shows its replacement bill (its price) "
            "instead of a collectable fine (SOP 5.7.1, 重買).",
            check=between(1, 3650)),
    Setting("blocks_need_supervisor", bool, False,
            "Blocking and unblocking a patron (停權) needs a supervisor's approval."),
    Setting("claims_need_supervisor", bool, False,
            "Recording a claim (claims returned / never borrowed, SOP 5.10) needs a "
            "supervisor's approval."),
    Setting("claims_warning_threshold", int, 3,
            "Checkout warns (patron_claims) when the patron has made this many claims "
            "(returned or never borrowed) in all; 0 never warns.",
            check=between(0, 1000)),
    Setting("history_keep_days", int, 180,
            "Days a returned loan keeps its link to the patron (Taiwan's Personal Data "
            "Protection Act): 'python -m desk privacy purge' and Maintenance > Anonymise loan "
            "history remove the patron from loans returned longer ago (dates, item and money "
            "stay). Open loans and loans with unpaid charges are kept. 0: keep forever.",
            check=between(0, 36_500)),
    Setting("reserve_item_types", list, ["reserve"],
            "Item types kept on the course-reserve shelf: returning one says to put it back "
            "there, not on the open shelves.",
            check=item_type_codes),
    Setting("payment_methods", list, ["cash", "easycard"],
            "Codes of the accepted payment methods; 'cash' opens the cash drawer.",
            check=payment_codes),
    Setting("max_amount", int, 100_000_000,
            "The largest amount (minor units) any one payment, charge, waiver, price, fine, "
            "cash count or float may be; a larger one is refused as a typing error. At most "
            "2147483647, what the database stores in one amount column (TWD: NT$100,000,000 by "
            "default; a currency with cents: 1,000,000.00).",
            check=between(1, MONEY_MAX)),
    # --- scanner (keyboard wedge) ----------------------------------------------------------
    Setting("scanner_prefix", str, "", "Characters a scanner sends before each barcode; stripped.",
            check=length_up_to(16)),
    Setting("scanner_suffix", str, "", "Characters a scanner sends after each barcode; stripped.",
            check=length_up_to(16)),
    Setting("scanner_strip_aim", bool, False,
            "Strip the AIM symbology identifier (]C1, ]E0, ...) a scanner set to send it puts "
            "before each barcode, from wedge and serial scanners alike."),
    Setting("patron_pattern", str, r"^2\d{13}$|^P\d+$",
            "Regular expression that tells a patron card from an item barcode.",
            check=regular_expression),
    Setting("item_pattern", str, r"^3\d{13}$|^I\d+$",
            "Regular expression of item barcodes.",
            check=regular_expression),
    Setting("wedge_max_interval_ms", int, 35,
            "Longest gap between keystrokes of one wedge-scanner burst.",
            check=between(1, 1000)),
    Setting("wedge_min_length", int, 4, "Shortest burst taken as a scan rather than typing.",
            check=between(1, 100)),
    Setting("duplicate_scan_ms", int, 800,
            "The same code scanned again within this time is taken once.",
            check=between(0, 60_000)),
    # --- the counter ------------------------------------------------------------------------
    Setting("visit_idle_seconds", int, 180,
            "A checkout visit with no scan or key for this many seconds ends as Done (F12) "
            "does: the slip is printed and the patron is cleared, so no later scan is lent to "
            "them. The last 30 seconds are counted down on the screen. 0: never.",
            check=between(0, 86_400)),
    Setting("idle_lock_minutes", int, 10,
            "After this many minutes with no key, mouse or scan the desk covers itself with a "
            "lock screen; the visit stays underneath and scans are not taken. The signed-in "
            "staff member's password resumes; another staff member signing in there ends the "
            "visit and takes the desk over. 0: never.",
            check=between(0, 24 * 60)),
    # --- patron notices (python -m desk notices send) ----------------------------------------
    Setting("smtp_host", str, "",
            "The mail server notices are sent through (e.g. smtp.example.edu.tw). Empty: no "
            "e-mail is sent; notices wait in the outbox.", check=text_up_to(255)),
    Setting("smtp_port", int, 587,
            "Its port: 587 for STARTTLS, 465 for SSL, 25 for a plain relay.",
            check=between(1, 65535)),
    Setting("smtp_user", str, "", "Login for the mail server (empty: no authentication).",
            check=text_up_to(255)),
    Setting("smtp_password", str, "",
            "Password for the mail server; the environment variable DESK_SMTP_PASSWORD "
            "overrides it, so it need not be written in the settings file.",
            check=text_up_to(255)),
    Setting("smtp_tls", str, "starttls",
            "Encryption: 'starttls' (upgrade the connection), 'ssl' (TLS from the start) or "
            "'none' (a local relay only).", choices=("starttls", "ssl", "none"), check=smtp_tls),
    Setting("smtp_connections", int, 8,
            "Connections to the mail server one run of notices send uses at once (the server "
            "answers each command in turn: several keep it busy while one waits).",
            check=between(1, 32)),
    Setting("smtp_timeout_seconds", int, 30,
            "How long to wait for the mail server before trying again later.",
            check=between(1, 600)),
    Setting("notice_from", str, "",
            "The sender of notices, e.g. 圖書館 <library@example.edu.tw>.",
            check=text_up_to(255)),
    Setting("notice_library_name", str, "",
            "Signed at the foot of every notice (empty: the first line of slip_header).",
            check=text_up_to(200)),
    Setting("notice_courtesy_days", int, 3,
            "A courtesy reminder is sent this many days before a loan is due. 0: none.",
            check=between(0, 60)),
    Setting("notice_overdue_days", list, [1, 7, 14],
            "Overdue notices are sent this many days after the due date (one notice per loan "
            "and stage).", check=overdue_days),
    Setting("notices_pdf_dir", str, "",
            "Where the printable notices for patrons without e-mail are saved (a PDF per run). "
            "Empty: a 'notices' folder in the user data directory.", check=text_up_to(1000)),
    Setting("notices_send_every_minutes", int, 0,
            "The desk sends pending notices this often, in the background. 0: never (send with "
            "python -m desk notices send, e.g. from cron).", check=between(0, 24 * 60)),
    # --- missing-book searches and withdrawn-area retrieval (SOP 5.11, 5.12) -------------------
    Setting("search_reply_open_days", int, 5,
            "A missing-book search (圖書協尋) without a reply-by date from the patron is searched "
            "for this many open days (SOP 5.11.2); at its deadline the item becomes missing.",
            check=between(1, 60)),
    Setting("search_hold_days", int, 10,
            "Days a found item is kept behind the desk for the patron who asked for the search, "
            "from the day it was found (SOP 5.11.6.1).", check=between(1, 60)),
    Setting("retrieval_pickup_open_days", int, 7,
            "Open days an item fetched from the withdrawn area (撤架區取書) waits for its patron "
            "before it goes back to the withdrawn area (SOP 5.12.5.2).", check=between(1, 60)),
    Setting("reading_due_time", str, "21:30",
            "A non-loanable item lent for reading in the library against an ID (SOP 5.12.5.1) "
            "is due back the same day at this time (HH:MM, the library's closing).",
            check=clock_time),
    # --- self-check machines and gates (python -m desk sip2 serve) ---------------------------
    Setting("sip_institution_id", str, "",
            "The institution id (SIP2 field AO) self-check machines must send. Empty: any is "
            "accepted.", check=text_up_to(64)),
    Setting("sip_max_connections", int, 64,
            "Self-check machines and gates connected at once; a connection beyond this is "
            "closed at once (the machine retries).", check=between(1, 10_000)),
    Setting("sip_message_timeout_seconds", int, 10,
            "A message begun must end (CR) within this many seconds, else the connection is "
            "closed (a half-sent message does not hold a connection).", check=between(1, 600)),
    Setting("sip_idle_timeout_seconds", int, 600,
            "A connection with no message for this many seconds is closed (machines send SC "
            "status every minute or so while idle).", check=between(1, 86_400)),
    Setting("sip_worker_threads", int, 8,
            "Threads doing the server's database work: messages from this many terminals are "
            "answered at once (keep it at or below the database's connection pool).",
            check=between(1, 64)),
    Setting("sip_tls_certificate", str, "",
            "PEM certificate file for SIP2 over TLS (with sip_tls_key). Empty: plain TCP, for a "
            "closed network or a VPN only.", check=text_up_to(1000)),
    Setting("sip_tls_key", str, "",
            "PEM private key file of sip_tls_certificate.", check=text_up_to(1000)),
    Setting("sip_sort_bins", list, ["1", "2", "3", "4"],
            "Sort bins (SIP2 field CL) a return machine drops items in, by route: to shelve, "
            "to the holds shelf, in transit to another branch, for staff.", check=sort_bins),
    # --- files brought to the desk (CSV imports, Koha .koc files) ----------------------------
    Setting("import_max_bytes", int, 200 * 1024 * 1024,
            "Largest CSV file 'python -m desk import' reads (bytes); a larger one is refused "
            "before it is read. The file is read line by line, so memory does not grow with it.",
            check=between(1024, 4 * 1024 ** 3)),
    Setting("koc_max_bytes", int, 100 * 1024 * 1024,
            "Largest Koha offline circulation file (.koc) 'python -m desk offline import' reads "
            "(bytes); a larger one is refused before it is read. Lines longer than 4,096 bytes "
            "are reported as bad lines.",
            check=between(1024, 4 * 1024 ** 3)),
    # --- sounds ------------------------------------------------------------------------------
    Setting("sounds", bool, True, "Play a sound for each scan outcome."),
    Setting("sound_volume", int, 60, "Volume of the outcome sounds, in percent (0 to 100).",
            check=between(0, 100)),
    Setting("flash", bool, True,
            "Flash the window red for a moment when something is refused (seen from the "
            "corner of the eye while looking at the book)."),
    # --- the screen ---------------------------------------------------------------------------
    Setting("text_size_percent", int, 100,
            "Size of all the desk's text, in percent (100 to 200): larger for tired eyes or a "
            "screen seen from further away.", check=between(100, 200)),
    Setting("high_contrast", bool, False,
            "High-contrast colours: black and white screens, and route banners told apart by "
            "their border as well as their icon, word and sound (colour is never the only "
            "signal)."),
    # --- devices (built into the desk.devices settings dict by desk.ui.devices_config) -------
    Setting("scanner_device", str, "wedge",
            "The barcode scanner: 'wedge' (types like a keyboard), 'none', or a serial port "
            "(COM3 on Windows, /dev/ttyACM0 on Linux, any pyserial URL) for an RS-232 or USB "
            "CDC-ACM scanner.",
            check=text_up_to(200, empty=False)),
    Setting("scanner_baud", int, 9600, "Baud rate of a serial scanner.",
            check=baud_rate),
    Setting("scanner_terminator", str, "CR", "What ends each scan on a serial scanner line.",
            choices=("CR", "LF", "CRLF")),
    Setting("strip_device", str, "none",
            "The security-strip unit: 'none'; a serial port (COM3 on Windows, /dev/ttyUSB0 on "
            "Linux) for a unit driven by command strings; 'rts:PORT' or 'dtr:PORT' (rts:COM3) "
            "for a unit triggered by pulsing that control line of PORT.",
            check=text_up_to(200, empty=False)),
    Setting("strip_desensitize_command", str, "D\\r",
            "Command that desensitizes (serial units); backslash escapes such as \\r, \\n, "
            "\\x02 are understood.",
            check=length_up_to(64)),
    Setting("strip_resensitize_command", str, "R\\r",
            "Command that re-sensitizes (serial units); backslash escapes are understood.",
            check=length_up_to(64)),
    Setting("strip_ack", str, "OK", "Reply of a serial strip unit that did its job.",
            check=length_up_to(64, empty=False)),
    Setting("strip_nak", str, "NG", "Reply of a serial strip unit that refused (empty: none).",
            check=length_up_to(64)),
    Setting("strip_timeout_ms", int, 1000, "How long to wait for the strip unit's reply.",
            check=between(1, 60_000)),
    Setting("strip_retries", int, 2, "Times a command is sent again when the unit does not answer.",
            check=between(0, 10)),
    Setting("strip_pulse_ms", int, 200, "Length of the control-line pulse (rts:/dtr: units).",
            check=between(1, 10_000)),
    Setting("rfid_device", str, "none",
            "The RFID pad (a 3M 810 ISO 15693 reader): 'none', or its serial port (COM3 on "
            "Windows, /dev/ttyUSB0 on Linux, socket://HOST:PORT, any pyserial URL).",
            check=text_up_to(200, empty=False)),
    Setting("rfid_afi_in_library", int, 0x07,
            "The AFI written to a tag on return (the gate alarms): 7 (0x07) by default.",
            check=between(0, 255)),
    Setting("rfid_afi_on_loan", int, 0xC2,
            "The AFI written to a tag on loan (the gate lets it pass): 194 (0xC2) by default.",
            check=between(0, 255)),
    Setting("rfid_timeout_ms", int, 500, "How long to wait for the RFID reader's answer (ms).",
            check=between(50, 10_000)),
    Setting("rfid_retries", int, 2,
            "Times a request to the RFID reader, or a security write that did not read back, "
            "is tried again.",
            check=between(0, 10)),
    Setting("rfid_poll_ms", int, 100, "How often the pad is asked what lies on it (ms).",
            check=between(20, 5_000)),
    Setting("rfid_country", str, "TW",
            "Country written on new tags (ISO 3166 two letters; empty: none).",
            check=country_code),
    Setting("rfid_isil", str, "",
            "ISIL of the library written on new tags, at most 9 characters (e.g. TW-NKUST).",
            check=isil_code),
    Setting("printer_device", str, "none",
            "The receipt printer: 'none' (slips only on screen), tcp://HOST:9100 (network "
            "ESC/POS), a serial ESC/POS printer (COM3 on Windows, serial:///dev/ttyUSB0 on "
            "Linux), win32raw:NAME (raw ESC/POS to the Windows printer queue NAME, cash drawer "
            "included), file:///dev/usb/lp0, pdf:///DIRECTORY (each slip saved as a PDF), system "
            "(the system's default printer through Qt's print support) or system:NAME (a named "
            "system printer).",
            check=text_up_to(300, empty=False)),
    Setting("printer_cjk", str, "raster",
            "How an ESC/POS printer gets Chinese text: 'raster' (printed as an image, works on "
            "any printer) or 'big5' (the printer's own Big5 font).", choices=("raster", "big5")),
    Setting("slip_header", list, ["圖書館 Library"],
            "Lines printed at the top of every slip (the library's name, branch, address).",
            check=slip_lines),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
