"""The demo library carries the ``demo`` mark; a library set up by hand does not."""

from __future__ import annotations

from datetime import date

from desk.circulation import open_library
from desk.demo.setup import build_setup
from desk.models.marks import DEMO, has_mark


def test_build_setup_marks_the_library_as_the_demo(tmp_path):
    library = open_library(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    try:
        build_setup(library, date(2026, 11, 2))
        with library.read_sessions() as session:
            assert has_mark(session, DEMO)
    finally:
        library.close()


def test_a_library_set_up_by_hand_is_not_marked(tmp_path):
    library = open_library(f"sqlite:///{tmp_path / 'hand.sqlite'}")
    try:
        library.add_location("MAIN", "總館")
        with library.read_sessions() as session:
            assert not has_mark(session, DEMO)
    finally:
        library.close()
