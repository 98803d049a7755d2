"""The low store under the setup and sign-in facade: desk sessions get the store, the facade's
store names are the store's, and a setup write is seen by the next operation."""

from __future__ import annotations

from datetime import timedelta

from desk.circulation import Library
from desk.circulation.store import LibraryStore, Store
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def test_a_desk_session_works_on_the_store_not_the_facade(desk: Desk) -> None:
    circulation = desk.library.circulation("MAIN-1", desk.clerk)
    assert isinstance(desk.library.store, Store)
    assert circulation.library is desk.library.store
    assert not isinstance(circulation.library, Library)


def test_the_facade_hands_on_the_store_names(desk: Desk, clock: FakeClock) -> None:
    library, store = desk.library, desk.library.store
    assert library.engine is store.engine
    assert library.policy is store.policy
    assert library.sessions is store.sessions
    assert library.read_sessions is store.read_sessions
    assert library.url == store.url and "sqlite" in library.url
    assert library.now() == store.now() == clock()
    assert library.local_today() == store.local_today()
    today = library.local_today()
    assert library.previous_open_day("MAIN", today) == store.previous_open_day("MAIN", today)
    either: list[LibraryStore] = [library, store]      # either may be given to a query
    assert len(either) == 2


def test_a_setup_write_is_seen_by_the_next_checkout(desk: Desk) -> None:
    """The store caches rules for a minute; a setup write through the facade drops the cache."""
    first = desk.main.checkout("P001", "B001")
    desk.library.set_rule("student", "book", loan_days=10, max_items=3, renewals=2,
                          renewal_days=30, fine_per_day=5)
    second = desk.main.checkout("P002", "B002")
    assert first.due_at - desk.library.now() > timedelta(days=28)
    assert second.due_at - desk.library.now() < timedelta(days=12)
