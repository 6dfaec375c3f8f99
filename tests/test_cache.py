"""Caching: public pages carry no cookie and may be kept downstream; the origin serves the
briefing page and the poll endpoint from Django's cache until the briefing changes."""

import datetime as dt
import os
import uuid

import pytest
import redis
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from briefings.models import (
    Briefing,
    Fingerprint,
    Resemblance,
    Update,
    briefing_changed,
    briefing_state,
    page_parts,
)

from .conftest import require_service
from .factories import (
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    MentionFactory,
    QuoteFactory,
    UpdateFactory,
)
from .public_pages import build_demo_content

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_every_public_page_is_cookie_free_and_cacheable(client):
    for name, path in build_demo_content().items():
        response = client.get(path)
        assert not response.cookies, f"{name} sets {list(response.cookies)}"
        assert "Cookie" not in response.get("Vary", ""), name
        if response.status_code == 200:
            assert response["Cache-Control"] == ("public, max-age=30, stale-while-revalidate=30"), (
                name
            )
            assert response["ETag"], name
            again = client.get(path, headers={"If-None-Match": response["ETag"]})
            assert again.status_code == 304, name


def test_pages_are_the_same_for_a_signed_in_editor(client, editor_client):
    briefing = BriefingFactory()
    UpdateFactory(briefing=briefing, body="Envoys arrived.")
    for path in [reverse("briefings:home"), briefing.get_absolute_url()]:
        anonymous, editor = client.get(path), editor_client.get(path)
        assert editor.content == anonymous.content
        assert not editor.cookies
        assert editor["Cache-Control"].startswith("public")


def test_the_poll_endpoint_is_cookie_free_and_cacheable(client):
    briefing = BriefingFactory()
    response = client.get(reverse("briefings:live", args=[briefing.slug]), {"after": "0"})
    assert not response.cookies
    assert response["Cache-Control"] == "public, max-age=5, stale-while-revalidate=10"
    assert response["ETag"]


