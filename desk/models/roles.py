"""PostgreSQL roles of a library: the owner migrates, the desks' app role circulates.

The app role may SELECT, INSERT, UPDATE and DELETE the circulation tables and use their
sequences, but only SELECT and INSERT ``audit_events`` (the server itself refuses an UPDATE or
DELETE of an audit row) and only SELECT and UPDATE the chain's head row (appending locks and
moves it), and only read ``alembic_version``. Run as the owner (``python -m desk db grant``).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

# Tables the app role gets less than read-write on: table -> the privileges it gets.
LIMITED = {
    "audit_events": "SELECT, INSERT",
    "audit_chain_head": "SELECT, UPDATE",
    "alembic_version": "SELECT",
}


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _literal(value: str) -> str:
    # Utility statements (ALTER ROLE ... PASSWORD) take no bound parameters; with
    # standard_conforming_strings (on since PostgreSQL 9.1) doubling quotes is the escaping.
    return "'" + value.replace("'", "''") + "'"


def grant_app_role(engine: Engine, role: str, *, password: str | None = None) -> None:
    """Create ``role`` (or update it) as the desks' app role of the library at ``engine``,
    whose schema is current; ``password``: set it (else it is left as it is)."""
    with engine.begin() as connection:
        quoted = _quote(connection, role)
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"),
                                    {"role": role}).scalar()
        login = "LOGIN" + (f" PASSWORD {_literal(password)}" if password is not None else "")
        connection.exec_driver_sql(f"{'ALTER' if exists else 'CREATE'} ROLE {quoted} {login}")
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        schema = _quote(connection, connection.execute(text("SELECT current_schema()")).scalar_one())
        for statement in (
                f"GRANT CONNECT ON DATABASE {_quote(connection, database)} TO {quoted}",
                f"GRANT USAGE ON SCHEMA {schema} TO {quoted}",
                f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {quoted}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {quoted}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {quoted}"):
            connection.exec_driver_sql(statement)
        for table, privileges in LIMITED.items():
            connection.exec_driver_sql(f"REVOKE ALL ON {schema}.{table} FROM {quoted}")
            connection.exec_driver_sql(f"GRANT {privileges} ON {schema}.{table} TO {quoted}")


def app_roles(engine: Engine) -> list[str]:
    """The roles granted as app roles here: they may INSERT audit rows but do not own them."""
    with engine.connect() as connection:
        return list(connection.execute(text(
            "SELECT DISTINCT grantee FROM information_schema.role_table_grants "
            "WHERE table_name = 'audit_events' AND privilege_type = 'INSERT' "
            "AND table_schema = current_schema() AND grantee <> 'PUBLIC' "
            "AND NOT pg_has_role(grantee, (SELECT relowner FROM pg_class "
            "WHERE oid = to_regclass('audit_events')), 'USAGE') ORDER BY grantee")).scalars())


__all__ = ["LIMITED", "app_roles", "grant_app_role"]
