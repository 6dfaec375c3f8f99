"""Feeds, structured data, link-preview tags, sitemap.xml and robots.txt: what they list,
what they keep out (drafts, scheduled updates, unreviewed registry rows), and their cost."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from unittest import mock

import feedparser
import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from briefings.feeds import UpdatesFeed
from briefings.models import Actor, Briefing, Source, Status, Update
from briefings.structured_data import briefing_data, json_ld
from briefings.templatetags.seo import canonical_url

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
T0 = dt.datetime(2024, 11, 13, 15, 15, tzinfo=dt.UTC)
SITE = "http://127.0.0.1:8000"
KINDS = ["site", "briefing", "tag", "actor", "source"]
FORMATS = ["atom", "rss"]


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE


def _related(update, *, source, see_also, actor):
    update.tags.add("diplomacy")
    CitationFactory(update=update, source=source, role="primary", position=0)
    CitationFactory(update=update, source=see_also, role="see_also", position=1)
    MentionFactory(update=update, actor=actor)
    return update


@pytest.fixture
def world():
    """A live briefing with two published updates, a draft and a scheduled one, all tagged,
    citing and mentioning the same tag, sources and actor; and another briefing's update."""
    briefing = BriefingFactory(
        title="Blinken in Brussels", slug="blinken", coverage_start=T0 - dt.timedelta(hours=9)
    )
    related = {
        "source": SourceFactory(name="NBC News", slug="nbc-news"),
        "see_also": SourceFactory(name="Reuters", slug="reuters"),
        "actor": ActorFactory(name="Antony Blinken", slug="antony-blinken"),
    }
    late = _related(
        UpdateFactory(briefing=briefing, posted_at=T0, headline="Aid pledged", body="Aid *now*."),
        **related,
    )
    early = _related(
        UpdateFactory(
            briefing=briefing,
            posted_at=T0 - dt.timedelta(hours=2),
            body="Blinken arrived in Brussels for talks with NATO foreign ministers on Wednesday "
            "morning, officials said.",
        ),
        **related,
    )
    CorrectionFactory(
        update=early,
        text="An earlier version misnamed the city.",
        published_at=dt.datetime(2024, 11, 14, 10, 2, tzinfo=dt.UTC),
    )
    _related(
        UpdateFactory(briefing=briefing, headline="Draft words", status=Status.DRAFT), **related
    )
    _related(
        UpdateFactory(
            briefing=briefing,
            headline="Scheduled words",
            publish_at=timezone.now() + dt.timedelta(hours=1),
        ),
        **related,
    )
    elsewhere = UpdateFactory(headline="Elsewhere", posted_at=T0 - dt.timedelta(hours=1))
    return {"briefing": briefing, "late": late, "early": early, "elsewhere": elsewhere}


def feed_url(kind, format, slug=None):
    if kind == "site":
        return reverse(f"briefings:site_feed_{format}")
    return reverse(f"briefings:{kind}_feed_{format}", args=[slug])


SLUGS = {"briefing": "blinken", "tag": "diplomacy", "actor": "antony-blinken", "source": "reuters"}


def fetch_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


# Feeds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_feed_parses_and_lists_published_updates_newest_first(client, world, kind, format):
    response, feed = fetch_feed(client, feed_url(kind, format, SLUGS.get(kind)))
    assert response["Content-Type"].startswith(
        "application/atom+xml" if format == "atom" else "application/rss+xml"
    )
    titles = [entry.title for entry in feed.entries]
    expected = [
        "Aid pledged",
        "Blinken arrived in Brussels for talks with NATO foreign ministers on Wednesday…",
    ]
    if kind == "site":
        expected.insert(1, "Elsewhere")
    assert titles == expected
    assert (
        feed.feed.link
        == SITE
        + {
            "site": "/",
            "briefing": "/briefings/blinken/",
            "tag": "/tags/diplomacy/",
            "actor": "/actors/antony-blinken/",
            "source": "/sources/reuters/",
        }[kind]
    )


