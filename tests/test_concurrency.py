"""Concurrent writers and readers through gunicorn on 127.0.0.1, on SQLite and PostgreSQL.

Four writer processes post updates through the admin's "Post update" form while 200 reader
threads poll the briefing's live.json, for a bounded time. Nothing may answer 5xx, the log
may not say "database is locked", and every posted update must be there afterwards.
"""

import http.cookiejar
import multiprocessing
import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parent.parent
WRITERS = 4
POSTS_PER_WRITER = 15
READERS = 200
READ_SECONDS = 8
POLL_SECONDS = 1  # a reader polls every second: 12 times as often as the site's pages do
# Made once here and handed to the writer processes, which import this module afresh.
PASSWORD = secrets.token_urlsafe(16)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def database_url(tmp_path):
    """A database of its own: a SQLite file, or a fresh PostgreSQL database on the test's
    server when the suite runs on PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'concurrency.sqlite3'}"
        return
    import psycopg

    config = dj_database_url.parse(url)
    name = f"newsroom_concurrency_{os.getpid()}"
    admin = psycopg.connect(
        host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"], dbname="postgres",
        password=config["PASSWORD"] or None, autocommit=True,
    )  # fmt: skip
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def server_env(database_url, port):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))}
    return {
        **env,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "NEWSROOM_SITE_URL": f"http://127.0.0.1:{port}",
        "NEWSROOM_PLAIN_STATIC": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "3",
        "GUNICORN_THREADS": "4",
        "GUNICORN_ACCESS_LOG": "",
    }


def manage(env, *args, stdin=None):
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


SETUP = f"""
from django.contrib.auth import get_user_model
from django.utils import timezone
from briefings.models import Briefing, Status
get_user_model().objects.create_superuser("writer", "w@example.org", "{PASSWORD}")
Briefing.objects.create(title="Under load", slug="under-load", status=Status.PUBLISHED,
    published_at=timezone.now(), coverage_start=timezone.now())
print(Briefing.objects.get(slug="under-load").pk)
"""


@pytest.fixture
def server(tmp_path, database_url):
    port = free_port()
    env = server_env(database_url, port)
    manage(env, "migrate", "--no-input")
    briefing_id = int(manage(env, "shell", stdin=SETUP).strip().splitlines()[-1])
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(  # noqa: S603 (our own gunicorn and config)
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 (loopback)
                break
            except OSError:
                assert process.poll() is None, log.read_text()
                time.sleep(0.1)
        yield base, briefing_id, env, log
    finally:
        process.terminate()
        process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def _csrf(jar):
    return next(c.value for c in jar if c.name == "csrftoken")


def write(base, briefing_id, writer, password, results):
    """One writer: log in to the admin, then post updates one after another."""
    opener, jar = _opener()
    opener.open(base + "/admin/login/", timeout=30)
    form = {"username": "writer", "password": password, "csrfmiddlewaretoken": _csrf(jar)}
    login = urllib.request.Request(  # noqa: S310 (loopback)
        base + "/admin/login/?next=/admin/",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Referer": base + "/admin/login/"},
    )
    with opener.open(login, timeout=30) as response:
        if urllib.parse.urlsplit(response.url).path != "/admin/":
            results.put((writer, [f"login failed: {response.url} {response.read()[-3000:]!r}"]))
            return
    url = f"{base}/admin/briefings/briefing/{briefing_id}/post-update/"
    no_redirects = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    statuses = []
    for n in range(POSTS_PER_WRITER):
        data = {
            "csrfmiddlewaretoken": _csrf(jar),
            "headline": f"Writer {writer} update {n}",
            "body": f"Posted under load by writer {writer}, number {n}.",
            "posted_at": "",
            "tags": "",
            "_publish": "1",
        }
        request = urllib.request.Request(  # noqa: S310 (loopback)
            url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": url}
        )
        try:
            # The redirect back to the briefing's admin page is not followed: the test is
            # about writes, and rendering that page for every post would be most of the load.
            with no_redirects.open(request, timeout=30) as response:
                statuses.append(f"form came back: {response.read()[-2000:]!r}")
        except urllib.error.HTTPError as error:
            saved = error.code == 302 and error.headers["Location"].endswith(
                f"/briefing/{briefing_id}/change/"
            )
            statuses.append(200 if saved else error.code)
    results.put((writer, statuses))


def read(base, stop, statuses, lock):
    cursor = "0"
    while not stop.is_set():
        url = f"{base}/briefings/under-load/live.json?after={cursor}"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
                status = response.status
                match = re.search(rb'"cursor": "(\d+)"', response.read())
                cursor = match.group(1).decode() if match else cursor
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            status = f"connection: {error}"
        with lock:
            statuses[status] += 1
        time.sleep(POLL_SECONDS)


@pytest.mark.django_db
def test_four_writers_and_two_hundred_readers(server):
    base, briefing_id, env, log = server
    stop, lock, reads = threading.Event(), threading.Lock(), Counter()
    readers = [
        threading.Thread(target=read, args=(base, stop, reads, lock), daemon=True)
        for _ in range(READERS)
    ]
    for reader in readers:
        reader.start()
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    writers = [
        context.Process(target=write, args=(base, briefing_id, n, PASSWORD, results))
        for n in range(WRITERS)
    ]
    started = time.monotonic()
    for writer in writers:
        writer.start()
    written = dict(results.get(timeout=120) for _ in writers)
    writing = time.monotonic() - started
    for writer in writers:
        writer.join(timeout=30)
    time.sleep(max(0.0, READ_SECONDS - (time.monotonic() - started)))
    stop.set()
    for reader in readers:
        reader.join(timeout=30)

    assert all(status == 200 for statuses in written.values() for status in statuses), (
        written,
        log.read_text()[-3000:],
    )
    assert set(reads) == {200}, reads
    assert sum(reads.values()) >= READERS
    print(  # the figures the README's "Reliability" section quotes (pytest -s shows them)
        f"{WRITERS * POSTS_PER_WRITER} posts in {writing:.1f} s, "
        f"{sum(reads.values())} polls in {time.monotonic() - started:.1f} s, statuses {dict(reads)}"
    )
    assert "database is locked" not in log.read_text()
    assert " 500 " not in log.read_text()

    check = (
        "from briefings.models import Update; "
        "print(sorted(Update.objects.published().filter(briefing__slug='under-load')"
        ".values_list('headline', flat=True)))"
    )
    headlines = manage(env, "shell", "-c", check)
    for writer in range(WRITERS):
        for n in range(POSTS_PER_WRITER):
            assert f"Writer {writer} update {n}" in headlines
    with urllib.request.urlopen(f"{base}/updates.json?q=load", timeout=30) as response:  # noqa: S310
        assert b'"count": 60' in response.read()
