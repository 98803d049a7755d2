"""The patron's photo (SOP 5.3.1): ``Circulation.set_patron_photo`` stores a JPEG or PNG the
desk scaled, checked by header and size, audited; anything else is refused and changes nothing.
On SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import io
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.circulation.patron_photo import PHOTO_MAX_BYTES, check_photo
from desk.models import AuditEvent, Patron
from tests.support import db_state
from tests.support.small_library import Desk


def image_bytes(width: int, height: int, fmt: str = "JPEG", *, progressive: bool = False) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, fmt, progressive=progressive)
    return out.getvalue()


def stored_photo(desk: Desk, barcode: str) -> bytes | None:
    with desk.library.read_sessions() as session:
        return session.scalars(select(Patron.photo).where(Patron.barcode == barcode)).one()


def last_audit(desk: Desk) -> AuditEvent:
    with desk.library.read_sessions() as session:
        row = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
        session.expunge(row)
        return row


def test_a_jpeg_is_stored_and_audited(any_desk: Desk) -> None:
    photo = image_bytes(360, 480)
    any_desk.main.set_patron_photo("P001", photo)
    assert stored_photo(any_desk, "P001") == photo
    event = last_audit(any_desk)
    assert (event.action, event.outcome, event.patron_barcode) == ("set_patron_photo", "done",
                                                                    "P001")
    assert event.detail == {"format": "jpeg", "width": 360, "height": 480,
                            "bytes": len(photo), "sha256": hashlib.sha256(photo).hexdigest()}


def test_a_png_is_stored_and_none_removes_it(any_desk: Desk) -> None:
    photo = image_bytes(100, 120, "PNG")
    any_desk.main.set_patron_photo("P002", photo)
    assert stored_photo(any_desk, "P002") == photo
    any_desk.main.set_patron_photo("P002", None)
    assert stored_photo(any_desk, "P002") is None
    assert last_audit(any_desk).detail == {"removed": True}


@pytest.mark.parametrize("data, code", [
    (b"GIF89a" + bytes(100), "photo_not_image"),
    (b"\xff\xd8\xff", "photo_too_small"),
    ("not bytes", "photo_not_image"),
    (b"\xff\xd8\xff\xe0" + bytes(PHOTO_MAX_BYTES), "photo_too_big"),
    (b"\x89PNG\r\n\x1a\n" + bytes(40), "photo_not_image"),       # no IHDR first
    (b"\xff\xd8\xff\xd9" + bytes(40), "photo_not_image"),         # ends before a frame
])
def test_bad_bytes_are_refused_and_nothing_changes(any_desk: Desk, data: object,
                                                   code: str) -> None:
    before = db_state.rows(any_desk.library)
    with pytest.raises(CirculationRefused) as error:
        any_desk.main.set_patron_photo("P001", data)  # type: ignore[arg-type]
    assert error.value.codes == [code]
    assert error.value.reasons[0].message            # a sentence, in the user's language
    assert db_state.rows(any_desk.library) == before
    event = last_audit(any_desk)
    assert (event.action, event.outcome, event.codes) == ("set_patron_photo", "refused", code)


def test_an_image_not_scaled_by_the_desk_is_refused_by_its_declared_size(desk: Desk) -> None:
    for width, height in ((800, 600), (481, 100), (10, 10)):
        with pytest.raises(CirculationRefused) as error:
            desk.main.set_patron_photo("P001", image_bytes(width, height))
        assert error.value.codes == ["photo_bad_size"]
        assert f"{width}×{height}" in error.value.reasons[0].message
    assert stored_photo(desk, "P001") is None


def test_an_unknown_card_is_refused(desk: Desk) -> None:
    with pytest.raises(CirculationRefused) as error:
        desk.main.set_patron_photo("P999", image_bytes(50, 50))
    assert error.value.codes == ["patron_not_found"]


def test_header_sizes_of_real_images() -> None:
    assert check_photo(image_bytes(480, 320)).width == 480
    progressive = check_photo(image_bytes(200, 300, progressive=True))
    assert (progressive.format, progressive.width, progressive.height) == ("jpeg", 200, 300)
    png = check_photo(image_bytes(17, 480, "PNG"))
    assert (png.format, png.width, png.height) == ("png", 17, 480)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n",
                                                 b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"]))
def test_any_bytes_are_a_photo_or_a_refusal(tail: bytes, head: bytes) -> None:
    """Whatever the bytes, the check answers with facts or a refusal, never a crash."""
    try:
        facts = check_photo(head + tail)
    except CirculationRefused as refused:
        assert refused.codes[0].startswith("photo_")
    else:
        assert 16 <= facts.width <= 480 and 16 <= facts.height <= 480


def test_a_jpeg_segment_walk_over_truncated_lengths_is_refused() -> None:
    broken = b"\xff\xd8\xff\xe0" + struct.pack(">H", 1) + bytes(40)
    with pytest.raises(CirculationRefused):
        check_photo(broken)
