"""search_requests and retrieval_requests: missing-book searches (圖書協尋, SOP 5.11) and
withdrawn-area retrievals (撤架區取書, SOP 5.12)

Revision ID: 0016
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.models.base

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _common() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patron_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", desk.models.base.UTCDateTime(), nullable=False),
    ]


def _keys(table: str) -> list[sa.schema.Constraint]:
    return [
        sa.ForeignKeyConstraint(["patron_id"], ["patrons.id"],
                                name=op.f(f"fk_{table}_patron_id_patrons")),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f(f"fk_{table}_item_id_items")),
        sa.ForeignKeyConstraint(["location_id"], ["locations.id"],
                                name=op.f(f"fk_{table}_location_id_locations")),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"], name=op.f(f"fk_{table}_desk_id_desks")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_users.id"],
                                name=op.f(f"fk_{table}_staff_id_staff_users")),
        sa.ForeignKeyConstraint(["hold_id"], ["holds.id"], name=op.f(f"fk_{table}_hold_id_holds")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "search_requests",
        *_common(),
        sa.Column("reply_by", desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("closed_at", desk.models.base.UTCDateTime(), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("hold_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'found', 'not_found', 'cancelled')",
                           name=op.f("ck_search_requests_status")),
        sa.ForeignKeyConstraint(["closed_by"], ["staff_users.id"],
                                name=op.f("fk_search_requests_closed_by_staff_users")),
        *_keys("search_requests"),
    )
    with op.batch_alter_table("search_requests", schema=None) as batch_op:
        batch_op.create_index("uq_search_requests_open_item", ["item_id"], unique=True,
                              sqlite_where=sa.text("status = 'open'"),
                              postgresql_where=sa.text("status = 'open'"))
        batch_op.create_index("ix_search_requests_location_status", ["location_id", "status"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_search_requests_item_id"), ["item_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_search_requests_patron_id"), ["patron_id"],
                              unique=False)

    op.create_table(
        "retrieval_requests",
        *_common(),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("fetched_at", desk.models.base.UTCDateTime(), nullable=True),
        sa.Column("fetched_by", sa.Integer(), nullable=True),
        sa.Column("hold_id", sa.Integer(), nullable=True),
        sa.Column("id_kept", sa.String(length=100), nullable=True),
        sa.Column("loan_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", desk.models.base.UTCDateTime(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'fetched', 'collected', 'lent', 'returned', "
                           "'cancelled')",
                           name=op.f("ck_retrieval_requests_status")),
        sa.ForeignKeyConstraint(["fetched_by"], ["staff_users.id"],
                                name=op.f("fk_retrieval_requests_fetched_by_staff_users")),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"],
                                name=op.f("fk_retrieval_requests_loan_id_loans")),
        *_keys("retrieval_requests"),
    )
    with op.batch_alter_table("retrieval_requests", schema=None) as batch_op:
        batch_op.create_index("uq_retrieval_requests_open_item", ["item_id"], unique=True,
                              sqlite_where=sa.text("status IN ('open', 'fetched')"),
                              postgresql_where=sa.text("status IN ('open', 'fetched')"))
        batch_op.create_index("ix_retrieval_requests_location_status",
                              ["location_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_retrieval_requests_item_id"), ["item_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_retrieval_requests_patron_id"), ["patron_id"],
                              unique=False)


def downgrade() -> None:
    op.drop_table("retrieval_requests")
    op.drop_table("search_requests")
