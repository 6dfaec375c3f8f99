"""The read API, /api/v1/: its OpenAPI document, answers that match it, what it shows and
hides, and the HTTP it speaks (cursor pages, ETag and 304, Cache-Control, CORS).

Endpoints are enumerated from the OpenAPI document the API serves, so a new endpoint is
covered by these tests without anyone adding it to a list.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openapi_spec_validator import validate
from openapi_spec_validator.versions.shortcuts import get_spec_version

from briefings.filters import UpdateFilter
from briefings.models import Briefing, Status, Update

from .api_schema import (
    api_path,
    check_response,
    detail_paths,
    fetch_spec,
    fill,
    get_operations,
    list_path_of,
    list_paths,
)
from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    MentionFactory,
    SourceFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    # The anonymous allowance is counted in the cache: each test starts with a full one, and
    # these tests read more than a minute's worth.
    settings.NEWSROOM_API_ANON_RATE = "10000/min"
    cache.clear()


def make_update(briefing, n=0, **fields):
    """A published update with everything an update can carry."""
    update = UpdateFactory(briefing=briefing, **{"headline": f"Headline {n}", **fields})
    affiliation = ActorFactory(name=f"State {n}")
    CitationFactory(update=update, source=SourceFactory(name=f"Wire {n}"))
    MentionFactory(update=update, actor=ActorFactory(name=f"Minister {n}", affiliation=affiliation))
    CorrectionFactory(update=update)
    update.tags.add(f"topic {n}")
    return update


@pytest.fixture
def content():
    origin = SourceFactory(name="Origin outlet")
    earlier = BriefingFactory(title="Earlier coverage", kind=Briefing.Kind.DIGEST)
    briefing = BriefingFactory(title="Kharkiv", previous=earlier, origin=origin)
    briefing.tags.add("air defence")
    updates = [make_update(briefing, n) for n in range(3)]
    return briefing, updates


@pytest.fixture
def spec(client):
    return fetch_spec(client)


# The document ------------------------------------------------------------------------------


def test_an_openapi_validator_accepts_the_schema(spec):
    validate(spec)  # raises on any error, against the version the document declares
    assert get_spec_version(spec).major == "3" and spec["openapi"].startswith("3.1")


def test_the_schema_lists_the_update_streams_filters(spec):
    """/updates/ on the site and the API filter with the same FilterSet: every filter of it
    is a documented parameter."""
    [operation] = [op for path, op in get_operations(spec) if path == "/api/v1/updates/"]
    documented = {parameter["name"] for parameter in operation["parameters"]}
    assert set(UpdateFilter.base_filters) <= documented
    assert {"cursor", "page_size"} <= documented


def test_every_endpoint_answers_what_its_schema_says(client, spec, content):
    checked = 0
    for path in list_paths(spec):
        response = client.get(path)
        assert response.status_code == 200, path
        check_response(spec, path, response)
        assert response.json()["results"], f"{path} lists nothing: the check would be empty"
        checked += 1
    for path in detail_paths(spec):
        listed = client.get(list_path_of(path)).json()["results"]
        for item in listed:
            response = client.get(fill(path, item))
            assert response.status_code == 200, fill(path, item)
            check_response(spec, path, response)
            checked += 1
        missing = client.get(fill(path, {"slug": "no-such-thing", "id": 999999}))
        assert missing.status_code == 404
        check_response(spec, path, missing)
    assert checked >= len(get_operations(spec))


def test_errors_answer_what_the_schema_says(client, spec, content):
    for path in list_paths(spec):
        response = client.get(path, {"cursor": "not-a-cursor"})
        assert response.status_code == 404, path
        check_response(spec, path, response)
    response = client.get("/api/v1/updates/", {"date_from": "yesterday", "actor": "nobody"})
    assert response.status_code == 400
    check_response(spec, "/api/v1/updates/", response)
    assert set(response.json()["errors"]) == {"date_from", "actor"}


def test_cursor_pages_walk_every_update_once(client, content):
    briefing, updates = content
    for _n in range(3, 12):
        UpdateFactory(briefing=briefing, posted_at=updates[0].posted_at)  # ties on the time
    expected = list(Update.objects.published().newest_first().values_list("pk", flat=True))
    seen, url = [], "/api/v1/updates/?page_size=5"
    while url:
        page = client.get(url).json()
        seen += [update["id"] for update in page["results"]]
        url = page["next"] and api_path(page["next"])
    assert seen == expected


@pytest.mark.parametrize("name", list(UpdateFilter.base_filters))
def test_each_stream_filter_selects_what_the_stream_selects(client, content, name):
    briefing, updates = content
    other = BriefingFactory(kind=Briefing.Kind.ARTICLE)
    make_update(other, 9, posted_at=timezone.now() - dt.timedelta(days=3))
    target = updates[1]
    values = {
        "q": target.headline,
        "actor": target.mentions.first().actor.slug,
        "source": target.citations.first().source.slug,
        "tag": target.tags.first().slug,
        "briefing": briefing.slug,
        "kind": briefing.kind,
        "date_from": (timezone.now() - dt.timedelta(days=1)).date().isoformat(),
        "date_to": (timezone.now() - dt.timedelta(days=2)).date().isoformat(),
    }
    params = {name: values[name]}
    expected = set(
        UpdateFilter(params, queryset=Update.objects.published()).qs.values_list("pk", flat=True)
    )
    response = client.get("/api/v1/updates/", params)
    assert response.status_code == 200
    assert {update["id"] for update in response.json()["results"]} == expected
    assert 0 < len(expected) < Update.objects.published().count()


# What the API shows ----------------------------------------------------------------------


def everything_readable(client, spec) -> str:
    """Every list and every detail the API serves, as one text."""
    bodies = []
    for path in list_paths(spec):
        results = client.get(path, {"page_size": 100}).json()["results"]
        bodies.append(str(results))
        for detail in detail_paths(spec):
            if list_path_of(detail) == path:
                bodies += [client.get(fill(detail, item)).content.decode() for item in results]
    return "\n".join(bodies)


def test_drafts_scheduled_and_unreviewed_stay_out_until_published(client, spec, content):
    briefing, _ = content
    later = timezone.now() + dt.timedelta(hours=1)
    draft_briefing = BriefingFactory(title="Secret briefing", status=Status.DRAFT)
    scheduled_briefing = BriefingFactory(title="Briefing of tomorrow", published_at=later)
    in_draft_briefing = make_update(draft_briefing, 100, headline="Inside secret briefing")
    draft = make_update(briefing, 101, headline="Draft update", status=Status.DRAFT)
    scheduled = make_update(briefing, 102, headline="Scheduled update", publish_at=later)
    unreviewed_actor = ActorFactory(name="Proposed person", is_reviewed=False)
    unreviewed_source = SourceFactory(name="Proposed outlet", is_reviewed=False)
    # Referred to by an update readers cannot see yet: public once both are published.
    MentionFactory(update=scheduled, actor=unreviewed_actor)
    CitationFactory(update=draft, source=unreviewed_source)
    hidden = [
        "Secret briefing",
        "Briefing of tomorrow",
        "Inside secret briefing",
        "Draft update",
        "Scheduled update",
        "Proposed person",
        "topic 100",
        "topic 101",
        "topic 102",
    ]
    text = everything_readable(client, spec)
    for words in [*hidden, "Proposed outlet"]:
        assert words not in text
    for path, slug in [
        ("/api/v1/briefings/{slug}/", draft_briefing.slug),
        ("/api/v1/briefings/{slug}/", scheduled_briefing.slug),
        ("/api/v1/actors/{slug}/", unreviewed_actor.slug),
        ("/api/v1/sources/{slug}/", unreviewed_source.slug),
        ("/api/v1/tags/{slug}/", "topic-101"),
    ]:
        assert client.get(fill(path, {"slug": slug})).status_code == 404
    for update in (in_draft_briefing, draft, scheduled):
        assert client.get(f"/api/v1/updates/{update.pk}/").status_code == 404

    # Flip the switch: published, due, reviewed — and there.
    Briefing.objects.filter(pk__in=[draft_briefing.pk, scheduled_briefing.pk]).update(
        status=Status.PUBLISHED, published_at=timezone.now()
    )
    Update.objects.filter(pk__in=[draft.pk, scheduled.pk]).update(
        status=Status.PUBLISHED, publish_at=None
    )
    unreviewed_actor.is_reviewed = unreviewed_source.is_reviewed = True
    unreviewed_actor.save()
    unreviewed_source.save()
    cache.clear()
    text = everything_readable(client, spec)
    for words in [*hidden, "Proposed outlet"]:
        assert words in text


def test_references_link_only_to_what_has_a_page(client, content):
    """Links follow the pages' rule (RegistryQuerySet.public): reviewed, and referred to by
    a published update. A reference that fails it is named, not linked."""
    briefing, updates = content
    actor = updates[0].mentions.get().actor
    data = client.get(f"/api/v1/briefings/{briefing.slug}/").json()
    assert data["previous"]["slug"] == briefing.previous.slug
    # The origin is reviewed, but no published update cites it: it has no page.
    assert data["origin"] == {"name": "Origin outlet", "slug": None, "api_url": None}
    assert client.get("/api/v1/sources/origin-outlet/").status_code == 404
    assert client.get(f"/api/v1/actors/{actor.slug}/").json()["affiliation"] is None

    CitationFactory(update=updates[1], source=briefing.origin)
    MentionFactory(update=updates[1], actor=actor.affiliation)
    data = client.get(f"/api/v1/briefings/{briefing.slug}/").json()
    assert data["origin"]["slug"] == "origin-outlet"
    assert client.get(data["origin"]["api_url"]).json()["reference_count"] == 1
    affiliation = client.get(f"/api/v1/actors/{actor.slug}/").json()["affiliation"]
    assert affiliation["slug"] == actor.affiliation.slug

    briefing.previous.status = Status.DRAFT
    briefing.previous.save()
    briefing.origin.is_reviewed = False
    briefing.origin.save()
    data = client.get(f"/api/v1/briefings/{briefing.slug}/").json()
    assert data["previous"] is None
    assert data["origin"] == {"name": "Origin outlet", "slug": None, "api_url": None}


# Query counts ------------------------------------------------------------------------------


def count_queries(client, path) -> int:
    client.get(path)  # per-process caches (content types) filled first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_data(client, spec, django_assert_num_queries):
    briefing = BriefingFactory()
    make_update(briefing, 0)
    paths = list_paths(spec) + [
        fill(detail, client.get(list_path_of(detail)).json()["results"][0])
        for detail in detail_paths(spec)
    ]
    with_one = {path: count_queries(client, path) for path in paths}
    for n in range(1, 50):
        make_update(BriefingFactory(previous=briefing) if n % 2 else briefing, n)
    for path in paths:
        client.get(path)
        with django_assert_num_queries(with_one[path]):
            response = client.get(path, {"page_size": 100} if path in list_paths(spec) else {})
        if path in list_paths(spec):
            assert len(response.json()["results"]) >= 25, path  # the data did grow
    print(with_one)  # the figures, with -s


# HTTP --------------------------------------------------------------------------------------


def test_weak_etag_and_304(client, content):
    briefing, _ = content
    first = client.get("/api/v1/updates/")
    etag = first["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/api/v1/updates/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    head = client.head("/api/v1/updates/")
    assert head.status_code == 200 and head["ETag"] == etag and not head.content
    # Weak comparison (RFC 9110 13.1.2): the same tag sent without W/ matches too.
    assert client.get("/api/v1/updates/", headers={"If-None-Match": etag[2:]}).status_code == 304
    make_update(briefing, 50)
    changed = client.get("/api/v1/updates/", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_cache_control_like_the_pages(client, settings, content):
    response = client.get("/api/v1/briefings/")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {
        "public",
        f"max-age={settings.NEWSROOM_PAGE_MAX_AGE}",
        f"stale-while-revalidate={settings.NEWSROOM_PAGE_STALE}",
    }
    assert client.get("/api/v1/briefings/nothing-here/")["Cache-Control"] == "no-store"


def test_cors_for_reads_without_credentials(client, spec, content):
    for path, _ in get_operations(spec):
        url = fill(path, {"slug": content[0].slug, "id": content[1][0].pk})
        response = client.get(url, headers={"Origin": "https://partner.example"})
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        preflight = client.options(
            url,
            headers={
                "Origin": "https://partner.example",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert preflight.status_code == 204
        assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
        assert "authorization" in preflight["Access-Control-Allow-Headers"].lower()
        assert client.post(url).status_code == 405


def test_no_cookies(client, spec, content):
    for path in [*list_paths(spec), "/api/v1/openapi.json", "/api/v1/docs/"]:
        assert not client.get(path).cookies, path


def test_docs_page_loads_only_this_sites_files_and_no_inline_script(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html
    for tag in html.split("<script")[1:]:
        assert tag.startswith(' src="/static/'), tag[:80]
    assert 'data-schema-url="/api/v1/openapi.json"' in html