def test_the_admin_is_never_cached(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert "public" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


# The origin's cache --------------------------------------------------------------------------


def settled_briefing(updates=3) -> Briefing:
    """A briefing whose latest change is a minute old: old enough to be cached."""
    briefing = BriefingFactory(slug="kharkiv")
    for i in range(updates):
        UpdateFactory(briefing=briefing, body=f"Update {i}.")
    a_minute_ago = timezone.now() - dt.timedelta(minutes=1)
    Update.objects.update(updated_at=a_minute_ago)
    Briefing.objects.update(updated_at=a_minute_ago)
    return briefing


def count_queries(client, path, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured), response


def test_a_warm_briefing_page_is_served_from_the_cache(client):
    path = settled_briefing().get_absolute_url()
    cold, first = count_queries(client, path)
    warm, second = count_queries(client, path)
    assert warm == 0 < cold  # the briefing's version is in the cache too
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["ETag"] == first["ETag"]
    # Parameters that do not change the page do not make new entries.
    assert count_queries(client, path, utm_source="x")[0] == 0


def briefing_queries(captured) -> list[str]:
    """The statements that fetch a briefing row itself (not a join from another table)."""
    return [q["sql"] for q in captured if q["sql"].startswith('SELECT "briefings_briefing"."id"')]


@pytest.mark.parametrize("settled", [True, False], ids=["cache miss", "fresh change"])
def test_a_briefing_page_asks_for_its_briefing_once(client, settled):
    """The cache fetches the briefing with its change moments and hands it to the view."""
    briefing = settled_briefing() if settled else UpdateFactory().briefing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(briefing.get_absolute_url())
    assert response.status_code == 200
    assert len(briefing_queries(captured)) == 1
    assert "last_saved_at" in briefing_queries(captured)[0]


def test_an_unknown_or_draft_briefing_page_is_a_404_without_caching(client):
    draft = BriefingFactory(status="draft")
    for path in (draft.get_absolute_url(), reverse("briefings:briefing", args=["nothing"])):
        assert client.get(path).status_code == 404


def test_publishing_an_update_shows_on_the_next_request(client):
    briefing = settled_briefing()
    path = briefing.get_absolute_url()
    client.get(path)
    assert count_queries(client, path)[0] == 0
    UpdateFactory(briefing=briefing, headline="Sirens in Kyiv", body="Take cover.")
    assert "Sirens in Kyiv" in client.get(path).content.decode()


def test_editing_an_update_shows_on_the_next_request(client):
    briefing = settled_briefing()
    path = briefing.get_absolute_url()
    client.get(path)
    update = briefing.updates.first()
    update.body = "Corrected: twelve drones."
    update.save()
    assert "Corrected: twelve drones." in client.get(path).content.decode()


def test_unpublishing_and_deleting_show_on_the_next_request(client):
    briefing = settled_briefing()
    path = briefing.get_absolute_url()
    hidden, deleted = briefing.updates.all()[:2]
    assert "Update 0." in client.get(path).content.decode()
    hidden.status = "draft"
    hidden.save()
    deleted.delete()
    page = client.get(path).content.decode()
    assert hidden.body not in page and deleted.body not in page


def test_a_fresh_change_is_not_cached(client):
    """Within CHANGE_OVERLAP of a change, another transaction may still commit an update with
    an older stamp: the page is rendered every time until the change has settled."""
    briefing = BriefingFactory()
    UpdateFactory(briefing=briefing)
    path = briefing.get_absolute_url()
    client.get(path)  # keeps the update's pieces, which a render reads again
    rendered = count_queries(client, path)[0]
    assert count_queries(client, path)[0] == rendered > 0


def test_a_draft_briefing_is_never_served_from_the_cache(client):
    briefing = settled_briefing()
    path = briefing.get_absolute_url()
    client.get(path)
    briefing.status = "draft"
    briefing.save()
    assert client.get(path).status_code == 404


def test_a_warm_poll_is_served_from_the_cache(client):
    briefing = settled_briefing()
    path = reverse("briefings:live", args=[briefing.slug])
    cold, first = count_queries(client, path, after="1")
    warm, second = count_queries(client, path, after="1")
    assert warm == 0 < cold
    assert second.json() == first.json()
    assert len(second.json()["updates"]) == 3
    new = UpdateFactory(briefing=briefing, headline="Sirens in Kyiv")
    data = client.get(path, {"after": first.json()["cursor"]}).json()
    assert data["updates"][-1]["id"] == new.pk  # after the cursor's (overlap)


# The briefing's version, kept in the cache -----------------------------------------------


def test_a_warm_page_its_304_and_a_warm_poll_ask_no_database(client, django_assert_num_queries):
    briefing = settled_briefing()
    path = briefing.get_absolute_url()
    poll = reverse("briefings:live", args=[briefing.slug])
    etag = client.get(path)["ETag"]
    cursor = client.get(poll).json()["cursor"]
    poll_etag = client.get(poll, {"after": cursor})["ETag"]
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 200
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
        assert client.get(poll, {"after": cursor}).status_code == 200
        revalidated = client.get(poll, {"after": cursor}, headers={"If-None-Match": poll_etag})
        assert revalidated.status_code == 304


def test_a_warm_page_and_its_304_hash_nothing(client, monkeypatch):
    """The page's ETag is made once, when the page is kept, and kept with it."""
    briefing = settled_briefing()
    path = briefing.get_absolute_url()
    etag = client.get(path)["ETag"]

    def hashed(response):
        raise AssertionError("a kept page's ETag was made again")

    monkeypatch.setattr("django.middleware.http.set_response_etag", hashed)
    assert client.get(path)["ETag"] == etag
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304


def test_a_cache_miss_reads_the_database_again(client):
    briefing = settled_briefing()
    path = briefing.get_absolute_url()
    first = client.get(path)
    cache.clear()
    cold, again = count_queries(client, path)
    assert cold > 0 and again.content == first.content


def build_page_parts(briefing: Briefing) -> None:
    """One row of every kind a briefing's page is made of."""
    update = briefing.updates.first()
    CitationFactory(update=update)
    MentionFactory(update=update)
    QuoteFactory(update=update)
    CorrectionFactory(update=update)
    other = BriefingFactory()
    Resemblance.objects.create(briefing=briefing, other=other, kind="related", score=0.5)
    Fingerprint.objects.create(briefing=briefing, data={})


def rows_of(model, briefing: Briefing):
    """The rows of ``model`` on ``briefing``'s page, whatever the name of their key."""
    if model is Briefing:
        return Briefing.objects.filter(pk=briefing.pk)
    query = Q()
    for f in model._meta.concrete_fields:
        if f.related_model is Briefing:
            query |= Q(**{f.name: briefing})
        elif f.related_model is Update:
            query |= Q(**{f"{f.name}__briefing": briefing})
    return model._default_manager.filter(query)


@pytest.mark.parametrize("model", page_parts(), ids=lambda m: m._meta.label)
def test_every_kind_of_change_moves_the_version(model):
    """Every model of the app with a key to a briefing or an update is part of the page:
    saving or deleting one of its rows gives the briefing a new version."""
    briefing = settled_briefing()
    build_page_parts(briefing)
    row = rows_of(model, briefing).first()
    assert row is not None, f"build_page_parts() makes no {model._meta.label}: add one"
    before = briefing_state(briefing.slug).version
    row.save()
    saved = briefing_state(briefing.slug)
    assert saved.version != before
    row.delete()
    after = briefing_state(briefing.slug)
    assert after is None if model is Briefing else after.version != saved.version


@pytest.mark.parametrize("model", [Briefing, Update])
def test_tagging_moves_the_version(model):
    briefing = settled_briefing()
    row = briefing if model is Briefing else briefing.updates.first()
    before = briefing_state(briefing.slug).version
    row.tags.add("air defence")
    added = briefing_state(briefing.slug).version
    row.tags.remove("air defence")
    assert len({before, added, briefing_state(briefing.slug).version}) == 3


def test_publishing_unpublishing_and_rescheduling_move_the_version():
    briefing = settled_briefing()
    update = briefing.updates.first()
    versions = [briefing_state(briefing.slug).version]
    for status, publish_at in [
        ("draft", None),
        ("published", None),
        ("published", timezone.now() + dt.timedelta(hours=1)),
    ]:
        update.status, update.publish_at = status, publish_at
        update.save()
        versions.append(briefing_state(briefing.slug).version)
    assert len(set(versions)) == len(versions)


def test_a_scheduled_update_coming_due_moves_the_version_with_no_save(monkeypatch):
    briefing = settled_briefing()
    due = timezone.now() + dt.timedelta(minutes=10)
    UpdateFactory(briefing=briefing, publish_at=due, headline="At ten past")
    state = briefing_state(briefing.slug)
    assert state.due == due and state.latest_change < due
    assert briefing_state(briefing.slug).version == state.version  # from the cache
    monkeypatch.setattr(timezone, "now", lambda: due + dt.timedelta(seconds=1))
    later = briefing_state(briefing.slug)
    assert later.latest_change == due and later.due is None


def test_the_end_of_coverage_makes_a_briefing_not_live_with_no_save(monkeypatch):
    briefing = settled_briefing()
    end = timezone.now() + dt.timedelta(minutes=10)
    Briefing.objects.filter(pk=briefing.pk).update(coverage_end=end)
    cache.clear()
    assert briefing_state(briefing.slug).is_live
    monkeypatch.setattr(timezone, "now", lambda: end + dt.timedelta(seconds=1))
    assert not briefing_state(briefing.slug).is_live


def test_a_new_address_retires_the_old_one(client):
    briefing = settled_briefing()
    old = briefing.get_absolute_url()
    assert client.get(old).status_code == 200
    briefing.slug = "kharkiv-renamed"
    briefing.save()
    assert client.get(old).status_code == 404
    assert client.get(briefing.get_absolute_url()).status_code == 200


def test_a_state_read_before_a_change_is_not_believed(django_assert_num_queries):
    """A reader who read the rows before a change commits, and stores its state after the
    change replaced the token, stored it under the old token: the next reader reads again."""
    briefing = settled_briefing()
    stale = briefing_state(briefing.slug)
    briefing_changed(briefing.slug)
    cache.set(
        f"newsroom:briefing-state:{briefing.slug}",
        (stale.pk, stale.latest_change, stale.is_live, stale.due, stale.token),
    )
    with django_assert_num_queries(1):
        assert briefing_state(briefing.slug).token != stale.token


# The same against the machine's Redis ----------------------------------------------------------


@pytest.fixture
def redis_cache(settings):
    url = os.environ.get("REDIS_TEST_URL")
    if not url:
        require_service("REDIS_TEST_URL is not set (.ci/run sets it)")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        require_service(f"Redis at {url} does not answer: {error}")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"newsroom-test-{uuid.uuid4().hex}",
        }
    }
    yield cache
    cache.clear()


