"""patron registration: category terms and what registering needs; a patron's birth date,
registration check, guarantor, deposit receipt and closing

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.models.base

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patron_categories", schema=None) as batch_op:
        batch_op.add_column(sa.Column("term_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("registration", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("deposit", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("required_fields", sa.String(length=200), nullable=True))
    with op.batch_alter_table("patrons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birth_date", sa.Date(), nullable=True))
        # No foreign keys on the two ids: adding one makes SQLite copy the patrons table,
        # which the loans, charges and payments refer to (the DROP fails with keys on).
        batch_op.add_column(sa.Column("registration_checked_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("registration_checked_at",
                                      desk.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("guarantor_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("deposit_receipt_no", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("closed_at", desk.models.base.UTCDateTime(), nullable=True))
        batch_op.create_index("ix_patrons_email", ["email"], unique=False)
        batch_op.create_index("ix_patrons_phone", ["phone"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("patrons", schema=None) as batch_op:
        batch_op.drop_index("ix_patrons_phone")
        batch_op.drop_index("ix_patrons_email")
        for column in ("closed_at", "deposit_receipt_no", "guarantor_id",
                       "registration_checked_at", "registration_checked_by", "birth_date"):
            batch_op.drop_column(column)
    with op.batch_alter_table("patron_categories", schema=None) as batch_op:
        for column in ("required_fields", "deposit", "registration", "term_days"):
            batch_op.drop_column(column)
