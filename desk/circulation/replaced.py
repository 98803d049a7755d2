"""Replaced cards: a card barcode no longer in use is refused with ``card_replaced`` (not
overridable), naming the day it was replaced, wherever a patron is looked up by card."""

from __future__ import annotations

from datetime import tzinfo

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desk.circulation.notices import CirculationRefused
from desk.models import ReplacedCard

_REPLACED = select(ReplacedCard.replaced_at).where(ReplacedCard.barcode == bindparam("code"))


def patron_missing(session: Session, code: str, tz: tzinfo) -> CirculationRefused:
    """The refusal for a card ``code`` that names no patron: ``card_replaced`` when it is a
    replaced card, else ``patron_not_found``. Read only on this (rare) path."""
    replaced_at = session.connection().execute(_REPLACED, {"code": code}).scalar()
    if replaced_at is not None:
        return CirculationRefused.one("card_replaced", barcode=code,
                                      day=replaced_at.astimezone(tz).date().isoformat())
    return CirculationRefused.one("patron_not_found", barcode=code)
