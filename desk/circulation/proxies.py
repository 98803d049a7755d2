"""Proxies (SOP 5.3.2): a patron who cannot come in person authorises another patron to borrow
for them on the library's form; staff record it (``add_proxy``) and end it (``end_proxy``).

An authorisation is current while its ``valid_until`` (inclusive, the library's local date)
is empty or not past; ending one sets it to yesterday, so checkout refuses the proxy from
today on and the row stays as the record of what was authorised.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_, select

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.models import Patron, Proxy


def add_proxy(ctx: OpContext, patron_barcode: str, proxy_barcode: str, *,
              valid_until: date | None, note: str | None) -> int:
    patron = ctx.patron(patron_barcode, lock=True)
    proxy = ctx.patron(proxy_barcode)
    if proxy.id == patron.id:
        raise CirculationRefused.one("proxy_self")
    if valid_until is not None and valid_until < ctx.today:
        raise CirculationRefused.one("proxy_until_past", until=valid_until.isoformat())
    current = ctx.session.scalars(select(Proxy.id).where(
        Proxy.patron_id == patron.id, Proxy.proxy_id == proxy.id,
        or_(Proxy.valid_until.is_(None), Proxy.valid_until >= ctx.today))).first()
    if current is not None:
        raise CirculationRefused.one("proxy_exists", proxy=proxy.name, patron=patron.name)
    row = Proxy(patron_id=patron.id, proxy_id=proxy.id, valid_until=valid_until, note=note)
    ctx.session.add(row)
    ctx.session.flush()
    return row.id


def end_proxy(ctx: OpContext, proxy_id: int) -> tuple[str, str]:
    """End a current authorisation; returns the patron's and the proxy's cards (for the
    audit)."""
    row = ctx.session.get(Proxy, proxy_id, with_for_update=True)
    if row is None or (row.valid_until is not None and row.valid_until < ctx.today):
        raise CirculationRefused.one("proxy_not_found", proxy_id=proxy_id)
    row.valid_until = ctx.today - timedelta(days=1)
    patron = ctx.session.get(Patron, row.patron_id)
    proxy = ctx.session.get(Patron, row.proxy_id)
    assert patron is not None and proxy is not None    # foreign keys
    return patron.barcode, proxy.barcode