def test_the_origin_cache_works_on_redis(client, redis_cache):
    assert isinstance(caches["default"], RedisCache)
    briefing = settled_briefing()
    path = briefing.get_absolute_url()
    cold, first = count_queries(client, path)
    warm, second = count_queries(client, path)
    assert warm == 0 < cold
    assert second.content == first.content
    poll = reverse("briefings:live", args=[briefing.slug])
    assert count_queries(client, poll, after="1")[0] > 1
    assert count_queries(client, poll, after="1")[0] == 0
    UpdateFactory(briefing=briefing, headline="Sirens in Kyiv")
    assert "Sirens in Kyiv" in client.get(path).content.decode()


# An update's HTML, rendered once (briefings/templatetags/fragments.py) ------------------


def rendered_update(update_pk: int, **context) -> str:
    from django.template.loader import render_to_string

    update = Update.objects.for_display().get(pk=update_pk)
    return render_to_string("briefings/_update.html", {"update": update, **context})


def change_body(update):
    update.body = "A new body."
    update.save()
    return "A new body."


def add_correction(update):
    CorrectionFactory(update=update, text="An earlier version said Tuesday.")
    return "An earlier version said Tuesday."


def rename_actor(update):
    actor = update.mentions.get().actor
    actor.name = "Kaja Kallas"
    actor.save()
    return "Kaja Kallas"


