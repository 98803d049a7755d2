"""delivery_requests (圖書代借, SOP 5.3.9); the item status 'in_delivery'; the hold kind
'delivery' (a delivered item kept on the pickup location's holds shelf); an index on
charges.item_id and one on items (biblio_id, status, location_id)

Revision ID: 0015
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.models.base

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None

_OLD_STATUSES = ("'available', 'on_loan', 'on_holds_shelf', 'in_transit', 'holds_cleared', "
                 "'lost', 'missing', 'withdrawn', 'claims_returned'")
_NEW_STATUSES = _OLD_STATUSES + ", 'in_delivery'"
_OLD_KINDS = "'normal', 'temporary'"
_NEW_KINDS = _OLD_KINDS + ", 'delivery'"


def upgrade() -> None:
    op.create_table(
        "delivery_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patron_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("owning_location_id", sa.Integer(), nullable=False),
        sa.Column("pickup_location_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("fee", sa.Integer(), nullable=False),
        sa.Column("receipt_no", sa.String(length=40), nullable=False),
        sa.Column("charge_id", sa.Integer(), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("act_by", desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("pulled_at", desk.models.base.UTCDateTime(), nullable=True),
        sa.Column("hold_id", sa.Integer(), nullable=True),
        sa.Column("failed_at", desk.models.base.UTCDateTime(), nullable=True),
        sa.Column("fail_reason", sa.Text(), nullable=True),
        sa.Column("refund_until", desk.models.base.UTCDateTime(), nullable=True),
        sa.Column("refunded_at", desk.models.base.UTCDateTime(), nullable=True),
        sa.Column("refund_adjustment_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('requested', 'pulled', 'failed', 'refunded')",
                           name=op.f("ck_delivery_requests_status")),
        sa.CheckConstraint("fee >= 0", name=op.f("ck_delivery_requests_fee_not_negative")),
        sa.CheckConstraint("pickup_location_id <> owning_location_id",
                           name=op.f("ck_delivery_requests_other_location")),
        sa.ForeignKeyConstraint(["patron_id"], ["patrons.id"],
                                name=op.f("fk_delivery_requests_patron_id_patrons")),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"],
                                name=op.f("fk_delivery_requests_item_id_items")),
        sa.ForeignKeyConstraint(["owning_location_id"], ["locations.id"],
                                name=op.f("fk_delivery_requests_owning_location_id_locations")),
        sa.ForeignKeyConstraint(["pickup_location_id"], ["locations.id"],
                                name=op.f("fk_delivery_requests_pickup_location_id_locations")),
        sa.ForeignKeyConstraint(["charge_id"], ["charges.id"],
                                name=op.f("fk_delivery_requests_charge_id_charges")),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"],
                                name=op.f("fk_delivery_requests_desk_id_desks")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_users.id"],
                                name=op.f("fk_delivery_requests_staff_id_staff_users")),
        sa.ForeignKeyConstraint(["hold_id"], ["holds.id"],
                                name=op.f("fk_delivery_requests_hold_id_holds")),
        sa.ForeignKeyConstraint(
            ["refund_adjustment_id"], ["settlement_adjustments.id"],
            name=op.f("fk_delivery_requests_refund_adjustment_id_settlement_adjustments")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_requests")),
    )
    with op.batch_alter_table("delivery_requests", schema=None) as batch_op:
        batch_op.create_index("ix_delivery_requests_owning_status",
                              ["owning_location_id", "status"], unique=False)
        for column in ("patron_id", "item_id", "receipt_no"):
            batch_op.create_index(batch_op.f(f"ix_delivery_requests_{column}"), [column],
                                  unique=False)
    # SQLite copies the items table to change its CHECK; dropping the old one checks every
    # item against the tables referring to it (foreign keys are on), and charges.item_id had
    # no index: an hour on a library of a million items, seconds with it.
    with op.batch_alter_table("charges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_charges_item_id"), ["item_id"], unique=False)
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_items_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_items_status"), f"status IN ({_NEW_STATUSES})")
        batch_op.create_index("ix_items_biblio_status_location",
                              ["biblio_id", "status", "location_id"], unique=False)
    with op.batch_alter_table("holds", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_holds_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_holds_kind"), f"kind IN ({_NEW_KINDS})")


def downgrade() -> None:
    with op.batch_alter_table("holds", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_holds_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_holds_kind"), f"kind IN ({_OLD_KINDS})")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index("ix_items_biblio_status_location")
        batch_op.drop_constraint(op.f("ck_items_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_items_status"), f"status IN ({_OLD_STATUSES})")
    with op.batch_alter_table("charges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_charges_item_id"))
    with op.batch_alter_table("delivery_requests", schema=None) as batch_op:
        for column in ("receipt_no", "item_id", "patron_id"):
            batch_op.drop_index(batch_op.f(f"ix_delivery_requests_{column}"))
        batch_op.drop_index("ix_delivery_requests_owning_status")
    op.drop_table("delivery_requests")
