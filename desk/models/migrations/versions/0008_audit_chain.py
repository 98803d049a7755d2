"""audit chain: prev_hash and row_hash on audit_events, the audit_chain_head row; existing rows
are chained in id order

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.models.base
from desk.models.audit_chain import chain_existing, head_row

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# audit_events as this revision leaves it (not the model, which later revisions may change).
_AUDIT = sa.Table(
    "audit_events", sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", desk.models.base.UTCDateTime()),
    sa.Column("action", sa.String(40)),
    sa.Column("outcome", sa.String(16)),
    sa.Column("staff_id", sa.Integer),
    sa.Column("supervisor_id", sa.Integer),
    sa.Column("desk_code", sa.String(32)),
    sa.Column("patron_barcode", sa.String(64)),
    sa.Column("item_barcode", sa.String(64)),
    sa.Column("codes", sa.String(400)),
    sa.Column("reason", sa.Text),
    sa.Column("detail", sa.JSON),
    sa.Column("prev_hash", sa.String(64)),
    sa.Column("row_hash", sa.String(64)),
)


def upgrade() -> None:
    head_table = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))
    head = chain_existing(op.get_bind(), _AUDIT)
    with op.batch_alter_table("audit_events") as batch:
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)
    op.bulk_insert(head_table, [head_row(head)])


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
    op.drop_table("audit_chain_head")

