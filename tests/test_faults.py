"""Faults: an import killed with SIGKILL, and the database going away under the site."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import reverse

from briefings.middleware import DatabaseUnavailableMiddleware

from .factories import BriefingFactory, UpdateFactory, UserFactory
from .other_database import fresh_database, serving, settings_for

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = 300
WORDS = [
    *("ceasefire", "envoy", "drone", "strike", "convoy", "harbour", "corridor", "grain"),
    *("talks", "summit", "minister", "artillery", "border", "shelter", "evacuation"),
    *("sanctions", "pipeline", "reactor", "frontline", "brigade", "council", "treaty"),
]


def write_documents(folder: Path) -> dict[str, int]:
    """~300 live logs of 1 to 5 stamped entries each; returns {title: entry count}."""
    folder.mkdir()
    rng = random.Random(7)
    expected, manifest = {}, {}
    for n in range(DOCUMENTS):
        title = f"Coverage number {n}: {' '.join(rng.sample(WORDS, 3))}"
        entries = 1 + n % 5
        lines = [title, ""]
        for i in range(entries):
            paragraph = " ".join(rng.choice(WORDS) for _ in range(30)).capitalize()
            lines += [f"UPDATE {23 - i:02d}{rng.randrange(60):02d} GMT:", "", paragraph + ".", ""]
        name = f"doc-{n:03d}.txt"
        (folder / name).write_text("\n".join(lines))
        manifest[name] = {"kind": "live", "date": "2024-11-13"}
        expected[title] = entries
    (folder / "manifest.json").write_text(json.dumps({"documents": manifest}))
    return expected


class Target:
    """The database the subprocess imports into, and a plain connection to check it."""

    def __init__(self, env: dict, vendor: str, location: str):
        self.env, self.vendor, self.location = env, vendor, location

    def query(self, sql: str) -> list[tuple]:
        if self.vendor == "sqlite":
            with sqlite3.connect(f"file:{self.location}?mode=ro", uri=True, timeout=20) as db:
                return db.execute(sql).fetchall()
        with psycopg.connect(self.location) as db:
            return db.execute(sql).fetchall()

    def briefings(self) -> dict[str, tuple]:
        """{title: (id, version, updated_at, number of updates)}"""
        rows = self.query(
            "SELECT b.title, b.id, b.version, b.updated_at, "
            "(SELECT COUNT(*) FROM briefings_update u WHERE u.briefing_id = b.id) "
            "FROM briefings_briefing b"
        )
        return {title: rest for title, *rest in rows}


def manage(target: Target, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=target.env,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


@pytest.fixture
def import_target(tmp_path, django_db_blocker):
    """A migrated database of the suite's kind, apart from the test database."""
    env = {**os.environ, "NEWSROOM_PLAIN_STATIC": "1"}
    if connection.vendor == "sqlite":
        path = tmp_path / "import.sqlite3"
        env.pop("DATABASE_URL", None)
        env["NEWSROOM_SQLITE_PATH"] = str(path)
        target = Target(env, "sqlite", str(path))
        assert manage(target, "migrate", "--no-input", "-v0").returncode == 0
        yield target
        return
    with django_db_blocker.unblock(), fresh_database(tmp_path, "kill") as fresh:
        url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**fresh)
        env["DATABASE_URL"] = url
        target = Target(env, "postgresql", url)
        migrated = manage(target, "migrate", "--no-input", "-v0")
        assert migrated.returncode == 0, migrated.stderr
        yield target


