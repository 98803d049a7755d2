"""search_requests, retrieval_requests: the reason a patron's request was cancelled, and who
ended a retrieval

A patron who no longer wants a missing-book search or a withdrawn-area retrieval has it
cancelled at the desk (``Circulation.cancel_search`` / ``cancel_retrieval``); the reason staff
write is kept on the request (``cancel_reason``). Retrievals gain ``closed_by`` as searches
have it, so a cancelled one names the staff member who ended it.

Revision ID: 0020
Revises: 0019
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("search_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cancel_reason", sa.String(length=500), nullable=True))
    with op.batch_alter_table("retrieval_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cancel_reason", sa.String(length=500), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_retrieval_requests_closed_by_staff_users"),
                                    "staff_users", ["closed_by"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("retrieval_requests", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_retrieval_requests_closed_by_staff_users"),
                                 type_="foreignkey")
        batch_op.drop_column("cancel_reason")
        batch_op.drop_column("closed_by")
    with op.batch_alter_table("search_requests", schema=None) as batch_op:
        batch_op.drop_column("cancel_reason")
