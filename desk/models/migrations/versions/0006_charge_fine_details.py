"""charges: the overdue fine's details as columns, not only as an English sentence

An overdue fine was written as "B001 Title: 3 day(s) late, due 2026-11-02 23:59, returned
2026-11-05 10:00 (capped)" and the fines screen read its figures back with a regular
expression. The figures now have columns (units, unit, rate, due, returned, capped) and the
screens tell the fine from them. Existing fines are read from their sentence here, once: its
times are local times of the library's time zone (``config.attributes['timezone']``, set by
``open_library`` from the settings; Asia/Taipei, the default, otherwise). The rate of a fine
that reached its cap is not in the sentence and stays NULL.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import context, op

import desk.models.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DEFAULT_TIMEZONE = "Asia/Taipei"
FINE_TEXT = re.compile(r"(\d+) (day|hour)\(s\) late, due (\d{4}-\d\d-\d\d \d\d:\d\d), "
                       r"returned (\d{4}-\d\d-\d\d \d\d:\d\d)( \(capped\))?\s*$")


def upgrade() -> None:
    with op.batch_alter_table("charges", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fine_units", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("fine_unit", sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column("fine_rate", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("fine_due_at", desk.models.base.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column("fine_returned_at", desk.models.base.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column("fine_capped", sa.Boolean(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_charges_fine_unit"), "fine_unit IS NULL OR fine_unit IN ('day', 'hour')")
    _backfill(ZoneInfo(context.config.attributes.get("timezone") or DEFAULT_TIMEZONE))


def _backfill(tz: ZoneInfo) -> None:
    charges = sa.table(
        "charges", sa.column("id", sa.Integer()), sa.column("amount", sa.Integer()),
        sa.column("description", sa.Text()), sa.column("fine_units", sa.Integer()),
        sa.column("fine_unit", sa.String()), sa.column("fine_rate", sa.Integer()),
        sa.column("fine_due_at", desk.models.base.UTCDateTime()),
        sa.column("fine_returned_at", desk.models.base.UTCDateTime()),
        sa.column("fine_capped", sa.Boolean()))
    bind = op.get_bind()
    rows = bind.execute(sa.select(charges.c.id, charges.c.amount, charges.c.description)
                        .where(charges.c.description.like("%late, due %"))).all()
    for charge_id, amount, description in rows:
        found = FINE_TEXT.search(description or "")
        if found is None:
            continue
        units, capped = int(found.group(1)), found.group(5) is not None
        rate = amount // units if units and not capped and amount % units == 0 else None
        bind.execute(charges.update().where(charges.c.id == charge_id).values(
            fine_units=units, fine_unit=found.group(2), fine_rate=rate,
            fine_due_at=_utc(found.group(3), tz), fine_returned_at=_utc(found.group(4), tz),
            fine_capped=capped))


def _utc(local: str, tz: ZoneInfo) -> datetime:
    return datetime.strptime(local, "%Y-%m-%d %H:%M").replace(tzinfo=tz).astimezone(timezone.utc)


def downgrade() -> None:
    with op.batch_alter_table("charges", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_charges_fine_unit"), type_="check")
        for column in ("fine_capped", "fine_returned_at", "fine_due_at", "fine_rate",
                       "fine_unit", "fine_units"):
            batch_op.drop_column(column)
