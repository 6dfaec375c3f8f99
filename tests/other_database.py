"""A second database for tests that restore into a fresh one or take theirs away.

``fresh_database()`` makes an empty database of the suite's own kind — a SQLite file, or a
PostgreSQL database next to the test database, dropped afterwards — and ``serving(...)``
puts a connection to it in place of ``default`` for the duration, so the test client,
management commands and the ORM all use it. The suite's own connection is left untouched
(its SQLite test database lives in memory only while that connection is open).
"""

import os
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend


def settings_for(**changes) -> dict:
    """The suite's database settings with ``changes``: another name, another port."""
    return {**connections[DEFAULT_DB_ALIAS].settings_dict, **changes}


@contextmanager
def serving(settings_dict: dict):
    """Make ``settings_dict`` the default database until the block ends; yield its wrapper."""
    original = connections[DEFAULT_DB_ALIAS]
    backend = load_backend(settings_dict["ENGINE"])
    wrapper = backend.DatabaseWrapper(settings_dict, alias=DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = wrapper
    # Cached per alias, so kept from the other database: content types (their ids may
    # differ) and rendered pages.
    ContentType.objects.clear_cache()
    cache.clear()
    try:
        yield wrapper
    finally:
        wrapper.close()
        connections[DEFAULT_DB_ALIAS] = original
        ContentType.objects.clear_cache()
        cache.clear()


def server_connection(settings_dict: dict) -> psycopg.Connection:
    """An autocommit connection to the PostgreSQL server's maintenance database."""
    return psycopg.connect(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@contextmanager
def fresh_database(directory: Path, label: str):
    """Settings for a new, empty database: ``directory/<label>.sqlite3``, or the PostgreSQL
    database ``newsroom_<label>_<pid>``, dropped when the block ends."""
    current = connections[DEFAULT_DB_ALIAS].settings_dict
    if current["ENGINE"] == "django.db.backends.sqlite3":
        yield settings_for(NAME=str(directory / f"{label}.sqlite3"))
        return
    name = f"newsroom_{label}_{os.getpid()}"
    with server_connection(current) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield settings_for(NAME=name)
    finally:
        with server_connection(current) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
