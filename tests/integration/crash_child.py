"""The victim of the crash tests: a desk that checks items out and in as fast as it can.

    python -m tests.integration.crash_child URL SEED

It prints ``READY`` once signed in, then after each operation the API returned from (so the
transaction is committed) a line ``OUT <loan id> <item>`` or ``IN <loan id> <item>``, flushed
at once. A refusal prints ``REFUSED <codes>``; any other error ``ERROR <text>`` and ends the
process. The parent kills it at a random moment and checks that every reported line is in the
database.
"""

from __future__ import annotations

import random
import sys

from sqlalchemy import select

from desk.circulation import CirculationRefused, open_library
from desk.models import Item, Patron
from tests.integration.desks import STAFF_PASSWORD


def main(url: str, seed: int) -> int:
    rng = random.Random(seed)
    library = open_library(url)
    with library.sessions() as session:
        patrons = list(session.scalars(select(Patron.barcode).order_by(Patron.barcode)))
        items = {barcode: status for barcode, status in session.execute(
            select(Item.barcode, Item.status))}
    out = sorted(b for b, status in items.items() if status == "on_loan")
    shelf = sorted(b for b, status in items.items() if status == "available")
    desk = library.circulation("D1", library.sign_in("clerk", STAFF_PASSWORD))
    print("READY", flush=True)
    try:
        while True:
            if out and (not shelf or rng.random() < 0.45):
                item = out.pop(rng.randrange(len(out)))
                returned = desk.checkin(item)
                shelf.append(item)
                print(f"IN {returned.loan_id} {item}", flush=True)
            else:
                item = shelf.pop(rng.randrange(len(shelf)))
                loan = desk.checkout(rng.choice(patrons), item)
                out.append(item)
                print(f"OUT {loan.loan_id} {item}", flush=True)
    except CirculationRefused as refused:
        print(f"REFUSED {','.join(refused.codes)}", flush=True)
        return 1
    except Exception as error:  # noqa: BLE001 - reported to the parent
        print(f"ERROR {type(error).__name__}: {error}".replace("\n", " "), flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
