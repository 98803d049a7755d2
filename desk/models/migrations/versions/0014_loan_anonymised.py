"""loans: patron_id may be NULL (an anonymised loan), anonymised_at

``python -m desk privacy purge`` removes the patron link of loans returned longer ago than the
``history_keep_days`` setting (Taiwan's Personal Data Protection Act): the loan keeps its
dates, item and charges, loses ``patron_id`` and ``proxy_id``, and says when in
``anonymised_at``.

Revision ID: 0014
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.models.base

revision = "0014"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("loans", schema=None) as batch_op:
        batch_op.alter_column("patron_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("anonymised_at", desk.models.base.UTCDateTime(),
                                      nullable=True))


def downgrade() -> None:
    # Anonymised loans have no patron to give back: a downgrade refuses while any exists.
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM loans WHERE patron_id IS NULL LIMIT 1")).first():
        raise RuntimeError("anonymised loans exist (no patron to link them to): cannot "
                           "downgrade below 0014")
    with op.batch_alter_table("loans", schema=None) as batch_op:
        batch_op.drop_column("anonymised_at")
        batch_op.alter_column("patron_id", existing_type=sa.Integer(), nullable=False)
