"""Redis stopped and started again under a running site: pages stay up, the admin saves,
and the cache is used again as soon as Redis answers, with no restart."""

import datetime as dt
import shutil
import socket
import subprocess
import time
import uuid

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from briefings.cache import ForgivingRedisCache
from briefings.models import Update

from .conftest import require_service
from .test_cache import settled_briefing

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A redis-server of this test's own, on a spare loopback port, without persistence."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (a fixed program, our own arguments)
            [
                shutil.which("redis-server"),
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def redis_server(settings, monkeypatch):
    if not shutil.which("redis-server"):
        require_service("redis-server is not installed")
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "briefings.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "KEY_PREFIX": f"newsroom-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    # Retry at once, so that the test need not wait out the pause after a failure.
    monkeypatch.setattr(ForgivingRedisCache, "RETRY_SECONDS", 0.0)
    yield server
    if server.process.poll() is None:
        server.stop()


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_pages_stay_up_while_redis_is_down_and_the_cache_returns_with_it(
    client, admin_client, redis_server
):
    assert isinstance(caches["default"], ForgivingRedisCache)
    briefing = settled_briefing()
    path = briefing.get_absolute_url()
    poll = reverse("briefings:live", args=[briefing.slug])
    queries(client, path)
    assert queries(client, path) == 0  # served from Redis

    redis_server.stop()
    started = time.monotonic()
    for url in (path, poll, reverse("briefings:home"), reverse("briefings:search") + "?q=a"):
        assert queries(client, url) > 0 or url == reverse("briefings:home")
    assert queries(client, path) > 0  # a miss every time: nothing is kept
    assert time.monotonic() - started < 5
    # Editors work on: the admin answers, and a save (whose change points replace cached
    # tokens, which fails quietly) goes through and shows.
    update = briefing.updates.first()
    change = reverse("admin:briefings_update_change", args=[update.pk])
    assert admin_client.get(change).status_code == 200
    update.body = "Saved while Redis was down."
    update.save()
    assert "Saved while Redis was down." in client.get(path).content.decode()
    Update.objects.update(updated_at=timezone.now() - dt.timedelta(minutes=1))  # settled

    redis_server.start()  # the same port: the site is not restarted
    queries(client, path)
    assert queries(client, path) == 0
    assert "Saved while Redis was down." in client.get(path).content.decode()


def test_sign_in_throttling_is_kept_in_the_database(settings):
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
