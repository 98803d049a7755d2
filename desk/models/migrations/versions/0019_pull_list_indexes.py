"""items, holds: indexes that answer a location's holds to pull from the index alone

The pull list matches every pending hold with the available copies of its title on the
location's shelves. On the 1M-item library that is 18,000 holds, each a look-up of the copies'
index and then of the item row for the barcode and call number. The new items index holds a
location's available copies in title order with their barcode and call number (it replaces
``ix_items_biblio_status_location``, which only the pull list used), and the new holds index
the pending holds in title order with their patron and date: SQLite looks each hold's copies up
in the index alone, and PostgreSQL can merge the two in one pass instead of 18,000 look-ups.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_items_biblio_status_location", table_name="items")
    op.create_index("ix_items_copies_on_shelf", "items",
                    ["location_id", "status", "loanable", "biblio_id", "barcode", "call_number"],
                    unique=False)
    op.create_index("ix_holds_status_biblio", "holds",
                    ["status", "biblio_id", "placed_at", "patron_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_holds_status_biblio", table_name="holds")
    op.drop_index("ix_items_copies_on_shelf", table_name="items")
    op.create_index("ix_items_biblio_status_location", "items",
                    ["biblio_id", "status", "location_id"], unique=False)
