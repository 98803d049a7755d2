"""Starting the desk: settings, language, fonts and style, the library database, sign-in and
the main window. ``main(argv)`` is what ``python -m desk`` runs with no sub-command.

``--self-test`` opens the database, builds the main window offscreen and exits 0 when all is
well (the packaged app runs it in CI).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desk.circulation import Circulation, Library
    from desk.config import Config
    from desk.ui.context import DeskContext
    from desk.ui.mainwindow import MainWindow

log = logging.getLogger(__name__)
# Imported where first needed, not at start (each costs start-up time, python-escpos and
# reportlab 0.1-0.2 s): the self-test imports them so that a packaged app missing one fails
# its self-test rather than at the counter.
LAZY_IMPORTS = (
    "alembic.command",                        # migrating a database that is not current
    "desk.devices.printer.escpos_printer",    # python-escpos: an ESC/POS printer configured
    "desk.devices.printer.pdf",               # reportlab: PDF printer, holds-shelf slips
    "desk.devices.printer.system",            # QtPrintSupport: the system printer
    "desk.receipts.settlement_pdf",           # reportlab: the settlement report
    "desk.ui.settings_dialog",
    "desk.ui.offline_mode",
    "desk.ui.camera_dialog",                  # QtMultimedia: a patron's photo from a webcam
)
CJK_FAMILIES = ("Noto Sans CJK TC", "Noto Sans TC", "WenQuanYi Micro Hei", "Microsoft JhengHei",
                "PingFang TC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "MingLiU", "PMingLiU")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="circulation-desk",
                                     description="The circulation desk of a library.")
    parser.add_argument("--database", "--url", metavar="URL", dest="database",
                        help="database URL (default: the database_url setting)")
    parser.add_argument("--desk", metavar="CODE", help="desk code (default: the desk setting)")
    parser.add_argument("--language", choices=("system", "zh_TW", "en"),
                        help="interface language for this run")
    parser.add_argument("--create", action="store_true",
                        help="make a new library at --database when there is none there")
    parser.add_argument("--self-test", action="store_true",
                        help="open the database, build the main window offscreen and exit")
    return parser.parse_args(list(argv))


def setup_appearance(app: object, text_percent: int = 100, high_contrast: bool = False
                     ) -> str | None:
    """Bundled fonts, a CJK fallback family and the style sheet (at the text size, high
    contrast or not: ``desk.ui.appearance``); returns the CJK family."""
    from PySide6.QtGui import QFontDatabase

    from desk.ui.resources import resource
    fonts = resource("fonts")
    if fonts.is_dir():
        for path in sorted(fonts.iterdir()):
            if path.suffix.lower() in (".ttf", ".ttc", ".otf"):
                QFontDatabase.addApplicationFont(str(path))
    families = set(QFontDatabase.families())
    cjk = next((family for family in CJK_FAMILIES if family in families), None)
    font = app.font()  # type: ignore[attr-defined]
    if cjk is not None:
        font.setFamilies([font.family(), cjk])
        app.setFont(font)  # type: ignore[attr-defined]
    else:
        from desk.devices.fonts import missing_font_message
        log.warning("%s", missing_font_message())
    from desk.ui.appearance import apply_appearance
    apply_appearance(app, text_percent, high_contrast)  # type: ignore[arg-type]
    return cjk


def build_context(library: Library, config: Config, queue_dir: Path | None = None
                  ) -> DeskContext:
    """The services every screen gets; ``circulation`` is set by the first sign-in.

    The devices (``DeviceHub``, not started yet) come from the device settings; their print
    queue lives in ``queue_dir`` (default: ``print-queue`` in the user data directory). Slips go
    to the printer through the hub and to the on-screen preview. Settings the devices cannot
    use leave every device off; ``context.device_error`` says why."""
    from desk.config import data_dir
    from desk.ui.context import DeskContext
    from desk.ui.devices_config import build_hub
    from desk.ui.message import MessageBridge
    from desk.ui.slips import DeviceSlipSink
    from desk.ui.tasks import TaskRunner
    messages = MessageBridge()
    hub, error = build_hub(config, queue_dir or data_dir() / "print-queue")
    if error:
        log.warning("device settings not usable, devices off: %s", error)
    context = DeskContext(library=library, circulation=None,  # type: ignore[arg-type]
                          config=config, messages=messages, tasks=TaskRunner(messages),
                          slips=DeviceSlipSink(hub), devices=hub)
    context.device_error = error
    return context


def build_window(context: DeskContext) -> MainWindow:
    """The main window, owning the context's services; the devices start here. Its automatic
    backups (``window.backups``) are started by ``run``, not by a self-test."""
    from desk.ui.mainwindow import MainWindow
    window = MainWindow(context)
    for child in (context.messages, context.tasks, context.slips, context.devices):
        if child is not None:
            child.setParent(window)  # type: ignore[attr-defined]
    from desk.ui.backup_schedule import BackupScheduler
    window.backups = BackupScheduler(context, window)
    from desk.ui.notice_schedule import NoticeScheduler
    window.notices = NoticeScheduler(context, window)
    if context.devices is not None:
        context.devices.start()
        if context.device_error:
            window.show_status(context.device_error, "error")
    return window


def install_offline_mode(window: MainWindow, library: Library) -> object | None:
    """Offline mode (journal, local copy, connection watcher, banner) for the signed-in desk.
    The watcher gets the real database URL (``library.url`` hides the password). When the
    journal cannot be written the desk runs without offline mode and says so."""
    from PySide6.QtCore import QCoreApplication

    from desk.config import data_dir
    from desk.ui.offline_mode import OfflineMode
    url = library.engine.url.render_as_string(hide_password=False)
    try:
        mode = OfflineMode.install(window, url=url, data_dir=data_dir())
    except OSError as error:
        log.error("offline mode is off: %s", error)
        window.context.messages.error.emit(QCoreApplication.translate(
            "MainWindow", "Offline mode is off: the offline journal cannot be written "
            "(%1).").replace("%1", f"{error.filename}: {error.strerror}"))
        return None
    window.offline_mode = mode  # type: ignore[attr-defined]
    return mode


def scratch_desk(directory: Path) -> tuple[Library, Circulation]:
    """A throw-away library and a signed-in session on it, for building the window in a
    self-test."""
    import secrets

    from desk.circulation import open_library
    from desk.models.database import sqlite_url
    library = open_library(sqlite_url(directory / "self-test.sqlite"))
    library.add_location("TEST", "Self-test")
    library.add_desk("TEST-1", "TEST")
    # a throw-away library: its one account is its first, so an administrator
    password = secrets.token_urlsafe(16)
    library.add_staff("self-test", "Self-test", "admin", password)
    return library, library.circulation("TEST-1", library.sign_in("self-test", password))


def self_test(library: Library, config: Config) -> int:
    """Open the configured database, build the main window and every screen offscreen, check
    the bundled resources and the modules loaded only when needed; 0 when all is well."""
    import importlib
    import tempfile

    from PySide6.QtWidgets import QApplication

    from desk.ui.resources import resource
    problems = []
    desks = library.desks()
    print(f"database: {library.url}")
    print(f"desks: {', '.join(code for code, _ in desks) or '(none yet)'}")
    with tempfile.TemporaryDirectory() as scratch:
        scratch_library, circulation = scratch_desk(Path(scratch))
        context = build_context(scratch_library, config)
        context.circulation = circulation
        window = build_window(context)
        window.show()
        QApplication.processEvents()
        context.tasks.wait()
        QApplication.processEvents()
        for key in window.screens:          # built when first shown: build each one here
            window.screens[key]
        screens = sorted(window.screens)
        print(f"screens: {', '.join(screens)}")
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        scratch_library.close()
    for name in LAZY_IMPORTS:
        try:
            importlib.import_module(name)
        except ImportError as error:
            problems.append(f"module {name} cannot be imported: {error}")
    for needed in ("checkout", "checkin"):
        if needed not in screens:
            problems.append(f"screen {needed} missing")
    for path in (resource("translations", "desk_zh_TW.qm"), resource("sounds", "error.wav"),
                 resource("style", "desk.qss")):
        if not path.exists():
            problems.append(f"resource missing: {path}")
    for problem in problems:
        print(f"self-test problem: {problem}", file=sys.stderr)
    print("self-test " + ("FAILED" if problems else "ok"))
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The database layer before Qt: PySide6 inspects the source of every module imported after
    # it (its __feature__ hook), which made importing SQLAlchemy and the models ~50 ms slower.
    from desk.circulation import LibraryUnavailable, Policy, open_library
    from desk.config import Config, ConfigError
    from PySide6.QtWidgets import QApplication

    from desk.ui import i18n

    app = QApplication.instance() or QApplication(["circulation-desk"])
    app.setApplicationName("Circulation Desk")
    try:
        config = Config.load()
        if args.database:
            config.set("database_url", args.database, origin="--database")
        if args.desk:
            config.set("desk", args.desk, origin="--desk")
        if args.language:
            config.set("language", args.language, origin="--language")
    except ConfigError as error:
        for problem in error.problems:
            print(f"settings error: {problem}", file=sys.stderr)
        if not args.self_test:
            i18n.install(i18n.resolve(args.language or "system"))
            show_settings_problems(error.problems)
        return 2
    i18n.install(i18n.resolve(config.get("language")))
    setup_appearance(app, config.get("text_size_percent"), config.get("high_contrast"))
    url = config.get("database_url") or None
    try:
        # The embedded default is made on the first start; a named database must be there.
        library = open_library(url, policy=Policy.from_config(config),
                               create=True if url is None else args.create)
    except LibraryUnavailable as error:
        return cannot_open(str(error), args.self_test, read_only=error.read_only)
    except Exception as error:  # noqa: BLE001 - any database failure is shown, not raised
        log.error("cannot open the database: %r", error)
        return cannot_open(f"{error.__class__.__name__}: {str(error).splitlines()[0]}",
                           args.self_test)
    try:
        if args.self_test:
            try:
                return self_test(library, config)
            except Exception:  # noqa: BLE001
                traceback.print_exc()
                return 1
        return run(app, library, config)
    finally:
        library.close()


def show_settings_problems(problems: list[str]) -> None:
    """The settings file's problems in a dialog, before anything else starts."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox
    QMessageBox.critical(None, "Circulation Desk", QCoreApplication.translate(
        "MainWindow", "The desk cannot start: its settings have problems. Correct them "
        "(or remove the setting to use its default) and start the desk again.")
        + "\n\n" + "\n".join(problems))


