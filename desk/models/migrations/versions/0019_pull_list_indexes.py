"""items, holds: indexes that answer a location's holds to pull from the index alone

The pull list matches every pending hold with the available copies of its title on the
location's shelves: on the 1M-item library, 18,000 holds. The new items index is partial: a
location's copies on the shelf to lend (available and loanable), in title order with their
barcode and call number (it replaces ``ix_items_biblio_status_location``, which only the pull
list used). The new holds index gives the pending holds in title order with their patron and
date. SQLite then looks each hold's copies up in the two indexes, and PostgreSQL can merge the
two in one pass. A full index on the status would let the planners think "available" as rare
as the average status and read every copy on the location's shelves first.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_items_biblio_status_location", table_name="items")
    op.create_index("ix_items_on_shelf", "items",
                    ["location_id", "biblio_id", "barcode", "call_number", "id"], unique=False,
                    sqlite_where=sa.text("status = 'available' AND loanable = 1"),
                    postgresql_where=sa.text("status = 'available' AND loanable"))
    op.create_index("ix_holds_status_biblio", "holds",
                    ["status", "biblio_id", "placed_at", "id", "patron_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_holds_status_biblio", table_name="holds")
    op.drop_index("ix_items_on_shelf", table_name="items")
    op.create_index("ix_items_biblio_status_location", "items",
                    ["biblio_id", "status", "location_id"], unique=False)
