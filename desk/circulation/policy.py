"""The library-wide policy values the rules need, taken from the settings (``desk.configdata``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from desk.currencies import CURRENCY_DECIMALS


@dataclass(frozen=True)
class Policy:
    timezone: str = "Asia/Taipei"
    currency: str = "TWD"
    check_digits: bool = True
    max_outstanding_fines: int = 0
    holds_shelf_open_days: int = 7
    lost_deadline_months_domestic: int = 1
    lost_deadline_months_foreign: int = 3
    lost_late_fee_per_day: int = 5
    lost_late_fee_cap: int = 1000
    lost_handling_fee: int = 100
    # deliveries between locations (SOP 5.3.9)
    delivery_fee: int = 20
    delivery_pull_open_days: int = 2
    delivery_shelf_open_days: int = 3
    delivery_refund_open_days: int = 7
    long_overdue_days: int = 30
    blocks_need_supervisor: bool = False
    claims_need_supervisor: bool = False
    claims_warning_threshold: int = 3
    payment_methods: tuple[str, ...] = ("cash", "easycard")
    reserve_item_types: tuple[str, ...] = ("reserve",)     # shelved on the course-reserve shelf
    max_amount: int = 100_000_000
    history_keep_days: int = 180
    # patron notices: a courtesy reminder this many days before due (0: none), and overdue
    # notices on these days after due
    notice_courtesy_days: int = 3
    notice_overdue_days: tuple[int, ...] = (1, 7, 14)
    # missing-book searches and withdrawn-area retrieval (SOP 5.11, 5.12)
    search_reply_open_days: int = 5
    search_hold_days: int = 10
    retrieval_pickup_open_days: int = 7
    reading_due_time: str = "21:30"
    tz: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tz", ZoneInfo(self.timezone))
        object.__setattr__(self, "payment_methods", tuple(self.payment_methods))
        object.__setattr__(self, "reserve_item_types", tuple(self.reserve_item_types))
        object.__setattr__(self, "notice_overdue_days",
                           tuple(sorted(set(self.notice_overdue_days))))

    @classmethod
    def from_config(cls, config: Any) -> "Policy":
        names = [f for f in cls.__dataclass_fields__ if f != "tz"]
        return cls(**{name: config.get(name) for name in names})

    def money(self, amount: int) -> str:
        """An amount of minor units as staff read it: 'NT$1,000' or 'USD 12.50'."""
        decimals = CURRENCY_DECIMALS.get(self.currency, 2)
        prefix = "NT$" if self.currency == "TWD" else self.currency + " "
        sign = "-" if amount < 0 else ""
        if decimals == 0:
            return f"{sign}{prefix}{abs(amount):,}"
        major, minor = divmod(abs(amount), 10 ** decimals)
        return f"{sign}{prefix}{major:,}.{minor:0{decimals}d}"
