"""The suite runs twice in CI: on SQLite and on the machine's PostgreSQL. These tests make
sure each run is on the database it claims, so a misconfigured PostgreSQL run cannot pass
silently on SQLite."""

import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_runs_on_the_database_that_database_url_names():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite run"
)
def test_postgres_run_is_a_real_server():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        (version,) = cursor.fetchone()
    assert int(version) >= 130000


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings")
def test_sqlite_is_tuned_for_concurrent_readers():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (busy_timeout,) = cursor.fetchone()
        cursor.execute("PRAGMA foreign_keys")
        (foreign_keys,) = cursor.fetchone()
    assert busy_timeout == 20000
    assert foreign_keys == 1


def test_ci_runs_the_suite_on_postgresql_too():
    """In CI the SQLite run comes first; `make test-sqlite` hands it the URL that the
    PostgreSQL run will use. Fail here, loudly, if there will be no PostgreSQL run or its
    server does not answer, rather than let CI pass on SQLite alone."""
    if os.environ.get("NEWSROOM_REQUIRE_SERVICES") != "1" or connection.vendor != "sqlite":
        pytest.skip("only the SQLite run in CI checks that a PostgreSQL run follows")
    url = os.environ.get("NEWSROOM_POSTGRES_RUN_URL", "")
    assert url.startswith(("postgres://", "postgresql://")), (
        "CI must set DATABASE_URL to a PostgreSQL server so that `make test` runs the suite "
        f"on it too; the SQLite run was handed {url!r}"
    )
    server = dj_database_url.parse(url)
    with psycopg.connect(
        host=server["HOST"] or None,
        port=server["PORT"] or None,
        user=server["USER"] or None,
        password=server["PASSWORD"] or None,
        dbname="postgres",  # the URL's own database may not exist yet
        connect_timeout=5,
    ) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite run"
)
def test_postgres_connections_are_persistent_and_health_checked():
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["OPTIONS"].get("pool"):
        assert database["CONN_MAX_AGE"] == 0  # the pool keeps them
    else:
        assert database["CONN_MAX_AGE"] > 0
        assert database["CONN_HEALTH_CHECKS"] is True


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL run"
)
def test_sqlite_connections_are_kept_between_requests_too():
    """Opening a SQLite connection and running its PRAGMAs was a third of a cold briefing
    page's time in gunicorn: the connection is kept, as on PostgreSQL."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite run"
)
def test_django_db_pool_gives_a_psycopg_pool():
    """DJANGO_DB_POOL=1: Django's psycopg pool instead of persistent connections."""
    test_database = connection.settings_dict["NAME"]
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + test_database
    script = (
        "import django; django.setup(); from django.db import connection; "
        "connection.ensure_connection(); "
        "print(type(connection.pool).__name__, connection.settings_dict['CONN_MAX_AGE'])"
    )
    result = subprocess.run(  # noqa: S603 (a fixed script)
        [sys.executable, "-c", script],
        env={**os.environ, "DATABASE_URL": url, "DJANGO_DB_POOL": "1"},
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ConnectionPool", "0"]
