"""Alembic environment: runs on the engine handed over in ``config.attributes['engine']``."""

from __future__ import annotations

from alembic import context

from desk.models import Base
from desk.models.database import declared_for

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # the alembic command line: a URL in the -x url=... argument
    from desk.models.database import make_engine

    engine = make_engine(context.get_x_argument(as_dictionary=True)["url"])

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite rebuilds a table to alter it (batch mode: copy, DROP, rename). With foreign
        # keys on, dropping a table that loans or holds point at fails on any library in use.
        # The pragma only works outside a transaction, so it goes to the driver before
        # SQLAlchemy begins one; the keys are checked once the migrations are done.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=declared_for(connection.dialect.name),
    )
    try:
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:      # rolls the whole upgrade back: the library stays as it was
                    raise RuntimeError(f"foreign keys broken by the migration: {broken[:5]}")
        connection.commit()
    finally:
        if sqlite:      # the pooled connection goes back to the desk with its keys enforced
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
