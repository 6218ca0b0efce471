"""A throwaway PostgreSQL database for one bench run, dropped afterwards."""

import os
import sys
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/portal"


@contextmanager
def throwaway_database(base_url: str, prefix: str):
    """Create ``<prefix>_<pid>`` on the server of ``base_url``; yield its URL; drop it."""
    parts = urlsplit(base_url or DEFAULT_URL)
    if not parts.scheme.startswith("postgres"):
        sys.exit(f"DATABASE_URL={base_url}: the bench needs PostgreSQL")
    import psycopg2

    name = f"{prefix}_{os.getpid()}"
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
