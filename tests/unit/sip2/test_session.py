"""What a terminal's session does with the desk's API: the same scenario through the desk API
and through SIP2 leaves the same loans, fines, refusals and audit; and with the database out
of reach the server says so (98 on-line N, circulation refused with a screen message) and
comes back when it returns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, make_url, select

from desk.circulation import CirculationRefused, Policy, open_library
from desk.circulation.library import Library
from desk.models import AuditEvent, Charge, Loan
from tests.conftest import _pg_or_skip, reset_postgres
from tests.support.clock import FakeClock
from tests.support.cut_proxy import CutProxy
from tests.support.sip2_server import (DATE, TERMINAL_PASSWORD, build_selfcheck_library,
                                       exchange, fields, frame, login_frame, running_server)
from tests.unit.sip2.conftest import selfcheck_url

# (operation, patron, item): checkouts within and past the limits, renewals allowed and not,
# returns late and unknown, a hold that stops a renewal.
SCENARIO = [
    ("checkout", "P001", "B001"), ("checkout", "P001", "B002"), ("checkout", "P001", "B003"),
    ("checkout", "P001", "B004"),            # student: three books at most
    ("checkout", "P004", "B005"),            # expired card
    ("checkout", "P007", "B005"),            # blocked
    ("checkout", "P002", "B006"),            # has an overdue loan
    ("checkin", "", "B012"),                 # that loan, late: a fine
    ("checkout", "P002", "B006"),            # now owes the fine
    ("checkout", "P005", "B100"),            # consortium card
    ("renew", "P005", "B100"),               # no renewals for consortium cards
    ("renew", "P001", "B001"),
    ("hold", "P003", "B002"),
    ("renew", "P001", "B002"),               # another patron's hold
    ("checkin", "", "B001"),
    ("checkin", "", "NOPE99"),
    ("checkout", "P001", "NOPE99"),
    ("checkout", "NOBODY", "B007"),
]


def _through_api(library: Library) -> None:
    terminal = library.sign_in_terminal("kiosk1", TERMINAL_PASSWORD)
    desk = library.circulation(terminal.desk, terminal.staff)
    for operation, patron, item in SCENARIO:
        try:
            if operation == "checkout":
                desk.checkout(patron, item)
            elif operation == "checkin":
                desk.checkin(item, bookdrop=True)
            elif operation == "renew":
                desk.renew(item)
            else:
                desk.place_hold(patron, item)
        except CirculationRefused:
            pass   # the refusal is in the audit, compared below


def _through_sip2(url: str, tmp_path: Path) -> None:
    requests = {
        "checkout": lambda p, i: f"11NN{DATE}{' ' * 18}AO|AA{p}|AB{i}|AC|",
        "checkin": lambda p, i: f"09N{DATE}{' ' * 18}AP|AO|AB{i}|AC|",
        "renew": lambda p, i: f"29NN{DATE}{' ' * 18}AO|AA{p}|AB{i}|",
        "hold": lambda p, i: f"15+{DATE}AO|AA{p}|AB{i}|",
    }
    with running_server(url, tmp_path) as server:
        sock = server.connect()
        assert exchange(sock, login_frame()).startswith(b"941")
        for operation, patron, item in SCENARIO:
            reply = exchange(sock, frame(requests[operation](patron, item)))
            assert reply[:2] in (b"12", b"10", b"30", b"16"), reply
        sock.close()


def _outcome(url: str) -> dict[str, Any]:
    library = open_library(url, policy=Policy(), create=False)
    try:
        with library.read_sessions() as session:
            loans = [(loan.item_id, loan.patron_id, loan.due_at, loan.returned_at is None,
                      loan.renewals) for loan in session.scalars(select(Loan).order_by(Loan.id))]
            charges = [(c.patron_id, c.kind, c.amount, c.paid) for c in session.scalars(
                select(Charge).order_by(Charge.id))]
            audit = [(e.action, e.outcome, e.patron_barcode, e.item_barcode, e.codes,
                      e.desk_code) for e in session.scalars(
                select(AuditEvent).where(AuditEvent.action != "sip_login")
                .order_by(AuditEvent.id))]
            return {"loans": loans, "charges": charges, "audit": audit}
    finally:
        library.close()


def _same_scenario_both_ways(kind: str, template: Path, tmp_path: Path) -> None:
    api_url = selfcheck_url(kind, template, tmp_path)
    library = open_library(api_url, policy=Policy(), create=False)
    try:
        _through_api(library)
    finally:
        library.close()
    through_api = _outcome(api_url)
    sip_url = selfcheck_url(kind, template, tmp_path / "sip") if kind == "sqlite" else api_url
    if kind == "postgres":   # one database: build it again for the SIP2 side
        sip_url = selfcheck_url(kind, template, tmp_path)
    _through_sip2(sip_url, tmp_path)
    through_sip2 = _outcome(sip_url)
    assert through_sip2 == through_api
    codes = [row[4] for row in through_api["audit"] if row[1] == "refused"]
    assert {"patron_loan_limit", "patron_expired", "patron_blocked", "patron_has_overdue",
            "renewal_on_hold", "item_not_found", "patron_not_found"} <= {
        code for row in codes if row for code in row.split(",")}
    assert any(kind == "overdue" and amount > 0 for _, kind, amount, _ in through_api["charges"])


def test_the_same_scenario_through_the_api_and_sip2_on_sqlite(selfcheck_template: Path,
                                                                tmp_path: Path) -> None:
    (tmp_path / "sip").mkdir()
    _same_scenario_both_ways("sqlite", selfcheck_template, tmp_path)


def test_the_same_scenario_through_the_api_and_sip2_on_postgres(selfcheck_template: Path,
                                                                  tmp_path: Path) -> None:
    _same_scenario_both_ways("postgres", selfcheck_template, tmp_path)


def test_an_unreachable_database_answers_offline_and_refuses(tmp_path: Path) -> None:
    pg = make_url(_pg_or_skip())
    reset_postgres(pg.render_as_string(hide_password=False))
    clock = FakeClock()
    library = open_library(pg.render_as_string(hide_password=False), clock=clock,
                           policy=Policy())
    build_selfcheck_library(library, clock)
    library.close()
    socket_dir = str(pg.query["host"])
    proxy = CutProxy(f"{socket_dir}/.s.PGSQL.{pg.query['port']}")
    through = pg.set(host="127.0.0.1", port=proxy.port, query={})
    try:
        with running_server(through.render_as_string(hide_password=False),
                            tmp_path) as server:
            sock = server.connect()
            assert exchange(sock, login_frame()).startswith(b"941")
            assert exchange(sock, frame("9900302.00"))[2:3] == b"Y"
            proxy.cut_off()
            status = exchange(sock, frame("9900302.00"))
            assert status[2:5] == b"NNN"        # off-line: no checkin, no checkout
            out = exchange(sock, frame(f"11NN{DATE}{' ' * 18}AO|AAP001|ABB001|AC|"))
            assert out.startswith(b"120")
            assert fields(out, fixed=22)["AF"] == ["圖書館系統暫停服務，請至櫃台辦理。"]
            back = exchange(sock, frame(f"09N{DATE}{' ' * 18}AP|AO|ABB012|AC|"))
            assert back.startswith(b"100")
            proxy.mend()
            assert exchange(sock, frame("9900302.00"))[2:5] == b"YYY"
            assert exchange(sock, frame(
                f"11NN{DATE}{' ' * 18}AO|AAP001|ABB001|AC|")).startswith(b"121")
    finally:
        proxy.close()
    library = open_library(pg.render_as_string(hide_password=False), policy=Policy(),
                           create=False)
    try:
        with library.read_sessions() as session:
            assert session.scalar(select(func.count()).select_from(Loan).where(
                Loan.returned_at.is_(None))) == 2   # B012 (still out) and B001
    finally:
        library.close()