@pytest.mark.parametrize("format", FORMATS)
def test_feed_entry_has_permalink_dates_citations_and_corrections(client, world, format):
    _, feed = fetch_feed(client, feed_url("briefing", format, "blinken"))
    late, early = world["late"], world["early"]
    first, second = feed.entries
    permalink = SITE + late.get_absolute_url()
    assert first.link == permalink
    assert first.id == permalink
    assert first.published_parsed[:5] == (2024, 11, 13, 15, 15)
    if format == "atom":  # RSS 2.0 has no element for when an item changed
        late.refresh_from_db()
        assert first.updated_parsed[:6] == late.updated_at.utctimetuple()[:6]
    assert "<em>now</em>" in first.summary
    assert "(NBC News; see also Reuters)" in first.summary
    assert [tag.term for tag in first.tags] == ["diplomacy"]
    assert second.link == SITE + early.get_absolute_url()
    assert "Correction, 14 Nov 2024 10:02 GMT:</strong> An earlier version misnamed the city." in (
        second.summary
    )


def test_feed_keeps_drafts_and_scheduled_updates_out_until_they_are_due(client, world):
    url = feed_url("site", "atom")
    _, feed = fetch_feed(client, url)
    assert not {"Draft words", "Scheduled words"} & {e.title for e in feed.entries}
    Update.objects.filter(headline="Draft words").update(status=Status.PUBLISHED)
    Update.objects.filter(headline="Scheduled words").update(publish_at=timezone.now())
    _, feed = fetch_feed(client, url)
    assert {"Draft words", "Scheduled words"} <= {e.title for e in feed.entries}


def test_feed_holds_the_latest_fifty_updates(client):
    briefing = BriefingFactory(slug="busy")
    for i in range(52):
        UpdateFactory(briefing=briefing, headline=f"Update {i}", posted_at=T0 + dt.timedelta(i))
    _, feed = fetch_feed(client, feed_url("briefing", "rss", "busy"))
    assert len(feed.entries) == 50
    assert feed.entries[0].title == "Update 51"
    assert feed.entries[-1].title == "Update 2"


def test_feed_links_follow_the_request_when_no_site_url_is_set(client, world, settings):
    settings.NEWSROOM_SITE_URL = ""
    _, feed = fetch_feed(client, feed_url("site", "atom"))
    assert feed.entries[0].link == "http://testserver" + world["late"].get_absolute_url()


# Feeds that answer 404: unknown slugs, and what readers may not see yet.
HIDDEN_FEEDS = [
    ("briefing", "no-such-briefing"),
    ("briefing", "draft"),
    ("briefing", "scheduled"),
    ("tag", "no-such-tag"),
    ("tag", "on-drafts-only"),
    ("actor", "no-such-actor"),
    ("actor", "proposed"),
    ("source", "no-such-source"),
    ("source", "proposed"),
]


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(
    "kind,slug",
    HIDDEN_FEEDS,
)
def test_feeds_of_what_readers_cannot_see_answer_404(client, kind, slug, format):
    BriefingFactory(slug="draft", status=Status.DRAFT)
    BriefingFactory(slug="scheduled", published_at=timezone.now() + dt.timedelta(days=1))
    UpdateFactory(status=Status.DRAFT).tags.add("on-drafts-only")
    ActorFactory(slug="proposed", is_reviewed=False)
    SourceFactory(slug="proposed", is_reviewed=False)
    assert client.get(feed_url(kind, format, slug)).status_code == 404


def feed_classes():
    """UpdatesFeed and every subclass, however deep."""
    classes, todo = [], [UpdatesFeed]
    while todo:
        cls = todo.pop()
        classes.append(cls)
        todo.extend(cls.__subclasses__())
    return classes


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("feed_class", feed_classes(), ids=lambda cls: cls.__name__)
def test_every_feed_class_is_routed_in_both_formats_under_its_url_name(feed_class, format):
    """urls.py writes the feed paths out; each one serves the class and format it names."""
    args = [] if feed_class is UpdatesFeed else ["some-slug"]
    path = reverse(f"{feed_class.url_name}_{format}", args=args)
    assert path.endswith(f"/updates.{format}")
    view = resolve(path).func
    assert type(view) is feed_class and view.format == format


