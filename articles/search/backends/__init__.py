"""One search backend per database vendor, behind `SearchBackend`."""

from articles.search.backends.base import SearchBackend


def backend_for(connection):
    """The backend for `connection`'s database (a no-op one for others)."""
    if connection.vendor == "sqlite":
        from articles.search.backends.sqlite import SQLiteSearch

        return SQLiteSearch(connection)
    if connection.vendor == "postgresql":
        from articles.search.backends.postgres import PostgresSearch

        return PostgresSearch(connection)
    return SearchBackend(connection)
