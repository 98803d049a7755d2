"""SIP2 framing (desk.sip2.codec): the checksum over the encoded bytes, CR and CR LF, fixed and
variable fields, every malformed frame refused as such, and Hypothesis fuzzing of both ways."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.sip2.codec import (MAX_FIELD_CHARS, REQUEST_FIXED, MalformedMessage, UnknownMessage,
                             checksum, clean, decode, encode)
from tests.support.sip2_server import DATE, checksum_ok, frame

# The checkin example the sip2 client's source quotes (ASCII, so bytes and characters agree).
SPEC_CHECKIN = ("09N20160419    12200820160419    122008APReading Room 1|AO830|"
                "AB830$28170815|AC|AY2AZ")


def test_the_checksum_is_the_twos_complement_of_the_byte_sum() -> None:
    assert checksum(SPEC_CHECKIN.encode("ascii")) == "EB80"
    assert checksum(b"96AZ") == "FEF6"
    data = b"9900302.00AY1AZ"
    assert (sum(data) + int(checksum(data), 16)) & 0xFFFF == 0
    assert len(checksum(b"")) == 4 and checksum(b"") == "0000"   # zero-padded, upper case


def test_a_chinese_name_is_summed_as_its_bytes_in_the_terminals_encoding() -> None:
    text = f"23001{DATE}AO|AAP001|AE陳小明|AY1AZ"
    utf8, big5 = text.encode("utf-8"), text.encode("cp950")
    characters = f"{(-sum(ord(c) for c in text)) & 0xFFFF:04X}"   # the sip2 client's way
    assert checksum(utf8) != checksum(big5)
    assert characters not in (checksum(utf8), checksum(big5))
    for encoding in ("utf-8", "cp950"):
        message = decode(frame(f"23001{DATE}AO|AAP001|AE陳小明|", sequence=1,
                               encoding=encoding), encoding)
        assert message.get("AE") == "陳小明" and message.sequence == "1"
    # the character sum of a Chinese name is refused as a wrong checksum
    wrong = text.encode("utf-8") + characters.encode("ascii") + b"\r"
    with pytest.raises(MalformedMessage, match="checksum"):
        decode(wrong, "utf-8")


def test_fixed_and_variable_fields_of_a_checkout() -> None:
    message = decode(frame(f"11YN{DATE}{' ' * 18}AOinst|AAP001|ABB001|AC|", sequence=3),
                     "utf-8")
    assert message.code == "11" and len(message.fixed) == REQUEST_FIXED["11"]
    assert message.fixed[:2] == "YN" and message.fixed[2:20] == DATE
    assert message.fields == (("AO", "inst"), ("AA", "P001"), ("AB", "B001"), ("AC", ""))
    assert message.sequence == "3" and message.checksummed
    assert message.get("AD", "none") == "none" and not message.has("AD")


def test_cr_lf_and_no_error_detection_are_accepted() -> None:
    crlf = decode(frame(f"17{DATE}AO|ABB001|", crlf=True), "utf-8")
    assert crlf.get("AB") == "B001"
    plain = decode(frame(f"17{DATE}AO|ABB001|", sequence=None, checksum=False), "utf-8")
    assert plain.get("AB") == "B001" and plain.sequence is None and not plain.checksummed
    only_sequence = decode(frame(f"17{DATE}AO|ABB001|", sequence=7, checksum=False), "utf-8")
    assert only_sequence.sequence == "7" and not only_sequence.checksummed
    # the last field without its | (some machines leave it off)
    assert decode(frame(f"17{DATE}AO|ABB001", sequence=None, checksum=False),
                  "utf-8").get("AB") == "B001"


def test_an_unpadded_checksum_of_the_sip2_client_is_accepted() -> None:
    for n in range(200):   # some of these sums need fewer than 4 hex digits
        data = f"17{DATE}AO|ABX{n}|AY1AZ".encode("ascii")
        value = f"{(-sum(data)) & 0xFFFF:X}"
        assert decode(data + value.encode("ascii") + b"\r", "utf-8").get("AB") == f"X{n}"


@pytest.mark.parametrize("raw, reason", [
    (b"9900302.00AY1AZ0000\r", "checksum"),
    (b"XX\r", "no message code"),
    (b"\r", "no message code"),
    (b"23001" + DATE.encode() + b"AO|AAP001|AE\xff\xfe|\r", "not utf-8"),
    (b"11YN2026\r", "too short"),
    (b"17" + DATE.encode() + b"AO|A|\r", "malformed field"),
    (b"17" + DATE.encode() + b"AO|ab123|\r", "malformed field"),
    (b"17" + DATE.encode() + b"AB" + b"x" * (MAX_FIELD_CHARS + 1) + b"|\r", "longer"),
    (b"17" + DATE.encode() + b"AO|\rAB1|\r", "line break"),
])
def test_malformed_frames_are_refused_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(MalformedMessage, match=reason):
        decode(raw, "utf-8")


def test_an_unknown_message_code_is_named() -> None:
    with pytest.raises(UnknownMessage) as caught:
        decode(frame("42hello|"), "utf-8")
    assert caught.value.code == "42"
    with pytest.raises(UnknownMessage):
        decode(frame("24" + " " * 14 + "001" + DATE), "utf-8")   # a reply is not a request


def test_big5_trail_bytes_that_look_like_a_field_separator_stay_in_the_name() -> None:
    # 許 and 功 are Big5 characters whose second byte is 0x5C; find one whose is 0x7C (|)
    name = next(ch for ch in map(chr, range(0x4E00, 0x9FA6))
                if _big5(ch) is not None and _big5(ch)[1:] == b"|")
    message = decode(frame(f"23001{DATE}AO|AAP001|AE{name}{name}|", encoding="cp950"), "cp950")
    assert message.get("AE") == name * 2
    assert [key for key, _ in message.fields] == ["AO", "AA", "AE"]


def _big5(ch: str) -> bytes | None:
    try:
        return ch.encode("cp950")
    except UnicodeEncodeError:
        return None


def test_a_reply_is_framed_with_the_requests_sequence_and_a_byte_checksum() -> None:
    data = encode("24", " " * 14 + "027" + DATE, [("AO", "inst"), ("AE", "陳小明"),
                                                 ("AF", ["一", "二"]), ("BV", None)],
                  encoding="utf-8", sequence="4", with_checksum=True)
    assert data.endswith(b"\r") and b"AY4AZ" in data and checksum_ok(data)
    assert data.count(b"AF") == 2 and b"BV" not in data
    big5 = encode("24", "", [("AE", "陳小明")], encoding="cp950", with_checksum=True)
    assert "陳小明".encode("cp950") in big5 and checksum_ok(big5)
    # characters Big5 lacks become ?, separators and line breaks in values become spaces
    odd = encode("24", "", [("AE", "😀|a\rb")], encoding="cp950")
    assert odd == b"24AE? a b|\r"
    assert encode("96", "", [], encoding="utf-8") == b"96\r"


def test_clean_values_fit_a_field() -> None:
    assert clean("x" * 300) == "x" * MAX_FIELD_CHARS
    assert clean(12) == "12"


FIELD_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
FIELD_IDS = st.sampled_from(["AA", "AB", "AE", "AF", "AO", "CN", "CO", "BV"])


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from(sorted(REQUEST_FIXED)), data=st.data(),
       values=st.lists(st.tuples(FIELD_IDS, FIELD_TEXT), max_size=6),
       sequence=st.one_of(st.none(), st.sampled_from("0123456789")),
       encoding=st.sampled_from(["utf-8", "cp950"]), crlf=st.booleans())
def test_what_is_encoded_decodes_to_the_same_fields(code: str, data: st.DataObject,
                                                      values: list[tuple[str, str]],
                                                      sequence: str | None, encoding: str,
                                                      crlf: bool) -> None:
    fixed = data.draw(st.text(st.sampled_from("YN 0123456789"), min_size=REQUEST_FIXED[code],
                              max_size=REQUEST_FIXED[code]))
    raw = encode(code, fixed, values, encoding=encoding, sequence=sequence, with_checksum=True)
    if crlf:
        raw += b"\n"
    message = decode(raw, encoding)
    expected = tuple((key, clean(value).encode(encoding, "replace").decode(encoding))
                     for key, value in values)
    assert (message.code, message.fixed, message.fields, message.sequence) == \
        (code, fixed, expected, sequence)


@settings(max_examples=500, deadline=None)
@given(raw=st.binary(max_size=300), encoding=st.sampled_from(["utf-8", "cp950"]))
def test_any_bytes_decode_or_are_refused_as_malformed(raw: bytes, encoding: str) -> None:
    try:
        message = decode(raw, encoding)
    except MalformedMessage as refused:
        assert refused.reason
    else:
        assert message.code in REQUEST_FIXED


@settings(max_examples=300, deadline=None)
@given(text=st.text(min_size=2, max_size=80), flip=st.integers(0, 200))
def test_a_changed_byte_is_caught_by_the_checksum(text: str, flip: int) -> None:
    good = frame(f"17{DATE}AB{text.replace('|', '')}|", sequence=1)
    where = flip % (len(good) - 7)     # a byte before the checksum digits
    changed = bytearray(good)
    changed[where] = (changed[where] + 1) % 256
    try:
        message = decode(bytes(changed), "utf-8")
    except MalformedMessage:
        return
    # only a change that keeps the sum (none: one byte +1 always moves it) could pass
    raise AssertionError(f"accepted a changed frame: {message}")