def cannot_open(detail: str, self_test: bool, *, read_only: bool = False) -> int:
    """Say that the library database cannot be used (a dialog at the desk, the self-test's
    verdict on the command line); the exit code."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox
    if read_only:
        intro = QCoreApplication.translate(
            "MainWindow", "The desk cannot write to the library database (it is read-only).")
    else:
        intro = QCoreApplication.translate("MainWindow", "Cannot open the database.")
    print(f"{intro} {detail}", file=sys.stderr)
    if self_test:
        print("self-test FAILED: " + ("read-only database" if read_only
                                      else "the database cannot be opened"))
    else:
        QMessageBox.critical(None, "Circulation Desk", f"{intro}\n\n{detail}")
    return 1


def run(app: QApplication, library: Library, config: Config) -> int:
    """Sign in, then the main window until it is closed."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialog, QMessageBox

    from desk.ui.signin import SignInDialog
    context = build_context(library, config)
    desk = config.get("desk")
    if not any(code == desk for code, _ in library.desks()):
        QMessageBox.warning(None, "Circulation Desk", QCoreApplication.translate(
            "MainWindow", "This database has no desk %1. Create the demo library with: "
            "python -m desk demo").replace("%1", desk))
    dialog = SignInDialog(library, desk, context.tasks)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.circulation is None:
        return 0
    context.circulation = dialog.circulation
    window = build_window(context)
    install_offline_mode(window, library)
    if window.backups is not None:
        window.backups.start()
    if window.notices is not None:
        window.notices.start()
    window.show()
    window.set_mode("checkout")
    try:
        return app.exec()
    finally:
        if window.backups is not None:
            window.backups.tasks.wait()     # a backup cut short leaves only its temporary file
        if window.notices is not None:
            window.notices.tasks.wait()     # a notice being sent is marked before the exit
        if context.devices is not None:
            context.devices.shutdown()


if __name__ == "__main__":  # the PyInstaller entry point (build_installer.spec)
    sys.exit(main())
