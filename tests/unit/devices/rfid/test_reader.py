"""The reader driver and the pad against the simulator through a real pseudo-terminal pair."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from desk.devices.rfid import m810
from desk.devices.rfid.datamodel import BlankTag, LibraryTag, decode, encode
from desk.devices.rfid.pad import PadItem, RfidPadWorker
from desk.devices.rfid.reader import RfidError, RfidReader, TagFailed
from desk.devices.sim.pty_port import PtyPort
from desk.devices.sim.rfid import RfidSimulator, blank_tag, library_tag
from desk.devices.status import DeviceState


@pytest.fixture
def sim(tmp_path) -> Iterator[RfidSimulator]:
    simulator = RfidSimulator(PtyPort(tmp_path / "rfid"))
    simulator.start()
    yield simulator
    simulator.stop()
    simulator.port.close()


@pytest.fixture
def reader(sim: RfidSimulator) -> Iterator[RfidReader]:
    driver = RfidReader(sim.port.path, timeout=0.3, retries=1)
    yield driver
    driver.close()


def test_version_inventory_read_write(sim: RfidSimulator, reader: RfidReader) -> None:
    assert reader.version() == "1.2.0.4"
    book = library_tag("31234567890128")
    sim.place(book)
    assert reader.inventory() == [book.uid]
    assert decode(reader.read_blocks(book.uid)) == LibraryTag(
        "31234567890128", country="TW", isil="TW-NKUST")
    blank = blank_tag()
    sim.place(blank)
    assert decode(reader.read_blocks(blank.uid)) == BlankTag()
    data = encode(LibraryTag("31111111111116"))
    reader.write_blocks(blank.uid, data)
    assert bytes(blank.memory[:32]) == data
    reader.write_block(blank.uid, 7, b"ABCD")
    assert reader.read_blocks(blank.uid, 7, 1) == b"ABCD"


def test_secure_writes_and_reads_back_the_afi(sim: RfidSimulator, reader: RfidReader) -> None:
    book = library_tag("31234567890128")
    sim.place(book)
    reader.secure(book.uid, 0xC2)
    assert book.afi == 0xC2
    assert [c for c, _ in sim.requests[-2:]] == [m810.WRITE_AFI, m810.READ_AFI]
    reader.secure(book.uid, 0x07)
    assert reader.read_afi(book.uid) == 0x07


def test_a_damaged_or_lifted_tag_fails(sim: RfidSimulator, reader: RfidReader) -> None:
    broken = library_tag("31234567890128")
    broken.damaged = True
    sim.place(broken)
    with pytest.raises(TagFailed):
        reader.read_blocks(broken.uid)
    with pytest.raises(TagFailed):
        reader.secure(broken.uid, 0xC2)
    sim.lift(broken.uid)
    with pytest.raises(TagFailed):
        reader.read_afi(broken.uid)


def test_no_answer_times_out_after_the_retries(sim: RfidSimulator, reader: RfidReader) -> None:
    sim.quiet = True
    started = time.monotonic()
    with pytest.raises(RfidError, match="0.3"):
        reader.inventory()
    assert 0.55 < time.monotonic() - started < 2
    assert len(sim.requests) == 2          # the request and its one retry
    sim.quiet = False
    assert reader.inventory() == []


def test_unplugged_reader_is_reopened(sim: RfidSimulator, reader: RfidReader) -> None:
    assert reader.inventory() == []
    sim.port.unplug()
    with pytest.raises(RfidError):
        reader.inventory()
    sim.port.replug()
    sim.place(library_tag("31234567890128"))
    assert len(reader.inventory()) == 1


def _collect(sim: RfidSimulator, reader: RfidReader) -> tuple[RfidPadWorker, list[PadItem], list[str]]:
    items: list[PadItem] = []
    rejects: list[str] = []
    pad = RfidPadWorker(reader, items.append, rejects.append, poll_interval=0.02,
                        reconnect_interval=0.1)
    return pad, items, rejects


def test_pad_reports_each_item_once_with_its_parts(sim: RfidSimulator, reader: RfidReader) -> None:
    pad, items, rejects = _collect(sim, reader)
    book = library_tag("31234567890128")
    set_parts = [library_tag("31111111111116", part=1, parts=3),
                 library_tag("31111111111116", part=3, parts=3)]
    broken = library_tag("31999999999993")
    broken.damaged = True
    sim.place(book, *set_parts, broken)
    assert pad.poll() == []                 # not settled yet
    reported = pad.poll()
    assert {i.barcode for i in reported} == {"31234567890128", "31111111111116"}
    the_set = next(i for i in items if i.barcode == "31111111111116")
    assert the_set.parts_seen == frozenset({1, 3}) and the_set.parts_in_set == 3
    assert not the_set.complete
    assert set(pad.tags_of("31111111111116")) == {t.uid for t in set_parts}
    assert len(rejects) == 1 and broken.uid.hex().upper() in rejects[0]
    # Lifted and put back: not reported again until the desk says forget.
    sim.lift(book.uid)
    pad.poll()
    sim.place(book)
    pad.poll()
    pad.poll()
    assert [i.barcode for i in items].count("31234567890128") == 1
    assert len(rejects) == 1
    pad.forget()                            # a new patron: what lies there is not theirs
    pad.poll()
    pad.poll()
    assert [i.barcode for i in items].count("31234567890128") == 1
    sim.lift(book.uid)
    pad.poll()
    sim.place(book)
    pad.poll()
    pad.poll()
    assert [i.barcode for i in items].count("31234567890128") == 2


def test_pad_thread_reports_status_and_recovers(sim: RfidSimulator, reader: RfidReader) -> None:
    pad, items, _ = _collect(sim, reader)
    seen = threading.Event()
    pad._on_item = lambda item: (items.append(item), seen.set())
    pad.start()
    try:
        assert pad.status.wait_for(DeviceState.CONNECTED, 3)
        sim.port.unplug()
        assert pad.status.wait_for(DeviceState.ERROR, 3)
        sim.port.replug()
        assert pad.status.wait_for(DeviceState.CONNECTED, 3)
        sim.place(library_tag("31234567890128"))
        assert seen.wait(3)
    finally:
        pad.stop()
    assert pad.status.status.state is DeviceState.OFF


def test_forget_while_a_stack_is_reported_loses_no_book(sim: RfidSimulator,
                                                        reader: RfidReader) -> None:
    # The desk calls forget() when the patron card arrives, while the pad is still reporting
    # the books laid with it: every book must still come.
    items: list[PadItem] = []
    pad = RfidPadWorker(reader, lambda item: (items.append(item), pad.forget()),
                        poll_interval=0.02)
    card = library_tag("P003", usage=0x08)
    books = [library_tag(f"B00{n}") for n in range(1, 10)]
    sim.place(card, *books)
    pad.poll()
    pad.poll()
    assert [i.barcode for i in items][0] == "P003"
    assert sorted(i.barcode for i in items[1:]) == sorted(b.label for b in books)
    pad.poll()
    assert len(items) == 10                  # and none twice


def test_a_set_is_reported_again_when_its_missing_piece_comes(sim: RfidSimulator,
                                                              reader: RfidReader) -> None:
    pad, items, _ = _collect(sim, reader)
    first = library_tag("31111111111116", part=1, parts=2)
    sim.place(first)
    pad.poll()
    pad.poll()
    sim.place(library_tag("31111111111116", part=2, parts=2))
    pad.poll()
    pad.poll()
    pad.poll()
    assert [sorted(i.parts_seen) for i in items] == [[1], [1, 2]]
    assert items[-1].complete


def test_the_station_counts_pieces_only_while_they_lie_on_the_pad(sim: RfidSimulator) -> None:
    from desk.devices.registry import RfidSpec
    from desk.devices.rfid.station import RfidStation
    items: list[PadItem] = []
    station = RfidStation(RfidSpec("m810", url=sim.port.path, timeout=0.3), items.append,
                          lambda message: None)
    try:
        piece = library_tag("31111111111116", part=1, parts=2)
        sim.place(piece)
        station.pad.poll()
        station.pad.poll()
        station.remember(items[0])
        assert station.parts_seen("31111111111116") == 1
        station.secure("31111111111116", on_loan=True)
        assert piece.afi == 0xC2
        sim.lift()
        station.pad.poll()
        assert station.parts_seen("31111111111116") is None
        assert station.has_tags("31111111111116")          # known for a retry
        with pytest.raises(TagFailed):
            station.secure("31111111111116", on_loan=False)
        with pytest.raises(RfidError):
            station.secure("39999999999999", on_loan=False)  # never on the pad
    finally:
        station.reader.close()
