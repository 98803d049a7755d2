"""items: parts (the pieces lent together, each with its own RFID tag)

An RFID checkout counts the tags of an item on the pad against ``parts`` and warns with
``set_incomplete`` when one is missing. Every existing item is one piece.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parts", sa.Integer(), nullable=False, server_default="1"))
        batch_op.create_check_constraint(op.f("ck_items_parts_in_set"),
                                        "parts >= 1 AND parts <= 255")


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_items_parts_in_set"), type_="check")
        batch_op.drop_column("parts")
