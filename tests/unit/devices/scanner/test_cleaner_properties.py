"""Fuzzing the one scan path: whatever a scanner (or a wedge burst) delivers, the cleaner answers
with a cleaned code or a clear reason, never an exception, and ``ScanIntake`` calls exactly one of
its callbacks (none for an empty line)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.devices.scanner.cleaner import CODABAR_START_STOP, BarcodeCleaner, CleanResult
from desk.devices.scanner.intake import ScanIntake
from desk.numbering import has_valid_check_digit, is_library_number, with_check_digit

affixes = st.text(alphabet=st.characters(codec="ascii", exclude_categories=("Cc",)), max_size=3)
cleaners = st.builds(BarcodeCleaner, prefix=affixes, suffix=affixes, strip_codabar=st.booleans(),
                     strip_aim=st.booleans(), check_digit=st.booleans(),
                     min_length=st.integers(1, 8), max_length=st.integers(8, 64))
# Barcode-like text, any text at all, and raw bytes (line noise).
library_numbers = st.from_regex(r"[23][0-9]{12}", fullmatch=True).map(with_check_digit)
barcodish = st.one_of(
    library_numbers,
    st.tuples(st.sampled_from(sorted(CODABAR_START_STOP)), library_numbers,
              st.sampled_from(sorted(CODABAR_START_STOP))).map("".join),
    st.tuples(st.sampled_from(["]C0", "]F0", "]E0", "]Q1"]), library_numbers).map("".join),
    st.from_regex(r"[23][0-9]{13}", fullmatch=True),
)
raw_text = st.one_of(barcodish, st.text(max_size=80), st.text(
    alphabet=st.characters(codec="ascii"), max_size=80))
raw_bytes = st.binary(max_size=80)


def check(cleaner: BarcodeCleaner, result: CleanResult) -> None:
    assert isinstance(result, CleanResult)
    if result.ok:
        code = result.code
        assert not result.reason and not result.ignored
        assert code.isascii() and code.isprintable() and not any(c.isspace() for c in code)
        assert cleaner.min_length <= len(code) <= cleaner.max_length
        if cleaner.check_digit and is_library_number(code):
            assert has_valid_check_digit(code)
    else:
        assert result.reason.strip(), "a refusal says why"
        assert not result.code


@settings(max_examples=400, deadline=None)
@given(cleaner=cleaners, raw=st.one_of(raw_text, raw_bytes))
def test_any_input_gives_a_code_or_a_reason(cleaner: BarcodeCleaner, raw: str | bytes) -> None:
    check(cleaner, cleaner.clean(raw))


@settings(max_examples=200, deadline=None)
@given(cleaner=cleaners, raw=st.one_of(raw_text, raw_bytes))
def test_the_intake_calls_exactly_one_callback(cleaner: BarcodeCleaner, raw: str | bytes) -> None:
    scans: list[str] = []
    rejects: list[str] = []
    result = ScanIntake(cleaner, scans.append, rejects.append).submit(raw)
    if result.ok:
        assert scans == [result.code] and rejects == []
    elif result.ignored:
        assert scans == [] and rejects == []
    else:
        assert scans == [] and rejects == [result.reason]


@settings(max_examples=200, deadline=None)
@given(code=library_numbers, start=st.sampled_from(sorted(CODABAR_START_STOP)),
       stop=st.sampled_from(sorted(CODABAR_START_STOP)), aim=st.sampled_from(["", "]F0", "]C0"]))
def test_a_wrapped_library_number_comes_back_as_itself(code: str, start: str, stop: str,
                                                        aim: str) -> None:
    cleaner = BarcodeCleaner(strip_aim=True, check_digit=True)
    assert cleaner.clean(f"{aim}{start}{code}{stop}\r\n").code == code


@settings(max_examples=200, deadline=None)
@given(code=library_numbers, wrong=st.integers(1, 9))
def test_a_wrong_check_digit_is_refused_naming_the_code(code: str, wrong: int) -> None:
    bad = code[:-1] + str((int(code[-1]) + wrong) % 10)
    result = BarcodeCleaner(check_digit=True).clean(f"A{bad}B")
    assert not result.ok and bad in result.reason
