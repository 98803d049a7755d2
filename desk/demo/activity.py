"""Ninety days of everyday circulation, played through the circulation API with a clock that
walks forward from three months ago to now: loans, returns with fines, payments, renewals,
holds trapped on return and picked up (or not), shelf clearing, transits and day closing.

``Desk`` keeps a light shadow of the state (what is on loan, who owes money) only to pick
plausible next steps; the database, written by the API, is the truth, and a refused step is
simply skipped, as at a real counter.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from desk.circulation import Circulation, CirculationRefused, Library
from desk.circulation.results import CheckinResult
from desk.demo.setup import BOOK_RULES, LOCATIONS

LOCATION_BY_NAME = {name: code for code, name in LOCATIONS}
DESK_OF = {"MAIN": ("MAIN-1", "MAIN-2"), "SOC": ("SOC-1",), "LAW": ("LAW-1",)}


class DemoClock:
    """The clock the demo library runs on; ``Simulation`` moves it forward."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


class DayOver(Exception):
    """The clock reached the end of the simulated time (the real now)."""


@dataclass
class OpenLoan:
    patron: str
    due_at: datetime
    returns_on: date | None        # None: kept out (it becomes overdue)
    hourly: bool = False
    returns_at: datetime | None = None


@dataclass
class State:
    patrons: dict[str, dict[str, Any]]
    items: dict[str, dict[str, Any]]
    available: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    loans: dict[str, OpenLoan] = field(default_factory=dict)
    waiting: dict[str, tuple[str, str]] = field(default_factory=dict)   # item -> (patron, location)
    in_transit: dict[str, str] = field(default_factory=dict)             # item -> location
    debtors: set[str] = field(default_factory=set)
    reserved: set[str] = field(default_factory=set)   # patrons and items the scenarios use
    takings: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    counts: Counter = field(default_factory=Counter)


