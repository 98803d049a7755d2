"""loans: index (patron_id, returned_at) instead of (patron_id)

Without statistics SQLite answered "the patron's open loans" through the patron_id index and
visited every returned loan of the patron (24 ms for 20,000); the two-column index finds the
open ones directly and still serves the history queries.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("loans", schema=None) as batch_op:
        batch_op.drop_index("ix_loans_patron_id")
        batch_op.create_index("ix_loans_patron_returned", ["patron_id", "returned_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("loans", schema=None) as batch_op:
        batch_op.drop_index("ix_loans_patron_returned")
        batch_op.create_index("ix_loans_patron_id", ["patron_id"], unique=False)