def _fill(n):
    """``n`` updates in one briefing, each tagged, citing a source and mentioning an actor."""
    briefing = BriefingFactory(slug="budget")
    source, actor = SourceFactory(slug="outlet"), ActorFactory(slug="someone")
    for i in range(n):
        update = UpdateFactory(briefing=briefing, posted_at=T0 - dt.timedelta(minutes=i))
        update.tags.add("war")
        CitationFactory(update=update, source=source)
        MentionFactory(update=update, actor=actor)
        CorrectionFactory(update=update)
    return {"briefing": "budget", "tag": "war", "actor": "someone", "source": "outlet"}


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_feed_query_count_is_the_same_for_1_and_30_updates(
    client, django_assert_num_queries, kind, format
):
    slugs = _fill(1)
    expected = _count_queries(client, feed_url(kind, format, slugs.get(kind)))
    Update.objects.all().delete()
    Briefing.objects.all().delete()
    Source.objects.all().delete()
    Actor.objects.all().delete()
    slugs = _fill(30)
    with django_assert_num_queries(expected):
        response = client.get(feed_url(kind, format, slugs.get(kind)))
    assert len(feedparser.parse(response.content).entries) == 30
    # One query each: the object, the updates, their citations, mentions, corrections, tags,
    # embeds (embeds/) and images (images/, with their gallery rows).
    assert expected <= 8, f"the {kind} feed takes {expected} queries"


# Feed links on pages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page,kind",
    [
        ("/briefings/blinken/", "briefing"),
        (None, "briefing"),  # an update's permalink offers its briefing's feed
        ("/tags/diplomacy/", "tag"),
        ("/actors/antony-blinken/", "actor"),
        ("/sources/reuters/", "source"),
    ],
)
def test_pages_with_a_feed_announce_and_link_it(client, world, page, kind):
    page = page or world["late"].get_absolute_url()
    html = client.get(page).content.decode()
    slug = SLUGS[kind] if kind != "briefing" else "blinken"
    atom, rss = feed_url(kind, "atom", slug), feed_url(kind, "rss", slug)
    title = {"briefing": "This briefing", "tag": "This topic"}.get(kind, f"This {kind}")
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="{title} (Atom)" href="{atom}">'
    ) in html
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="{title} (RSS)" href="{rss}">'
    ) in html
    footer = html[html.index('class="site-footer__feeds"') :]
    assert f'<a href="{atom}">Atom</a>' in footer and f'<a href="{rss}">RSS</a>' in footer
    assert f'<a href="{feed_url("site", "atom")}">Atom</a>' in footer


