"""The SIP2 server as a real process on a free port (``python -m desk sip2 serve``): driven by
the independent ``sip2`` client from PyPI, and by raw byte frames written from the 2.00
layout — Chinese names in UTF-8 and Big5, wrong checksums, unknown messages, truncated and
oversized frames, a client gone mid-message, the connection limit and the timeouts."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.circulation import Policy, open_library
from desk.models import AuditEvent, Loan, SipTerminal, StaffUser
from tests.support.sip2_server import (DATE, TERMINAL_PASSWORD, Server, checksum_ok, exchange,
                                       fields, frame, login_frame, read_reply, running_server,
                                       server_log)
from tests.unit.sip2.conftest import INSTITUTION

RESEND = b"96AZFEF6\r"


def _client(server: Server, tmp_path: Path) -> "object":
    from Sip2.sip2 import Sip2
    client = Sip2()
    client.hostName, client.hostPort = server.host, server.port
    client.tlsEnable = False
    client.institutionId = INSTITUTION
    client.scLocation = "MAIN"
    client.logfile_path = str(tmp_path)
    client.socketTimeout = 10
    assert client.connect()
    return client


def test_the_sip2_client_drives_a_visit(any_library_url: str, tmp_path: Path) -> None:
    with running_server(any_library_url, tmp_path, sip_institution_id=INSTITUTION) as server:
        c = _client(server, tmp_path)
        login = c.sip_login_response(c.get_response(c.sip_login_request("kiosk1",  # type: ignore[attr-defined]
                                                                        TERMINAL_PASSWORD)))
        assert login["fixed"]["Ok"] == "1"
        status = c.sip_sc_status_response(c.get_response(c.sip_sc_status_request()))  # type: ignore[attr-defined]
        assert status["fixed"]["OnlineStatus"] == "Y"
        assert status["fixed"]["CheckoutOk"] == "Y" and status["fixed"]["CheckinOk"] == "Y"
        c.patron = "P001"  # type: ignore[attr-defined]
        patron = c.sip_patron_status_response(c.get_response(c.sip_patron_status_request()))  # type: ignore[attr-defined]
        assert patron["variable"]["AE"] == ["陳小明"] and patron["variable"]["BL"] == ["Y"]
        assert patron["fixed"]["PatronStatus"] == " " * 14
        out = c.sip_checkout_response(c.get_response(c.sip_checkout_request("B001")))  # type: ignore[attr-defined]
        assert out["fixed"]["Ok"] == "1" and out["fixed"]["Desensitize"] == "Y"
        assert out["variable"]["AJ"] == ["書名 1"] and out["variable"]["AH"][0].strip()
        renew = c.sip_renew_response(c.get_response(c.sip_renew_request("B001")))  # type: ignore[attr-defined]
        assert renew["fixed"]["Ok"] == "1" and renew["fixed"]["RenewalOk"] == "Y"
        back = c.sip_checkin_response(c.get_response(c.sip_checkin_request("B001")))  # type: ignore[attr-defined]
        assert back["fixed"]["Ok"] == "1" and back["fixed"]["Resensitize"] == "Y"
        assert back["fixed"]["Alert"] == "N" and back["variable"]["CL"] == ["1"]
        end = c.sip_end_patron_session_response(  # type: ignore[attr-defined]
            c.get_response(c.sip_end_patron_session_request()))  # type: ignore[attr-defined]
        assert end["fixed"]["EndSession"] == "Y"
        c.disconnect()  # type: ignore[attr-defined]
    library = open_library(any_library_url, policy=Policy(), create=False)
    try:
        with library.read_sessions() as session:
            kiosk = session.scalars(select(StaffUser).where(StaffUser.login == "kiosk1")).one()
            assert session.scalars(select(SipTerminal.id).where(
                SipTerminal.staff_id == kiosk.id)).one()
            loans = session.scalars(select(Loan).where(Loan.renewals == 1)).all()
            assert len(loans) == 1 and loans[0].returned_at is not None
            done = [(e.action, e.desk_code, e.item_barcode) for e in session.scalars(
                select(AuditEvent).where(AuditEvent.staff_id == kiosk.id,
                                         AuditEvent.outcome == "done").order_by(AuditEvent.id))]
        assert done == [("sip_login", None, None), ("checkout", "MAIN-1", "B001"),
                        ("renew", "MAIN-1", "B001"), ("checkin", "MAIN-1", "B001")]
    finally:
        library.close()


def _signed_in(server: Server, login: str = "kiosk1") -> socket.socket:
    sock = server.connect()
    reply = exchange(sock, login_frame(login, institution=INSTITUTION))
    assert reply.startswith(b"941"), reply
    return sock


def test_chinese_names_are_framed_in_the_terminals_encoding(server: Server) -> None:
    for login, encoding in (("kiosk1", "utf-8"), ("kiosk-big5", "cp950")):
        sock = _signed_in(server, login)
        reply = exchange(sock, frame(f"23001{DATE}AO{INSTITUTION}|AAP001|AC|", sequence=5,
                                     encoding=encoding))
        assert reply.startswith(b"24") and checksum_ok(reply) and b"AY5AZ" in reply
        assert "陳小明".encode(encoding) in reply
        found = fields(reply, encoding, fixed=35)
        assert found["AE"] == ["陳小明"] and found["AO"] == [INSTITUTION]
        # a Chinese screen message (the patron's language) is in the same encoding
        out = exchange(sock, frame(f"11YN{DATE}{' ' * 18}AO{INSTITUTION}|AAP004|ABB002|AC|",
                                   encoding=encoding))
        assert out.startswith(b"120") and checksum_ok(out)
        assert fields(out, encoding, fixed=22)["AF"] == ["借書證已於 2026-01-31 到期。"]
        sock.close()


def test_screen_messages_are_in_the_patrons_language(server: Server) -> None:
    sock = _signed_in(server)
    # P010 reads English; P007 (Chinese) is blocked, P010's card is fine but B100 is out
    assert exchange(sock, frame(f"11YN{DATE}{' ' * 18}AO|AAP001|ABB100|AC|")).startswith(b"121")
    refused = exchange(sock, frame(f"11YN{DATE}{' ' * 18}AO|AAP010|ABB100|AC|"))
    assert refused.startswith(b"120")
    assert fields(refused, fixed=22)["AF"] == ["Item B100 is already on loan."]
    blocked = exchange(sock, frame(f"23000{DATE}AO|AAP007|AC|"))   # 000: language unknown
    assert blocked[2:3] == b"Y" and blocked[5:6] == b"Y"   # charge and hold privileges denied
    assert fields(blocked, fixed=35)["AF"] == ["讀者已被停權：證件遺失"]
    # the request's language field chooses English for a Chinese-reading patron
    english = exchange(sock, frame(f"23001{DATE}AO|AAP004|AC|"))
    assert "expired" in fields(english, fixed=35)["AF"][0]
    sock.close()


def test_malformed_frames_get_96_and_the_session_goes_on(server: Server,
                                                         tmp_path: Path) -> None:
    sock = _signed_in(server)
    good = frame(f"17{DATE}AO|ABB001|")
    wrong_checksum = good[:-5] + (b"0000" if not good.endswith(b"0000\r") else b"0001") + b"\r"
    for bad in (wrong_checksum,
                frame("42nonsense|"),                         # unknown message
                frame("11YN2026"),                            # fixed fields cut short
                b"23001" + DATE.encode() + b"AO|AA\xff\xfe|AY1AZ0000\r",
                b"\r\n",                                       # an empty line: ignored
                b"17" + b"x" * 10_000 + b"\r"):               # longer than any message
        if bad == b"\r\n":
            sock.sendall(bad)
            continue
        assert exchange(sock, bad) == RESEND, bad[:40]
        assert exchange(sock, good).startswith(b"18")
    # 97 asks for the last reply again
    last = exchange(sock, good)
    assert exchange(sock, frame("97", sequence=None)) == last
    # a terminal that sent checksums sends a message without one: damaged, answered 96
    assert exchange(sock, frame(f"17{DATE}AO|ABB001|", sequence=None, checksum=False)) == RESEND
    sock.close()
    log = server_log(tmp_path)
    assert "wrong checksum" in log and "unknown message code '42'" in log
    assert "longer than 4096" in log and TERMINAL_PASSWORD not in log


def test_a_client_gone_mid_message_ends_only_its_connection(server: Server,
                                                            tmp_path: Path) -> None:
    other = _signed_in(server)
    half = server.connect()
    half.sendall(login_frame()[:12])
    half.close()
    time.sleep(0.3)
    assert exchange(other, frame(f"17{DATE}AO|ABB001|")).startswith(b"18")
    assert _signed_in(server)
    assert "disconnected in the middle of a message" in server_log(tmp_path)


def test_another_institutions_messages_are_refused(server: Server) -> None:
    sock = _signed_in(server)
    refused = exchange(sock, frame(f"11YN{DATE}{' ' * 18}AOOTHER|AAP001|ABB001|AC|"))
    assert refused.startswith(b"120")
    assert fields(refused, fixed=22)["AF"] == ["機構代碼 OTHER 不是本館。"]
    assert exchange(sock, frame(f"11YN{DATE}{' ' * 18}AO{INSTITUTION}|AAP001|ABB001|AC|")) \
        .startswith(b"121")


def test_circulation_before_login_closes_the_connection(server: Server) -> None:
    sock = server.connect()
    assert exchange(sock, frame("9900302.00")).startswith(b"98")   # status is answered
    sock.sendall(frame(f"11YN{DATE}{' ' * 18}AO|AAP001|ABB001|AC|"))
    assert sock.recv(100) == b""


def test_logins_that_are_refused(server: Server, library_url: str) -> None:
    sock = server.connect()
    assert exchange(sock, login_frame(password="wrong")) .startswith(b"940")
    assert exchange(sock, login_frame("clerk", "clerk-pass",
                                      institution=INSTITUTION)).startswith(b"940")  # staff
    assert exchange(sock, login_frame(institution="OTHER")).startswith(b"940")
    assert exchange(sock, login_frame(institution=INSTITUTION)).startswith(b"941")
    for _ in range(5):
        assert exchange(sock, login_frame("kiosk-big5", "wrong")).startswith(b"940")
    # locked after five wrong passwords, the right one included
    assert exchange(sock, login_frame("kiosk-big5", institution=INSTITUTION)).startswith(b"940")
    library = open_library(library_url, policy=Policy(), create=False)
    try:
        assert library.sign_in_locked_until("kiosk-big5") is not None
        with library.read_sessions() as session:
            why = session.scalars(select(AuditEvent.codes).where(
                AuditEvent.action == "sign_in_failed")).all()
        assert "wrong_account_kind" in why and "wrong_password" in why
    finally:
        library.close()


def test_the_connection_limit_and_the_timeouts(library_url: str, tmp_path: Path) -> None:
    with running_server(library_url, tmp_path, sip_max_connections="2",
                        sip_idle_timeout_seconds="2", sip_message_timeout_seconds="1") as server:
        first, second = server.connect(), server.connect()
        assert exchange(first, frame("9900302.00")).startswith(b"98")
        third = server.connect()
        assert third.recv(100) == b""                     # beyond the limit: closed at once
        second.sendall(b"9900")                           # begun, never ended
        time.sleep(1.6)
        assert second.recv(100) == b""                    # the message timeout
        started = time.monotonic()
        assert first.recv(100) == b""                     # idle: closed
        assert time.monotonic() - started < 3
        fourth = server.connect()                         # the slots are free again
        assert exchange(fourth, frame("9900302.00")).startswith(b"98")
    log = server_log(tmp_path)
    assert "2 connections already" in log and "did not end within" in log and "idle" in log


def test_a_return_of_a_late_item_charges_the_fine_and_the_kiosk_takes_it(
        server: Server, library_url: str) -> None:
    sock = _signed_in(server)
    back = exchange(sock, frame(f"09N{DATE}{DATE}AP|AO|ABB012|AC|"))
    assert back.startswith(b"101")
    screen = fields(back, fixed=24)["AF"]
    assert any(line.startswith("逾期滯還金 NT$") for line in screen)
    info = exchange(sock, frame(f"63001{DATE}   Y      AO|AAP002|"))
    found = fields(info, fixed=59)
    owed = int(found["BV"][0])
    assert owed > 0 and found["BH"] == ["TWD"] and len(found["AV"]) == 1
    assert info[12:13] == b"Y" and info[2:3] == b"Y"   # excessive fines: no more loans
    assert exchange(sock, frame(f"37{DATE}0100USDBV{owed}|AO|AAP002|")).startswith(b"38N")
    assert exchange(sock, frame(f"37{DATE}0100TWDBVabc|AO|AAP002|")).startswith(b"38N")
    paid = exchange(sock, frame(f"37{DATE}0100TWDBV{owed}|AO|AAP002|"))
    assert paid.startswith(b"38Y")
    receipt = fields(paid, fixed=19)["BK"][0]
    assert receipt and receipt in fields(paid, fixed=19)["AF"][0]
    library = open_library(library_url, policy=Policy(), create=False)
    try:
        desk = library.sign_in("clerk", "clerk-pass")
        assert library.circulation("MAIN-1", desk).balance("P002") == 0
    finally:
        library.close()


def test_returns_are_sorted_by_route(server: Server) -> None:
    sock = _signed_in(server)
    for item in ("B003", "L001"):
        assert exchange(sock, frame(f"11YN{DATE}{' ' * 18}AO|AAP001|AB{item}|AC|"))[2:3] == b"1"
    assert exchange(sock, frame(f"15+{DATE}AO|AAP002|ABB003|BSMAIN|"))[2:3] == b"1"
    held = exchange(sock, frame(f"09N{DATE}{DATE}AP|AO|ABB003|AC|"))
    assert held[2:3] == b"1" and held[5:6] == b"Y"                 # alert: a hold
    assert fields(held, fixed=24)["CL"] == ["2"]
    away = exchange(sock, frame(f"09N{DATE}{DATE}AP|AO|ABL001|AC|"))
    assert away[5:6] == b"Y" and fields(away, fixed=24)["CL"] == ["3"]   # LAW's book: transit
    cd = exchange(sock, frame(f"11YN{DATE}{' ' * 18}AO|AAP001|ABC001|AC|"))
    assert cd[2:3] == b"1"
    staff = exchange(sock, frame(f"09N{DATE}{DATE}AP|AO|ABC001|AC|"))
    assert staff[5:6] == b"Y" and fields(staff, fixed=24)["CL"] == ["4"]  # accessories
    unknown = exchange(sock, frame(f"09N{DATE}{DATE}AP|AO|ABNOPE99|AC|"))
    assert unknown[2:3] == b"0" and fields(unknown, fixed=24)["CL"] == ["4"]
    sock.close()


def test_a_book_read_against_a_kept_id_goes_to_staff_and_the_reader_is_told(
        library_url: str, tmp_path: Path) -> None:
    """A withdrawn-area book lent for reading in the library against an ID kept at the counter,
    returned at the kiosk: sorted to staff, and the reader told to collect the ID there (the
    kiosk does not show which ID)."""
    library = open_library(library_url, policy=Policy(), create=False)
    try:
        clerk = library.sign_in("clerk", "clerk-pass")
        desk = library.circulation("MAIN-1", clerk)
        library.add_item("W900", "善本書目", location="MAIN", staff_flag="withdrawn_area",
                         loanable=False)
        desk.request_retrieval("P010", "W900")
        desk.retrieval_fetched("W900")
        desk.lend_for_reading("W900", id_kept="學生證 110305001")
    finally:
        library.close()
    with running_server(library_url, tmp_path, sip_institution_id=INSTITUTION) as server:
        sock = _signed_in(server)
        back = exchange(sock, frame(f"09N{DATE}{DATE}AP|AO|ABW900|AC|"))
        sock.close()
    assert back.startswith(b"101") and back[5:6] == b"Y"                # returned, alert
    found = fields(back, fixed=24)
    assert found["CL"] == ["4"]                                        # the staff bin
    from desk.wording.selfcheck import CATALOGUE
    assert set(CATALOGUE["sip_collect_id"]) & set(found["AF"]), found["AF"]
    assert not any("110305001" in line for line in found["AF"])