def unreview_source(update):
    source = update.citations.get().source
    source.is_reviewed = False
    source.save()
    return f"({source.name})"  # no longer a link


def add_tag(update):
    update.tags.add("shelters")
    return "#shelters"


def move_zone(update):
    briefing = update.briefing
    briefing.time_zone = "Europe/Kyiv"
    briefing.save()
    return "EET"


@pytest.mark.parametrize(
    "change", [change_body, add_correction, rename_actor, unreview_source, add_tag, move_zone]
)
def test_a_kept_update_fragment_is_never_shown_after_what_it_shows_changed(change):
    update = UpdateFactory(posted_at=dt.datetime(2025, 1, 15, 12, tzinfo=dt.UTC))
    MentionFactory(update=update)
    CitationFactory(update=update)
    before = rendered_update(update.pk)
    assert rendered_update(update.pk) == before  # kept
    shown = change(Update.objects.get(pk=update.pk))
    after = rendered_update(update.pk)
    assert shown in after and shown not in before


def test_a_kept_update_fragment_is_read_not_rendered(monkeypatch):
    from django.template.base import NodeList

    update = UpdateFactory()
    rendered_update(update.pk)
    calls = []
    original = NodeList.render
    monkeypatch.setattr(
        NodeList, "render", lambda self, context: calls.append(1) or original(self, context)
    )
    html = rendered_update(update.pk)
    assert update.body in html
    # The include's outer nodes only: none of the update's own markup is rendered again.
    assert len(calls) <= 2


def test_how_the_page_includes_an_update_is_part_of_its_key():
    update = UpdateFactory(headline="A headline of its own")
    assert "A headline of its own</h3>" in rendered_update(update.pk)
    assert "A headline of its own</h3>" not in rendered_update(update.pk, heading="none")


def test_a_kept_update_fragment_says_the_day_once_it_is_not_today():
    from freezegun import freeze_time

    with freeze_time("2025-01-15 23:00:00") as clock:
        update = UpdateFactory(posted_at=dt.datetime(2025, 1, 15, 12, tzinfo=dt.UTC))
        assert ">12:00 GMT<" in rendered_update(update.pk)
        clock.tick(dt.timedelta(hours=2))  # past midnight, well within the piece's lifetime
        assert ">15 Jan 2025, 12:00 GMT<" in rendered_update(update.pk)
