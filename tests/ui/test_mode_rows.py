"""Packing the mode buttons into rows (``mode_rows.pack``), fuzzed: every button keeps its
place in order, a group starts a row of its own, no row but the last holds more than fits
(unless it is one button wider than the window), and there are never more rows than toolbars."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desk.ui.mode_rows import pack

# A button is its width; None is a separator (10 px wide, never at the start of a row).
widths = st.one_of(st.none(), st.integers(min_value=20, max_value=400))
groups = st.lists(st.lists(widths, max_size=25), min_size=1, max_size=3)


class Button:
    def __init__(self, width: int) -> None:
        self.width = width


def width_of(item: object) -> int:
    return 10 if item is None else item.width  # type: ignore[attr-defined]


@given(groups, st.integers(min_value=200, max_value=2000), st.integers(min_value=2, max_value=5))
def test_rows_keep_the_order_and_fit(spec: list[list[int | None]], available: int,
                                     rows: int) -> None:
    items = [[None if w is None else Button(w) for w in group] for group in spec]
    packed = pack(items, width_of, available, rows)   # type: ignore[arg-type]
    assert len(packed) <= rows
    buttons = [item for group in items for item in group if item is not None]
    assert [item for row in packed for item in row if item is not None] == buttons
    for row in packed:
        assert row and row[0] is not None           # no row starts with a separator
    for row in packed[:-1]:
        assert len(row) == 1 or sum(map(width_of, row)) <= available
    # A group's first button starts a row unless the rows ran out (all beyond go on the last).
    starts = {id(row[0]) for row in packed}
    firsts = [next((i for i in group if i is not None), None) for group in items]
    firsts = [f for f in firsts if f is not None]
    assert all(id(f) in starts for f in firsts[:1])
    if len(packed) < rows:
        assert all(id(f) in starts for f in firsts)


def test_a_narrow_window_spills_onto_the_last_row() -> None:
    items = [[Button(300) for _ in range(6)]]
    packed = pack(items, width_of, 300, 3)          # type: ignore[arg-type]
    assert [len(row) for row in packed] == [1, 1, 4]
