"""sip_terminals: self-check machines' SIP2 accounts, each bound to a desk

Revision ID: 0017
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.models.base

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sip_terminals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=False),
        sa.Column("encoding", sa.String(length=16), nullable=False),
        sa.Column("created_at", desk.models.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint("encoding IN ('utf-8', 'big5')", name=op.f("ck_sip_terminals_encoding")),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"], name=op.f("fk_sip_terminals_desk_id_desks")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_users.id"],
                                name=op.f("fk_sip_terminals_staff_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sip_terminals")),
        sa.UniqueConstraint("staff_id", name=op.f("uq_sip_terminals_staff_id")),
    )
    with op.batch_alter_table("sip_terminals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sip_terminals_desk_id"), ["desk_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sip_terminals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sip_terminals_desk_id"))
    op.drop_table("sip_terminals")
