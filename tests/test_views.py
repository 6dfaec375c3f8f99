"""The public pages: content, status codes, drafts hidden, and query counts that do not
grow with the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing, Status, Update

from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    MentionFactory,
    QuoteFactory,
    SourceFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2024, 11, 13, 15, 15, tzinfo=dt.UTC)


@pytest.fixture
def live():
    briefing = BriefingFactory(
        title="Blinken in Brussels", coverage_start=T0 - dt.timedelta(hours=9), time_zone="UTC"
    )
    UpdateFactory(
        briefing=briefing,
        posted_at=T0 - dt.timedelta(hours=9),
        body="Blinken arrived.",
        is_original_entry=True,
    )
    late = UpdateFactory(briefing=briefing, posted_at=T0, headline="Aid pledged", body="Aid.")
    early = UpdateFactory(briefing=briefing, posted_at=T0 - dt.timedelta(hours=7, minutes=51))
    nbc, reuters = SourceFactory(name="NBC News"), SourceFactory(name="Reuters")
    CitationFactory(update=late, source=nbc, role="primary", position=0)
    CitationFactory(update=late, source=reuters, role="see_also", position=1)
    MentionFactory(update=late, actor=ActorFactory(name="Antony Blinken"))
    return briefing, late, early


def test_briefing_page_shows_updates_newest_first_with_stamps_and_citations(client, live):
    briefing, _late, _early = live
    page = client.get(briefing.get_absolute_url()).content.decode()
    page = page[page.index('<section class="updates"') :]
    assert page.index("15:15 GMT") < page.index("07:24 GMT") < page.index("Blinken arrived.")
    assert '<time datetime="2024-11-13T15:15:00+00:00"' in page
    assert "NBC News</a>; see also <a" in page and "Reuters</a>)" in page
    assert reverse("briefings:actor", args=["antony-blinken"]) in page


@pytest.mark.parametrize(
    "name",
    [
        "briefings:home",
        "briefings:briefing_list",
        "briefings:actor_list",
        "briefings:source_list",
        "briefings:tag_list",
    ],
)
def test_index_pages_answer(client, live, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_detail_pages_answer(client, live):
    _briefing, late, _ = live
    late.tags.add("diplomacy")
    urls = [
        late.get_absolute_url(),
        reverse("briefings:actor", args=["antony-blinken"]),
        reverse("briefings:source", args=["nbc-news"]),
        reverse("briefings:tag", args=["diplomacy"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Aid pledged" in response.content.decode(), url


def test_drafts_answer_404_and_appear_nowhere(client, db):
    draft = BriefingFactory(status=Status.DRAFT, title="SENTINEL-BRIEFING")
    hidden = UpdateFactory(headline="SENTINEL-UPDATE", status=Status.DRAFT)
    future = UpdateFactory(
        headline="SENTINEL-SCHEDULED", publish_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
    for name in ("briefings:home", "briefings:briefing_list"):
        page = client.get(reverse(name)).content.decode()
        assert "SENTINEL" not in page
    page = client.get(hidden.briefing.get_absolute_url()).content.decode()
    assert "SENTINEL" not in page


def test_unreviewed_actors_and_sources_have_no_public_page(client, db):
    actor = ActorFactory(name="Proposed Person", is_reviewed=False)
    source = SourceFactory(name="Proposed Outlet", is_reviewed=False)
    assert client.get(actor.get_absolute_url()).status_code == 404
    assert client.get(source.get_absolute_url()).status_code == 404


def test_unknown_pages_get_the_site_404(client, db):
    response = client.get("/briefings/no-such-thing/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_healthz(client, db):
    assert client.get("/healthz").json() == {"status": "ok", "database": True}


def _fill(n):
    """A briefing with ``n`` updates, ``n`` sources, ``n`` actors and ``n`` quotes: each
    update cites the first source and one other, and mentions the first actor and one other."""
    briefing = BriefingFactory(slug="budget", time_zone="Europe/Kyiv")
    sources = SourceFactory.create_batch(n + 1)
    actors = ActorFactory.create_batch(n + 1)
    for i in range(n):
        update = UpdateFactory(
            briefing=briefing, posted_at=T0 - dt.timedelta(minutes=i), is_key_event=i % 5 == 0
        )
        update.tags.add(f"tag{i % 3}", f"topic{i}")
        for position, source in enumerate([sources[0], sources[i + 1]]):
            CitationFactory(update=update, source=source, position=position)
        for actor in (actors[0], actors[i + 1]):
            MentionFactory(update=update, actor=actor)
        QuoteFactory(update=update, actor=actors[0], text=f"Statement {i}.")
    briefing.tags.add("war")
    return briefing, sources[0], actors[0]


PAGES = {
    "briefing": lambda b, s, a: b.get_absolute_url(),
    "update": lambda b, s, a: b.updates.first().get_absolute_url(),
    "home": lambda b, s, a: reverse("briefings:home"),
    "briefings": lambda b, s, a: reverse("briefings:briefing_list"),
    "actor": lambda b, s, a: a.get_absolute_url(),
    "actors": lambda b, s, a: reverse("briefings:actor_list"),
    "source": lambda b, s, a: s.get_absolute_url(),
    "sources": lambda b, s, a: reverse("briefings:source_list"),
    "tag": lambda b, s, a: reverse("briefings:tag", args=["tag0"]),
    "tags": lambda b, s, a: reverse("briefings:tag_list"),
    "sitemap": lambda b, s, a: "/sitemap.xml",
    **{
        f"sitemap, {section}": lambda b, s, a, section=section: f"/sitemap-{section}.xml"
        for section in ("briefings", "actors", "sources", "tags")
    },
    "robots": lambda b, s, a: "/robots.txt",
    "briefing feed": lambda b, s, a: f"{b.get_absolute_url()}updates.atom",
    "actor feed": lambda b, s, a: f"{a.get_absolute_url()}updates.rss",
    "poll": lambda b, s, a: f"{b.get_absolute_url()}live.json?after=1",
    "stream": lambda b, s, a: f"/updates/?actor={a.slug}&source={s.slug}",
    "search": lambda b, s, a: "/search/?q=body",
}


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", PAGES)
def test_query_count_is_the_same_for_1_and_50_updates(client, django_assert_num_queries, page):
    small = _fill(1)
    expected = _count_queries(client, PAGES[page](*small))
    Update.objects.all().delete()
    Briefing.objects.all().delete()
    url = PAGES[page](*_fill(50))
    with django_assert_num_queries(expected):
        client.get(url)
    assert expected <= 15, f"{page} takes {expected} queries"


def test_actor_page_shows_statements_and_who_is_mentioned_with_them(client, db):
    blinken, sybiha, rutte = (
        ActorFactory(name="Antony Blinken"),
        ActorFactory(name="Andrii Sybiha"),
        ActorFactory(name="Mark Rutte"),
    )
    for n in range(3):
        update = UpdateFactory(posted_at=T0 - dt.timedelta(hours=n))
        MentionFactory(update=update, actor=blinken)
        MentionFactory(update=update, actor=sybiha)
        if n == 0:
            MentionFactory(update=update, actor=rutte)
            QuoteFactory(update=update, actor=blinken, text="We will adapt and adjust.")
    draft = UpdateFactory(status=Status.DRAFT)
    QuoteFactory(update=draft, actor=blinken, text="SENTINEL quote")
    page = client.get(blinken.get_absolute_url()).content.decode()
    assert "“We will adapt and adjust.”" in page and "SENTINEL" not in page
    assert page.index('Andrii Sybiha</a> <span class="count">3') < page.index("Mark Rutte")
    assert "13 Nov 2024, 15:15 GMT" in page
    assert "/updates/?actor=antony-blinken" in page


def test_source_page_shows_kind_grade_and_citation_count(client, db):
    reuters = SourceFactory(name="Reuters", reliability="B")
    for update in UpdateFactory.create_batch(2):
        CitationFactory(update=update, source=reuters)
    page = client.get(reuters.get_absolute_url()).content.decode()
    assert "Cited in</dt><dd>2 published updates" in page
    assert reuters.get_reliability_display() in page


def test_digest_bullets_show_their_date_not_a_midnight_clock(client, db):
    digest = BriefingFactory(kind="digest", time_zone="UTC")
    UpdateFactory(briefing=digest, posted_at=dt.datetime(2023, 11, 5, tzinfo=dt.UTC))
    page = client.get(digest.get_absolute_url()).content.decode()
    page = page[page.index('<section class="updates"') :]
    assert ">5 Nov 2023</time>" in page and ">00:00 GMT<" not in page
