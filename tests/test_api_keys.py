"""The API's rate limit on anonymous reads, and the keys that lift it: issued in the admin,
shown once, stored as a digest, revocable."""

import re

import pytest
from django.core.cache import cache

from api.models import ApiKey, digest

from .factories import BriefingFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/briefings/"
LIMIT = 3


@pytest.fixture(autouse=True)
def _small_allowance(settings):
    settings.NEWSROOM_API_ANON_RATE = f"{LIMIT}/min"
    cache.clear()
    BriefingFactory()


def issue(name="Partner") -> str:
    key = ApiKey(name=name)
    raw = key.set_new_key()
    key.save()
    return raw


def bearer(raw):
    return {"Authorization": f"Bearer {raw}"}


def test_anonymous_reads_are_limited_per_address(client):
    for _ in range(LIMIT):
        assert client.get(URL, REMOTE_ADDR="192.0.2.1").status_code == 200
    refused = client.get(URL, REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused["Cache-Control"] == "no-store"
    assert refused.json()["detail"]
    # Another address has its own allowance.
    assert client.get(URL, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_the_count_is_in_the_shared_cache(client):
    for _ in range(LIMIT):
        client.get(URL, REMOTE_ADDR="192.0.2.1")
    # One history per address, in Django's cache: every process and host shares it.
    assert len(cache.get("newsroom:api:throttle:anon:192.0.2.1")) == LIMIT
    cache.clear()
    assert client.get(URL, REMOTE_ADDR="192.0.2.1").status_code == 200


def test_forwarded_for_is_not_a_fresh_allowance(client, settings):
    for n in range(LIMIT):
        client.get(URL, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    forged = client.get(URL, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert forged.status_code == 429


def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw(client, settings):
    settings.PROXY_COUNT = 1
    for _ in range(LIMIT):
        client.get(URL, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="forged, 198.51.100.7")
    assert (
        client.get(URL, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="other, 198.51.100.7")
    ).status_code == 429
    assert (
        client.get(URL, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="198.51.100.8")
    ).status_code == 200


def test_a_key_lifts_the_limit(client):
    raw = issue()
    for _ in range(LIMIT * 3):
        assert client.get(URL, REMOTE_ADDR="192.0.2.1", headers=bearer(raw)).status_code == 200
    assert ApiKey.objects.get().last_used_at is not None


def test_unknown_malformed_and_revoked_keys_are_refused(client):
    raw = issue()
    for header in (bearer("nr_not-a-key"), bearer(raw + "x"), {"Authorization": "Bearer"}):
        response = client.get(URL, headers=header)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
    ApiKey.objects.get().revoke()
    assert client.get(URL, headers=bearer(raw)).status_code == 401


def test_only_a_digest_is_stored():
    raw = issue()
    key = ApiKey.objects.get()
    assert key.digest == digest(raw) != raw
    assert raw not in str(ApiKey.objects.values().get())
    assert raw.startswith(key.prefix) and len(key.prefix) < len(raw) / 3


def test_an_admin_issues_a_key_that_is_shown_once_and_revokes_it(editor_client, client):
    response = editor_client.post("/admin/api/apikey/add/", {"name": "Partner Gazette"})
    assert response.status_code == 200
    [raw] = re.findall(r"nr_[A-Za-z0-9_-]{40,}", response.content.decode())
    key = ApiKey.objects.get(name="Partner Gazette")
    assert key.digest == digest(raw)
    assert key.created_by.username == "editor"
    for page in ("/admin/api/apikey/", f"/admin/api/apikey/{key.pk}/change/"):
        body = editor_client.get(page).content.decode()
        assert key.prefix in body and raw not in body

    for _ in range(LIMIT + 1):
        assert client.get(URL, headers=bearer(raw)).status_code == 200
    editor_client.post(
        "/admin/api/apikey/",
        {"action": "revoke", "_selected_action": [key.pk]},
    )
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert client.get(URL, headers=bearer(raw)).status_code == 401
