"""The scripted cases every demo library contains, whatever its size and seed: an overdue
loan, a hold expired on the shelf (with another patron behind it), a hold waiting for pickup, a
pending hold, lost-item claims (one past its deadline), paid, unpaid and waived fines, course
reserves (one out overnight), a CD with accessories, a research-project loan, a proxy loan,
consortium and virtual cards at work, an item in transit and a temporary hold.

They use patrons and items set aside from the everyday simulation, so nothing else interferes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from desk.demo.activity import Simulation, State
from desk.models import Charge, Patron

Step = Callable[[Simulation], None]
WAIVER_REASON = "颱風停班停課期間無法還書，經主任同意免收 (typhoon day)"
BLOCK_MESSAGE = "冒用他人證件借書，停權至本學期末（流通組 張主任）"
PATRON_MESSAGE = "請提醒讀者更新聯絡電話"


class Cast:
    """The patrons and items the scenarios use, picked from the generated records."""

    def __init__(self, patrons: list[dict[str, Any]], items: list[dict[str, Any]], today: date) -> None:
        self.today = today
        self._patrons = {c: [p for p in patrons if p["category"] == c]
                         for c in {p["category"] for p in patrons}}
        copies: dict[Any, int] = defaultdict(int)
        for item in items:
            copies[self.biblio_key(item)] += 1
        self._items: dict[tuple[str, str], list[str]] = defaultdict(list)
        for item in items:
            if copies[self.biblio_key(item)] == 1 and not item.get("staff_flag"):
                self._items[(item["location"], item["item_type"])].append(item["barcode"])
        self.used: set[str] = set()

    @staticmethod
    def biblio_key(item: dict[str, Any]) -> Any:
        return item.get("isbn") or (item["title"], item.get("author"))

    def patron(self, *categories: str) -> dict[str, Any]:
        for category in categories:
            for record in self._patrons.get(category, []):
                if record["barcode"] not in self.used:
                    self.used.add(record["barcode"])
                    return record
        raise ValueError(f"the demo needs more {'/'.join(categories)} patrons; use more patrons")

    def item(self, location: str = "MAIN", item_type: str = "book") -> str:
        for barcode in self._items[(location, item_type)]:
            if barcode not in self.used:
                self.used.add(barcode)
                return barcode
        raise ValueError(f"the demo needs more {item_type} items at {location}; use more items")


def mark_patrons(cast: Cast) -> None:
    """Change patron records before they are written: a blocked patron, an expired card, a
    message, and a virtual card valid until tomorrow."""
    blocked = cast.patron("student")
    blocked.update(blocked=True, block_message=BLOCK_MESSAGE)
    cast.patron("student")["expires"] = cast.today - timedelta(days=20)
    cast.patron("student")["message"] = PATRON_MESSAGE
    cast.patron("virtual")["expires"] = cast.today + timedelta(days=1)


def plan(cast: Cast, state: State) -> dict[int, list[Step]]:
    """Steps by day offset (-1 is yesterday)."""
    virtual = next(p["barcode"] for p in cast._patrons["virtual"]
                   if p["expires"] == cast.today + timedelta(days=1))
    steps: dict[int, list[Step]] = defaultdict(list)

    def on(day: int, step: Step) -> None:
        steps[day].append(step)

    def p(*categories: str) -> str:
        return cast.patron(*categories)["barcode"]

    # Overdue for a month.
    late, late_items = p("student"), [cast.item(), cast.item()]
    on(-50, lambda s: [s.lend("MAIN-1", late, i, keep=True) for i in late_items])
    # A hold left on the shelf past its 7 open days, another patron in line behind it.
    a, b, c, shelf_item = p("student"), p("graduate"), p("faculty"), cast.item()
    on(-16, lambda s: s.lend("MAIN-1", a, shelf_item, keep=True))
    on(-15, lambda s: s.attempt("hold", lambda: s.desks["MAIN-2"].place_hold(b, shelf_item)))
    on(-14, lambda s: s.give_back("MAIN-1", shelf_item))
    on(-13, lambda s: s.attempt("hold", lambda: s.desks["MAIN-1"].place_hold(c, shelf_item)))
    # A hold waiting for pickup now.
    a2, b2, waiting_item = p("graduate"), p("student"), cast.item()
    on(-6, lambda s: s.lend("MAIN-1", a2, waiting_item, keep=True))
    on(-5, lambda s: s.attempt("hold", lambda: s.desks["MAIN-1"].place_hold(b2, waiting_item)))
    on(-1, lambda s: s.give_back("MAIN-2", waiting_item))
    # A pending hold on a book still out.
    a3, b3, pending_item = p("faculty"), p("student"), cast.item("SOC")
    on(-8, lambda s: s.lend("SOC-1", a3, pending_item, keep=True))
    on(-7, lambda s: s.attempt("hold", lambda: s.desks["SOC-1"].place_hold(b3, pending_item)))
    # Lost items: one claim within its deadline, one past it.
    lost, lost_item, lost2, lost_item2 = p("student"), cast.item(), p("alumni"), cast.item()
    on(-40, lambda s: s.lend("MAIN-1", lost, lost_item, keep=True))
    on(-20, lambda s: s.attempt("lost claim", lambda: s.desks["MAIN-1"].declare_lost(lost_item)))
    on(-85, lambda s: s.lend("MAIN-2", lost2, lost_item2, keep=True))
    on(-75, lambda s: s.attempt("lost claim", lambda: s.desks["MAIN-2"].declare_lost(lost_item2)))
    # Fines: paid on the spot, left unpaid, and waived by the supervisor.
    paid, paid_item = p("student"), cast.item()
    on(-60, lambda s: s.lend("MAIN-1", paid, paid_item, keep=True))
    on(-25, lambda s: s.give_back("MAIN-1", paid_item, pay=1.0))
    unpaid, unpaid_item = p("student"), cast.item()
    on(-55, lambda s: s.lend("MAIN-1", unpaid, unpaid_item, keep=True))
    on(-20, lambda s: (s.give_back("MAIN-2", unpaid_item, pay=0.0), s.state.debtors.add(unpaid)))
    waived, waived_item = p("student"), cast.item()
    on(-58, lambda s: s.lend("MAIN-1", waived, waived_item, keep=True))
    on(-22, lambda s: (s.give_back("MAIN-1", waived_item, pay=0.0), waive_all(s, waived)))
    # Course reserves: one back 2 started hours late, one out overnight since yesterday.
    reader, reserve1 = p("student"), cast.item("MAIN", "reserve")
    reader2, reserve2 = p("graduate"), cast.item("MAIN", "reserve")
    on(-3, lambda s: hourly_late_return(s, reader, reserve1))
    on(-1, lambda s: s.lend("MAIN-1", reader2, reserve2, keep=True))
    # A CD with its accessories, a research-project loan, a proxy loan.
    listener, cd = p("graduate"), cast.item("MAIN", "cd")
    on(-4, lambda s: s.lend("MAIN-2", listener, cd, keep=True))
    professor, assistant = p("faculty"), p("graduate")
    project_item, proxy_item = cast.item("MAIN", "project"), cast.item()
    on(-80, lambda s: s.lend("MAIN-1", professor, project_item, keep=True))
    on(-9, lambda s: (s.library.add_proxy(professor, assistant, note="研究助理代借"),
                      s.lend("MAIN-1", professor, proxy_item, keep=True, proxy_barcode=assistant)))
    # Inter-library cards: no renewal for a consortium card; a virtual card's 5 lifetime items.
    card, card_items = p("consortium"), [cast.item(), cast.item("SOC")]
    on(-10, lambda s: [s.lend("MAIN-1", card, i, keep=True) for i in card_items])
    on(-9, lambda s: s.attempt("renewal", lambda: s.desks["MAIN-1"].renew(card_items[0])))
    virtual_items = [cast.item() for _ in range(6)]
    on(-2, lambda s: [s.lend("MAIN-2", virtual, i, keep=True) for i in virtual_items])
    # A SOC book returned at the main library yesterday, still in transit; a temporary hold.
    reader3, transit_item, aside = p("student"), cast.item("SOC"), cast.item()
    on(-12, lambda s: s.lend("SOC-1", reader3, transit_item, keep=True))
    on(-1, lambda s: s.give_back("MAIN-1", transit_item))
    on(-1, lambda s: s.attempt("temporary hold",
                               lambda: s.desks["MAIN-1"].temporary_hold(unpaid, aside)))
    state.reserved |= cast.used
    return steps


def hourly_late_return(sim: Simulation, patron: str, item: str) -> None:
    if sim.lend("MAIN-1", patron, item, keep=True):
        sim.at(sim.clock.now + timedelta(hours=4, minutes=20))
        sim.give_back("MAIN-1", item, pay=1.0)


def waive_all(sim: Simulation, patron: str) -> None:
    with sim.library.sessions() as session:
        charges = list(session.scalars(select(Charge.id).join(Patron).where(
            Patron.barcode == patron, Charge.amount > Charge.paid + Charge.waived)))
    for charge in charges:
        sim.attempt("waiver", lambda: sim.desks["MAIN-1"].waive(
            charge, WAIVER_REASON, supervisor=sim.supervisor))
    sim.state.debtors.discard(patron)