class Simulation:
    """Plays the days from ``start`` up to ``end`` (aware datetimes)."""

    def __init__(self, library: Library, clock: DemoClock, rng: random.Random, state: State,
                 end: datetime) -> None:
        self.library, self.clock, self.rng, self.state, self.end = library, clock, rng, state, end
        self.tz = library.policy.tz
        clerk = library.sign_in("clerk", "clerk")
        clerk2 = library.sign_in("clerk2", "clerk2")
        self.supervisor = library.sign_in("super", "super")
        self.desks: dict[str, Circulation] = {
            code: library.circulation(code, clerk2 if code == "MAIN-2" else clerk)
            for codes in DESK_OF.values() for code in codes}
        for barcode, item in state.items.items():
            if barcode not in state.reserved:
                state.available[(item["location"], item["item_type"])].append(barcode)
        self.borrowers_per_day = max(2, len(state.patrons) // 70)
        self.holds_per_day = max(1, len(state.patrons) // 150)

    # --- time ---------------------------------------------------------------------------------
    def start_day(self, day: date) -> None:
        self.clock.now = datetime.combine(day, time(8, 30), tzinfo=self.tz)
        self.today = day

    def tick(self, minutes: float | None = None) -> None:
        step = timedelta(minutes=minutes if minutes is not None else self.rng.uniform(0.5, 4))
        if self.clock.now + step >= self.end:
            raise DayOver
        self.clock.now += step

    def at(self, moment: datetime) -> None:
        if moment >= self.end:
            raise DayOver
        self.clock.now = max(self.clock.now, moment)

    def is_open(self, location: str, day: date) -> bool:
        return self.library.previous_open_day(location, day + timedelta(days=1)) == day

    # --- one API call, refusals counted and skipped ------------------------------------------
    def attempt(self, what: str, call: Callable[[], Any]) -> Any:
        self.tick()
        try:
            result = call()
        except CirculationRefused:
            self.state.counts[f"refused {what}"] += 1
            return None
        self.state.counts[what] += 1
        return result

    # --- building blocks the day and the scenarios use -------------------------------------------
    def take_available(self, location: str, item_type: str) -> str | None:
        pool = self.state.available.get((location, item_type))
        if not pool:
            return None
        index = self.rng.randrange(len(pool))
        pool[index], pool[-1] = pool[-1], pool[index]
        return pool.pop()

    def make_available(self, barcode: str, location: str | None = None) -> None:
        item = self.state.items[barcode]
        if barcode not in self.state.reserved:
            self.state.available[(location or item["location"], item["item_type"])].append(barcode)

    def lend(self, desk: str, patron: str, item: str, *, keep: bool = False,
             returns_on: date | None = None, **kwargs: Any) -> bool:
        result = self.attempt("checkout", lambda: self.desks[desk].checkout(patron, item, **kwargs))
        if result is None:
            return False
        self.state.waiting.pop(item, None)
        loan = OpenLoan(patron, result.due_at, None, hourly=False)
        if self.state.items[item]["item_type"] == "reserve":
            loan.hourly = True
            loan.returns_at = None if keep else self.clock.now + timedelta(
                minutes=self.rng.choice((70, 150, 170, 200, 250)))
        elif not keep:
            due = result.due_at.astimezone(self.tz).date()
            roll = self.rng.random()
            if returns_on is not None:
                loan.returns_on = returns_on
            elif roll < 0.72:
                span = max(1, (due - self.today).days)
                loan.returns_on = self.today + timedelta(days=self.rng.randint(1, span))
            elif roll < 0.92:
                loan.returns_on = due + timedelta(days=self.rng.randint(1, 18))
        self.state.loans[item] = loan
        return True

    def give_back(self, desk: str, item: str, *, pay: float = 0.55) -> CheckinResult | None:
        loan = self.state.loans.get(item)
        result: CheckinResult | None = self.attempt(
            "checkin", lambda: self.desks[desk].checkin(item))
        if result is None:
            return None
        self.state.loans.pop(item, None)
        self.state.in_transit.pop(item, None)
        location = self.desks[desk].location_code
        if result.route == "holds_shelf" and result.hold_patron_barcode:
            self.state.waiting[item] = (result.hold_patron_barcode, location)
        elif result.route == "transit":
            self.state.in_transit[item] = LOCATION_BY_NAME.get(result.destination or "", "MAIN")
        else:
            self.make_available(item)
        if result.fine and loan is not None:
            if self.rng.random() < pay:
                self.pay(desk, loan.patron, result.fine)
            else:
                self.state.debtors.add(loan.patron)
        return result

    def pay(self, desk: str, patron: str, amount: int | None = None) -> None:
        circulation = self.desks[desk]
        owed = circulation.balance(patron)
        amount = owed if amount is None else min(amount, owed)
        if amount <= 0:
            self.state.debtors.discard(patron)
            return
        method = "cash" if self.rng.random() < 0.7 else "easycard"
        if self.attempt("payment", lambda: circulation.pay(patron, amount, method)):
            self.state.takings[desk][method] += amount
            if amount >= owed:
                self.state.debtors.discard(patron)
            else:
                self.state.debtors.add(patron)

    # --- one ordinary day ----------------------------------------------------------------------
    def run_day(self, day: date, *, extra: Callable[["Simulation"], None] | None = None,
                clear_shelves: bool = False, close: bool = True) -> None:
        self.start_day(day)
        open_locations = [code for code, _ in LOCATIONS if self.is_open(code, day)]
        if not open_locations:
            return
        try:
            if clear_shelves:
                for location in open_locations:
                    self.clear_shelf(location)
            for location in open_locations:
                self.receive_transits(location)
            self.returns(open_locations)
            self.pickups(open_locations)
            self.borrowing(open_locations)
            self.holds(open_locations)
            self.renewals(open_locations)
            if extra is not None:
                extra(self)
            self.reserve_returns()
            self.debtors_pay(open_locations)
            if close:
                self.close_desks(day)
        except DayOver:
            pass

    def desk_for(self, location: str) -> str:
        return self.rng.choice(DESK_OF[location])

    def receive_transits(self, location: str) -> None:
        for item, destination in list(self.state.in_transit.items()):
            if destination == location and item not in self.state.reserved:
                self.give_back(self.desk_for(location), item)

    def returns(self, open_locations: list[str]) -> None:
        due = [item for item, loan in self.state.loans.items()
               if not loan.hourly and loan.returns_on is not None and loan.returns_on <= self.today
               and item not in self.state.reserved]
        for item in sorted(due):
            home = self.state.items[item]["location"]
            location = home if self.rng.random() < 0.93 or len(open_locations) == 1 \
                else self.rng.choice(open_locations)
            if location in open_locations:
                self.give_back(self.desk_for(location), item)

    def pickups(self, open_locations: list[str]) -> None:
        for item, (patron, location) in sorted(self.state.waiting.items()):
            if location in open_locations and item not in self.state.reserved \
                    and self.rng.random() < 0.3:
                self.lend(self.desk_for(location), patron, item)

    def eligible(self, patron: str) -> bool:
        info = self.state.patrons[patron]
        expires = info.get("expires")
        return (patron not in self.state.reserved and patron not in self.state.debtors
                and not info.get("blocked") and (expires is None or expires >= self.today)
                and (info["category"] != "virtual" or expires <= self.today + timedelta(days=3)))

    def borrowing(self, open_locations: list[str]) -> None:
        patrons = list(self.state.patrons)
        for location in open_locations:
            share = 0.6 if location == "MAIN" else 0.2
            for _ in range(max(1, round(self.borrowers_per_day * share))):
                patron = self.rng.choice(patrons)
                if not self.eligible(patron):
                    continue
                category = self.state.patrons[patron]["category"]
                overdue = any(loan.patron == patron and loan.due_at < self.clock.now
                              for loan in self.state.loans.values())
                if overdue:
                    continue
                for _ in range(self.rng.choice((1, 1, 2, 2, 3))):
                    item_type = self.pick_type(category)
                    item = self.take_available(location, item_type)
                    if item is None:
                        continue
                    if not self.lend(self.desk_for(location), patron, item):
                        self.make_available(item)
                        break

    def pick_type(self, category: str) -> str:
        if category in ("consortium", "virtual"):
            return "book"
        roll = self.rng.random()
        if roll < 0.06 and category in ("student", "graduate"):
            return "reserve"
        if roll < 0.11:
            return "cd"
        if roll < 0.15 and category in ("faculty", "staff", "graduate"):
            return "project"
        return "book"

    def holds(self, open_locations: list[str]) -> None:
        candidates = [item for item, loan in self.state.loans.items()
                      if not loan.hourly and item not in self.state.reserved]
        patrons = [p for p, info in self.state.patrons.items()
                   if info["category"] in BOOK_RULES and p not in self.state.reserved]
        for _ in range(self.holds_per_day):
            if not candidates or not patrons:
                return
            item, patron = self.rng.choice(candidates), self.rng.choice(patrons)
            location = self.rng.choice(open_locations)
            self.attempt("hold", lambda: self.desks[self.desk_for(location)].place_hold(
                patron, item, pickup_location=self.state.items[item]["location"]))

    def renewals(self, open_locations: list[str]) -> None:
        soon = self.clock.now + timedelta(days=2)
        for item, loan in sorted(self.state.loans.items()):
            if loan.hourly or item in self.state.reserved or not (self.clock.now < loan.due_at <= soon):
                continue
            if loan.returns_on is not None and loan.returns_on <= loan.due_at.date():
                continue
            if self.rng.random() < 0.5:
                desk = self.desk_for(self.rng.choice(open_locations))
                result = self.attempt("renewal", lambda: self.desks[desk].renew(item))
                if result is not None:
                    loan.due_at = result.due_at

    def reserve_returns(self) -> None:
        hourly = sorted((loan.returns_at, item) for item, loan in self.state.loans.items()
                        if loan.hourly and loan.returns_at is not None
                        and item not in self.state.reserved)
        for returns_at, item in hourly:
            self.at(returns_at)
            self.give_back("MAIN-1", item, pay=0.8)

    def debtors_pay(self, open_locations: list[str]) -> None:
        for patron in sorted(self.state.debtors):
            if patron not in self.state.reserved and self.rng.random() < 0.04:
                self.pay(self.desk_for(self.rng.choice(open_locations)), patron)

    def clear_shelf(self, location: str) -> None:
        desk = DESK_OF[location][0]
        result = self.attempt("shelf clearing",
                              lambda: self.desks[desk].clear_holds_shelf(location))
        if result is None:
            return
        for item in result.expired:
            self.state.waiting.pop(item, None)
        for item in result.retrapped:
            self.state.waiting.pop(item, None)
        for item in result.to_reshelve:
            self.give_back(desk, item)   # staff pull it and scan it back into circulation
        for item in result.to_transit:
            self.state.in_transit[item] = self.state.items[item]["location"]

    def close_desks(self, day: date) -> None:
        self.at(datetime.combine(day, time(21, 0), tzinfo=self.tz))
        for desk, takings in sorted(self.state.takings.items()):
            counted = dict(takings)
            if sum(counted.values()) == 0:
                continue
            self.attempt("day closed", lambda: self.desks[desk].close_day(
                counted, supervisor=self.supervisor))
        self.state.takings.clear()
