"""Screenshots for the README: the real desk window under Xvfb on the demo library, in English
and Traditional Chinese: checkout, checkin, the holds shelf, the New patron form and a patron's
own screen with its Requests tab, the pull list, the Requests screen (searches and withdrawn-area
retrievals), and the key help; at 1280x800, a common counter monitor.

    python scripts/screenshots.py [--out docs/screenshots] [--only patron ...]

Starts its own Xvfb when no DISPLAY is set. Builds the demo library (``desk.demo``) plus a small
known scene on top, signs in as the demo clerk at MAIN-1 and scans through the real widgets.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def start_xvfb() -> subprocess.Popen[bytes]:
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        os.environ["DISPLAY"] = ":" + pipe.readline().strip()
    return server


def build_base(path: Path) -> str:
    """The demo library plus the patrons and items the screenshots scan."""
    from desk.circulation import open_library
    from desk.demo import build_demo
    url = f"sqlite:///{path}"
    build_demo(url, patrons=150, items=800)
    library = open_library(url)
    today = library.local_today()
    library.add_patron("P90001", "陳怡君", "graduate", expires=today + timedelta(days=400),
                       department="資訊工程學系", message="請提醒讀者：附件光碟需臨櫃歸還")
    library.add_patron("P90002", "王建民", "student", expires=today + timedelta(days=300))
    library.add_patron("P90003", "林佳蓉", "faculty")
    library.add_item("I90001", "演算法導論", location="MAIN", price=1200, author="Cormen")
    library.add_item("I90002", "Python 資料分析實戰", item_type="cd", location="MAIN",
                     accessories="光碟 1 片")
    library.add_item("I90003", "臺灣史新編", location="MAIN", price=500)
    library.add_item("I90004", "紅樓夢", location="MAIN", price=300, author="曹雪芹")
    library.add_item("I90005", "民法概要", location="MAIN", price=450, author="王澤鑑")
    library.add_item("I90006", "刑法總則", location="LAW", price=600)
    clerk = library.sign_in("clerk", "clerk")
    desk = library.circulation("MAIN-1", clerk)
    desk.checkout("P90002", "I90003")
    desk.checkout("P90002", "I90004")
    desk.checkout("P90002", "I90005")
    desk.checkout("P90002", "I90006")
    desk.place_hold("P90003", "I90005")
    # The patron screen's patron: a photo, a proxy, a history of returned loans, a message.
    library.add_item("I90007", "資料結構", location="MAIN", price=520)
    library.add_item("I90008", "線性代數", location="MAIN", price=480)
    for code in ("I90007", "I90008"):
        desk.checkout("P90002", code)
        desk.checkin(code)
    desk.set_patron_photo("P90002", portrait())
    desk.add_proxy("P90002", "P90001", valid_until=today + timedelta(days=60),
                   note="F-K08-033 No. 0153")
    # Requests (SOP 5.3.9, 5.11, 5.12): a delivery to the law library, a missing-book search
    # and a withdrawn-area retrieval of MAIN's, all for the patron screen's patron.
    library.add_item("I90009", "憲法釋論", location="MAIN", price=650, call_number="581.2 8742")
    library.add_item("I90010", "行政法總論", location="MAIN", price=580, call_number="588 4432")
    library.add_item("I90011", "臺灣省通志稿", location="MAIN", price=900,
                     call_number="673.21 4432", staff_flag="withdrawn_area", loanable=False)
    law = library.circulation("LAW-1", clerk)
    law.request_delivery("P90002", "I90009", pickup_location="LAW", method="cash")
    desk.request_search("P90002", "I90010")
    desk.request_retrieval("P90002", "I90011")
    library.close()
    return url


def portrait() -> bytes:
    """A drawn portrait (no real person) as JPEG, through the desk's own scaling."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    from desk.ui.photo import scaled_jpeg
    image = QImage(600, 750, QImage.Format.Format_RGB32)
    image.fill(QColor("#c9dbe8"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#2f4858"))
    painter.drawRoundedRect(QRectF(90, 500, 420, 400), 160, 160)        # shoulders
    painter.setBrush(QColor("#f1c9a5"))
    painter.drawRect(QRectF(260, 400, 80, 120))                          # neck
    painter.drawEllipse(QRectF(180, 170, 240, 290))                      # face
    painter.setBrush(QColor("#2b2118"))
    painter.drawChord(QRectF(170, 140, 260, 220), 0, 180 * 16)           # hair
    painter.setBrush(QColor("#3b2a20"))
    painter.drawEllipse(QRectF(240, 290, 22, 14))
    painter.drawEllipse(QRectF(338, 290, 22, 14))
    painter.end()
    return scaled_jpeg(image)


def settle(app, context, extra_ms: int = 200) -> None:
    deadline = time.monotonic() + 30
    while (context.tasks.pending or extra_ms > 0) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
        if not context.tasks.pending:
            extra_ms -= 20


def shoot(app, library_path: Path, language: str, out: Path, scratch: Path,
          only: set[str] | None = None) -> list[Path]:
    from desk.app import build_context, build_window
    from desk.circulation import open_library
    from desk.config import Config
    from desk.ui import i18n
    i18n.install(language)
    library = open_library(f"sqlite:///{library_path}")
    config = Config(path=scratch / "settings.toml")
    config.set("language", language)
    config.set("sounds", False)
    # As the demo does: slips saved as PDF files, drawn in the Last slip panel as saved.
    config.set("printer_device", "pdf:///" + (scratch / "slips").as_posix().lstrip("/"))
    context = build_context(library, config, scratch / "print-queue")
    context.circulation = library.circulation("MAIN-1", library.sign_in("clerk", "clerk"))
    window = build_window(context)
    window.resize(1280, 800)           # a common counter monitor
    window.show()
    window.set_mode("checkout")
    settle(app, context)
    written = []

    def save(name: str, *, with_dialogs: bool = False) -> None:
        settle(app, context, 600)          # past the refusal flash
        if only and name not in only:
            return
        path = out / f"{name}-{language}.png"
        if with_dialogs:                   # the window and the dialog over it, as on screen
            frame = window.frameGeometry()
            window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(),
                                       frame.height()).save(str(path))
        else:
            window.grab().save(str(path))
        written.append(path)

    # A stack of four books, one of them (I90003) on loan to someone else: its red row stays.
    for code in ("P90001", "I90001", "I90003", "I90002"):
        window.scan(code)
        settle(app, context, 100)
    save("checkout")
    window.screens["checkout"].table.setFocus()
    help_dialog = window.show_key_help()          # Shift+F1: the keys of this screen
    settle(app, context, 200)
    help_dialog.move(window.frameGeometry().x() + 300, window.frameGeometry().y() + 90)
    save("keys", with_dialogs=True)
    help_dialog.reject()
    window.screens["checkout"].done()           # a refusal is left: the desk asks first
    save("checkout-finish-question", with_dialogs=True)
    window.screens["checkout"].finish()
    window.set_mode("checkin")
    for code in ("I90004", "I90006", "I90005"):
        window.scan(code)
        settle(app, context, 100)
    save("checkin")
    window.scan("I90002")                       # a CD: the accessories are checked first
    save("checkin-accessories", with_dialogs=True)
    prompt = window.screens["checkin"].accessories_prompt
    if prompt is not None:
        prompt.all_present()
    if "holds_shelf" in window.screens:
        window.set_mode("holds_shelf")
        settle(app, context, 400)
        save("holds-shelf")
        window.screens["holds_shelf"].show_pull_list()
        settle(app, context, 400)
        save("pull-list")
    if "requests" in window.screens:
        window.set_mode("requests")
        settle(app, context, 400)
        save("requests")
    # An unknown card at checkout: "register?", then the New patron form for an external
    # borrower with a guarantor, whose standing shows beside the card.
    window.set_mode("checkout")
    checkout = window.screens["checkout"]
    window.scan("P90099")
    settle(app, context, 300)
    if checkout.register_question is not None:
        from PySide6.QtWidgets import QMessageBox
        checkout.register_question.button(QMessageBox.StandardButton.Yes).click()
    dialog = checkout.new_patron_dialog
    if dialog is not None:
        settle(app, context, 300)
        dialog.name.setText("張雅婷")
        dialog.category.setCurrentIndex(dialog.category.findData("external"))
        dialog.phone.setText("0912-345-678")
        dialog.email.setText("chang.yating@example")
        dialog.guarantor.setText("P90003")
        dialog.left_field(dialog.guarantor)
        dialog.save()                       # the e-mail is refused beside its field
        settle(app, context, 400)
        dialog.move(window.frameGeometry().x() + 120, window.frameGeometry().y() + 120)
        save("new-patron", with_dialogs=True)
        dialog.reject()
    window.set_mode("patron_search")
    window.scan("P90002")                       # F4, a card: the patron's own screen
    settle(app, context, 400)
    save("patron")
    from desk.ui.screens.patron_record import REQUESTS
    window.screens["patron_search"].record.tabs.setCurrentIndex(REQUESTS)
    settle(app, context, 200)
    save("patron-requests")
    window.close()
    settle(app, context)
    library.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", help="save only these shots (e.g. patron)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    scratch_data = tempfile.mkdtemp(prefix="desk-shots-")
    os.environ["DESK_DATA_DIR"] = scratch_data        # the window's size: not this PC's
    server = start_xvfb() if not os.environ.get("DISPLAY") else None
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    try:
        from PySide6.QtWidgets import QApplication

        from desk.app import setup_appearance
        app = QApplication(["circulation-desk"])
        setup_appearance(app)
        with tempfile.TemporaryDirectory() as tmp:
            scratch = Path(tmp)
            base = scratch / "base.sqlite"
            build_base(base)
            for language in ("en", "zh_TW"):
                copy = scratch / f"{language}.sqlite"
                shutil.copy(base, copy)
                for path in shoot(app, copy, language, args.out, scratch,
                                  set(args.only) if args.only else None):
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)   # skip PySide6's teardown at interpreter exit (it can crash there)