@pytest.mark.parametrize("url_name", ["briefing", "tag", "actor", "source"])
def test_a_page_that_found_nothing_offers_no_feed_of_its_address(client, url_name):
    """The 404 for a missing briefing, topic, actor or source keeps the site's feed in its
    footer but offers none of the address that found nothing (it offered "This topic")."""
    response = client.get(reverse(f"briefings:{url_name}", args=["no-such-thing"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "no-such-thing" not in html.split('class="site-footer__feeds"')[1]
    assert "This " not in html.split('class="site-footer__feeds"')[1]
    assert feed_url("site", "atom") in html


def test_home_page_announces_the_site_feed(client, world):
    html = client.get("/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="All updates (RSS)" '
        f'href="{feed_url("site", "rss")}">'
    ) in html


@pytest.mark.parametrize(
    "page,subscribe",
    [
        ("/briefings/blinken/", ("alerts:subscribe_briefing", ["blinken"])),
        (None, ("alerts:subscribe_briefing", ["blinken"])),  # an update's permalink
        ("/tags/diplomacy/", ("alerts:subscribe_tag", ["diplomacy"])),
        ("/actors/antony-blinken/", None),
        ("/sources/reuters/", None),
        ("/", None),
    ],
)
def test_pages_link_email_alerts_beside_their_feeds_and_the_footer_the_digest(
    client, world, page, subscribe
):
    """Readers find the subscribe page for what they are reading (a briefing, a topic)
    next to its feeds, and the daily digest's next to the site's, on every page."""
    page = page or world["late"].get_absolute_url()
    html = client.get(page).content.decode()
    footer = html[html.index('class="site-footer__feeds"') :]
    footer = footer[: footer.index("</p>")]
    expected = [reverse(subscribe[0], args=subscribe[1])] if subscribe else []
    expected.append(reverse("alerts:subscribe"))
    assert re.findall(r'<a href="([^"]+)">By email</a>', footer) == expected
    for url in expected:
        assert client.get(url).status_code == 200, url


# Structured data -----------------------------------------------------------------------------

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_of(client, url):
    html = client.get(url).content.decode()
    (found,) = JSON_LD.findall(html)
    return json.loads(found), html


def test_live_briefing_is_a_live_blog_posting_whose_updates_point_at_their_anchors(client, world):
    data, html = json_ld_of(client, "/briefings/blinken/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "LiveBlogPosting"
    assert data["headline"] == "Blinken in Brussels"
    assert data["coverageStartTime"] == "2024-11-13T06:15:00+00:00"
    assert "coverageEndTime" not in data
    assert data["datePublished"] and data["dateModified"]
    late, early = world["late"], world["early"]
    first, second = data["liveBlogUpdate"]
    assert first["@type"] == "BlogPosting"
    assert first["headline"] == "Aid pledged"
    assert first["datePublished"] == "2024-11-13T15:15:00+00:00"
    assert first["articleBody"] == "Aid now."
    assert first["url"] == f"{SITE}/briefings/blinken/#update-{late.pk}"
    # The anchor is the one the page gives the update.
    assert f'id="update-{late.pk}"' in html
    assert second["url"].endswith(f"#update-{early.pk}")
    assert second["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version misnamed the city.",
            "datePublished": "2024-11-14T10:02:00+00:00",
        }
    ]


def test_ended_live_briefing_has_a_coverage_end(client, world):
    Briefing.objects.filter(pk=world["briefing"].pk).update(coverage_end=T0)
    data, _ = json_ld_of(client, "/briefings/blinken/")
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageEndTime"] == "2024-11-13T15:15:00+00:00"


def test_article_is_a_news_article(client):
    article = BriefingFactory(slug="report", kind=Briefing.Kind.ARTICLE, byline="Ann Writer")
    UpdateFactory(briefing=article, body="First paragraph.\n\nSecond **one**.")
    data, _ = json_ld_of(client, "/briefings/report/")
    assert data["@type"] == "NewsArticle"
    assert data["author"] == {"@type": "Person", "name": "Ann Writer"}
    assert data["articleBody"] == "First paragraph. Second one."
    assert "liveBlogUpdate" not in data and "coverageStartTime" not in data


def test_update_permalink_is_a_blog_posting_with_its_corrections(client, world):
    early = world["early"]
    data, _ = json_ld_of(client, early.get_absolute_url())
    assert data["@type"] == "BlogPosting"
    assert data["url"] == SITE + early.get_absolute_url()
    assert data["headline"].startswith("Blinken arrived in Brussels")
    assert data["isPartOf"]["@type"] == "LiveBlogPosting"
    assert data["correction"][0]["@type"] == "CorrectionComment"


def test_digest_update_permalink_is_a_news_article(client):
    update = UpdateFactory(briefing=BriefingFactory(kind=Briefing.Kind.DIGEST), headline="Item")
    data, _ = json_ld_of(client, update.get_absolute_url())
    assert data["@type"] == "NewsArticle"


def test_script_in_a_headline_cannot_leave_the_json_ld(client, world):
    hostile = '</script><script>alert("x")</script><!-- & >'
    Briefing.objects.filter(pk=world["briefing"].pk).update(title=hostile)
    Update.objects.filter(pk=world["late"].pk).update(headline=hostile)
    data, html = json_ld_of(client, "/briefings/blinken/")
    assert data["headline"] == hostile
    assert data["liveBlogUpdate"][0]["headline"] == hostile
    assert "<script>alert" not in html
    script = json_ld(briefing_data(Briefing.objects.get(pk=world["briefing"].pk), []))
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not set("<>&") & set(body)


# Link previews and canonical URLs ------------------------------------------------------------


@pytest.mark.parametrize(
    "url,og_type",
    [
        ("/", "website"),
        ("/briefings/", "website"),
        ("/briefings/blinken/", "article"),
        ("/actors/", "website"),
        ("/actors/antony-blinken/", "website"),
        ("/sources/", "website"),
        ("/sources/reuters/", "website"),
        ("/tags/", "website"),
        ("/tags/diplomacy/", "website"),
    ],
)
def test_every_public_page_has_a_canonical_url_and_preview_tags(client, world, url, og_type):
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="{SITE}{url}">' in html
    assert f'<meta property="og:url" content="{SITE}{url}">' in html
    assert f'<meta property="og:type" content="{og_type}">' in html
    assert '<meta property="og:site_name" content="Newsroom">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert re.search(r'<meta property="og:title" content="[^"]+">', html)
    assert re.search(r'<meta property="og:description" content="[^"]+">', html)


def test_preview_tags_name_the_page(client, world):
    html = client.get("/briefings/blinken/").content.decode()
    assert '<meta property="og:title" content="Blinken in Brussels">' in html
    html = client.get(world["late"].get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Aid pledged">' in html
    assert '<meta property="og:description" content="Aid *now*.">' in html


def test_canonical_url_keeps_only_a_page_number_and_follows_the_request_without_site_url(
    client, world, settings
):
    html = client.get("/briefings/?page=1&utm_source=x").content.decode()
    assert f'<link rel="canonical" href="{SITE}/briefings/">' in html
    settings.NEWSROOM_SITE_URL = ""
    html = client.get("/actors/?utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/actors/">' in html


@pytest.mark.parametrize("page", ["¹", "9" * 5000, "x", "-2", "", "1"])
def test_canonical_url_takes_the_page_number_from_the_paginator_not_the_request(rf, page):
    shown = Paginator(range(100), 10).get_page(page)
    expected = f"{SITE}/search/" + (f"?page={shown.number}" if shown.number > 1 else "")
    assert canonical_url(rf.get("/search/", {"page": page, "q": "x"}), shown) == expected


def test_canonical_url_keeps_a_page_number_past_the_first(client):
    for n in range(25):
        BriefingFactory(slug=f"b{n}")
    html = client.get("/briefings/", {"page": "02"}).content.decode()
    assert f'<link rel="canonical" href="{SITE}/briefings/?page=2">' in html


def test_preview_tags_escape_what_editors_type(client, world):
    Briefing.objects.filter(pk=world["briefing"].pk).update(title='"><b>x</b>')
    html = client.get("/briefings/blinken/").content.decode()
    assert '<meta property="og:title" content="&quot;&gt;&lt;b&gt;x&lt;/b&gt;">' in html


# sitemap.xml and robots.txt ------------------------------------------------------------------

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    """Every location the sitemap index leads to, with its lastmod."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    entries = {}
    root = ET.fromstring(index.content)  # noqa: S314 - our own response
    for section in root.findall("s:sitemap", SITEMAP_NS):
        response = client.get(section.findtext("s:loc", namespaces=SITEMAP_NS))
        assert response.status_code == 200
        root = ET.fromstring(response.content)  # noqa: S314 - our own response
        entries |= {
            url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
                "s:lastmod", namespaces=SITEMAP_NS
            )
            for url in root.findall("s:url", SITEMAP_NS)
        }
    return entries


def test_sitemap_lists_what_readers_can_see_with_lastmod(client, world):
    BriefingFactory(slug="draft", status=Status.DRAFT)
    BriefingFactory(slug="scheduled", published_at=timezone.now() + dt.timedelta(days=1))
    ActorFactory(slug="proposed", is_reviewed=False)
    ActorFactory(slug="unmentioned")
    MentionFactory(
        update=UpdateFactory(briefing=world["briefing"], status=Status.DRAFT),
        actor=ActorFactory(slug="only-in-drafts"),
    )
    entries = sitemap_entries(client)
    assert SITE + "/" in entries and SITE + "/briefings/" in entries
    briefings = {loc for loc in entries if "/briefings/" in loc and loc != SITE + "/briefings/"}
    assert briefings == {
        SITE + "/briefings/blinken/",
        SITE + world["elsewhere"].briefing.get_absolute_url(),
    }
    latest = max(
        Update.objects.published()
        .filter(briefing=world["briefing"])
        .values_list("updated_at", flat=True)
    )
    assert entries[SITE + "/briefings/blinken/"] == latest.date().isoformat()
    assert {loc for loc in entries if "/actors/" in loc} == {
        SITE + "/actors/",
        SITE + "/actors/antony-blinken/",
    }
    assert SITE + "/sources/reuters/" in entries and SITE + "/sources/nbc-news/" in entries
    assert SITE + "/tags/diplomacy/" in entries


def test_sitemap_lastmod_moves_when_an_update_changes(client, world):
    later = timezone.now() + dt.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        world["early"].save()
    assert sitemap_entries(client)[SITE + "/briefings/blinken/"] == later.date().isoformat()


def test_robots_txt_allows_all_but_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        f"User-agent: *\nDisallow: /admin/\nSitemap: {SITE}/sitemap.xml\n"
    )