def test_an_import_killed_midway_leaves_whole_documents_and_the_next_run_completes_it(
    tmp_path, import_target
):
    folder = tmp_path / "documents"
    expected = write_documents(folder)
    process = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "import_briefings", "--publish", str(folder)],
        cwd=ROOT,
        env=import_target.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # SIGKILL once some documents are in: no handler runs, no transaction is finished.
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if import_target.query("SELECT COUNT(*) FROM briefings_briefing")[0][0] >= 40:
                    break
            except (sqlite3.OperationalError, psycopg.OperationalError):
                pass  # a busy database: look again
            time.sleep(0.02)
        assert process.poll() is None, "the import finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL

    if import_target.vendor == "sqlite":
        assert import_target.query("PRAGMA integrity_check") == [("ok",)]
    orphans = import_target.query(
        "SELECT COUNT(*) FROM briefings_update u "
        "LEFT JOIN briefings_briefing b ON b.id = u.briefing_id WHERE b.id IS NULL"
    )
    assert orphans == [(0,)]
    after_kill = import_target.briefings()
    print(f"killed with {len(after_kill)} of {DOCUMENTS} documents in")
    assert 40 <= len(after_kill) < DOCUMENTS
    # Each document is all in or all out: every briefing has all of its document's updates.
    assert {title: row[3] for title, row in after_kill.items()} == {
        title: expected[title] for title in after_kill
    }

    rerun = manage(import_target, "import_briefings", "--publish", "--report", "json", str(folder))
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    statuses = {doc["title"]: doc["status"] for doc in report["documents"]}
    assert statuses == {
        title: "unchanged" if title in after_kill else "created" for title in expected
    }
    final = import_target.briefings()
    assert {title: row[3] for title, row in final.items()} == expected
    # The documents in before the kill were not touched again.
    assert {title: final[title] for title in after_kill} == after_kill


# The database goes away ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_readers_and_editors_get_a_503_while_the_database_is_away_and_recover(tmp_path, client):
    briefing = BriefingFactory(title="Talks in Geneva")
    UpdateFactory(briefing=briefing, body="Envoys arrived.")
    editor = UserFactory(username="editor", is_superuser=True)
    if connection.vendor == "sqlite":
        # A file database that can vanish: a copy of the test database in its own folder.
        folder = tmp_path / "data"
        folder.mkdir()
        database = settings_for(NAME=str(folder / "db.sqlite3"))
        connection.ensure_connection()
        with sqlite3.connect(database["NAME"]) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        database = settings_for()
    pages = [briefing.get_absolute_url(), reverse("briefings:home")]
    admin = reverse("admin:index")

    with serving(database) as served:
        client.force_login(editor)

        def get(path):
            response = client.get(path)
            # What the server does at the end of every request: a connection that failed
            # is closed, and the next request opens a new one.
            served.close_if_unusable_or_obsolete()
            return response

        assert [get(path).status_code for path in [*pages, admin]] == [200, 200, 200]

        # The database goes away: the folder is renamed, or the server's port is wrong.
        if connection.vendor == "sqlite":
            served.close()
            folder.rename(tmp_path / "away")
        else:
            served.close()
            port, served.settings_dict["PORT"] = served.settings_dict["PORT"], "1"
        for path in pages:
            response = get(path)
            assert response.status_code == 503
            assert response["Retry-After"] == "30"
            assert "no-cache" in response["Cache-Control"]
            assert b"temporarily unavailable" in response.content
            assert b"Traceback" not in response.content
        response = get(admin)
        assert response.status_code == 503
        assert b"If you were saving a form, it was not saved" in response.content
        response = client.post(admin + "briefings/briefing/add/", {"title": "x"})
        assert response.status_code == 503

        # It comes back: the same connection object, no restart.
        if connection.vendor == "sqlite":
            (tmp_path / "away").rename(folder)
        else:
            served.settings_dict["PORT"] = port
        assert get(pages[0]).status_code == 200
        assert b"Envoys arrived." in get(pages[0]).content
        assert get(admin).status_code == 200


def test_the_503_page_needs_no_database():
    """No database access is allowed here (no django_db mark: a query fails the test), and
    the middleware still renders its page, with the site's name."""
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/briefings/talks-in-geneva/")
    response = middleware.process_exception(request, OperationalError("connection refused"))
    assert response.status_code == 503
    assert settings.NEWSROOM_SITE_NAME.encode() in response.content
    assert middleware.process_exception(request, ValueError("not ours")) is None
