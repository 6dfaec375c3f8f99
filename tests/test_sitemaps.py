"""The sitemap index and its paginated sections: what each request costs."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefings import sitemaps
from briefings.models import Briefing

from .factories import BriefingFactory, CitationFactory, MentionFactory, UpdateFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def build(n: int) -> None:
    for _ in range(n):
        update = UpdateFactory(briefing=BriefingFactory())
        update.tags.add("air defence")
        update.briefing.tags.add("diplomacy")
        CitationFactory(update=update)
        MentionFactory(update=update)


def section_urls(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [s.findtext("s:loc", namespaces=NS) for s in root.findall("s:sitemap", NS)]


def queries_per_request(client) -> list[int]:
    counts = []
    with CaptureQueriesContext(connection) as captured:
        urls = section_urls(client)
    counts.append(len(captured))
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    return counts


def test_sitemap_requests_cost_the_same_with_1_and_50_briefings(client):
    build(1)
    one = queries_per_request(client)
    build(49)
    assert queries_per_request(client) == one


def test_sections_are_paginated_and_the_index_lists_every_page(client, monkeypatch):
    build(5)
    for section in sitemaps.SITEMAPS.values():
        monkeypatch.setattr(section, "limit", 2)
    urls = section_urls(client)
    briefing_pages = [u for u in urls if "sitemap-briefings.xml" in u]
    assert len(briefing_pages) == 3  # 5 briefings, 2 a page
    listed = []
    for url in briefing_pages:
        root = ET.fromstring(client.get(url).content)  # noqa: S314 - our own response
        listed += [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)]
    assert len(listed) == len(set(listed)) == 5


def test_no_sitemap_request_reads_the_updates_table_but_for_what_came_due(client):
    """Entries are filtered by the stored counts; the updates table is only asked whether a
    scheduled update came due (``settle_due_counts``, on the partial index of uncounted
    rows), never counted, aggregated or checked entry by entry: the cost does not grow."""
    build(3)
    with CaptureQueriesContext(connection) as captured:
        client.get("/sitemap.xml")
        for url in section_urls(client):
            client.get(url)
    for query in captured:
        sql = query["sql"].lower()
        if '"briefings_update"' in sql:
            assert '"is_counted"' in sql and "limit 1" in sql, sql
            assert "exists(" not in sql.replace(" ", ""), sql
        assert 'count("briefings_update' not in sql and 'max("briefings_update"' not in sql, sql


def test_the_sitemap_lists_what_came_due_once_it_has(client):
    """A scheduled update's actor enters the sitemap when the update comes due, as it
    enters the actor list: both read the stored counts, settled on each request."""
    import datetime as dt

    from django.utils import timezone

    from briefings.models import Status

    from .factories import ActorFactory

    update = UpdateFactory(briefing=BriefingFactory())
    actor = ActorFactory(is_reviewed=True)
    later = UpdateFactory(
        briefing=update.briefing,
        status=Status.PUBLISHED,
        publish_at=timezone.now() + dt.timedelta(hours=1),
    )
    MentionFactory(update=later, actor=actor)
    listed = lambda: [loc for loc, _ in entries(client.get("/sitemap-actors.xml").content)]  # noqa: E731
    assert not any(actor.slug in loc for loc in listed())
    type(later).objects.filter(pk=later.pk).update(publish_at=timezone.now() - dt.timedelta(1))
    assert any(actor.slug in loc for loc in listed())


def entries(content: bytes) -> list[tuple[str, str | None]]:
    root = ET.fromstring(content)  # noqa: S314 - our own response or Django's
    return [
        (u.findtext("s:loc", namespaces=NS), u.findtext("s:lastmod", namespaces=NS))
        for u in root.findall("s:url", NS)
    ]


def test_a_section_page_says_what_djangos_sitemap_view_says(client, rf):
    """The sections are written out without Django's template (for speed): the same
    entries, dates and Last-Modified header as django.contrib.sitemaps' own view."""
    from django.contrib.sitemaps import views

    build(4)
    for section in sitemaps.SITEMAPS:
        ours = client.get(f"/sitemap-{section}.xml")
        theirs = views.sitemap(rf.get(f"/sitemap-{section}.xml"), sitemaps.SITEMAPS, section)
        theirs.render()
        assert ours["Content-Type"] == theirs["Content-Type"]
        assert entries(ours.content) == entries(theirs.content) != []
        assert ours.get("Last-Modified") == theirs.get("Last-Modified")
        assert ours["X-Robots-Tag"] == theirs["X-Robots-Tag"]
    # Locations are made without reverse() for each entry: the same paths as reverse()'s.
    listed = entries(client.get("/sitemap-briefings.xml").content)
    paths = sorted(urlsplit(loc).path for loc, _ in listed)
    assert paths == sorted(b.get_absolute_url() for b in Briefing.objects.published())


def test_a_missing_section_or_page_is_a_404(client):
    build(1)
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-briefings.xml?p=2").status_code == 404
    assert client.get("/sitemap-briefings.xml?p=two").status_code == 404


def test_the_briefings_latest_lastmod_is_the_newest_of_its_entries(monkeypatch):
    """Read down the index on changed_at rather than by a MAX() over every published
    briefing: still the newest lastmod of the entries, whether the newest change is stamped,
    never stamped (changed_at empty: a write that sent no signals), or a draft's."""
    import datetime as dt

    from briefings.models import Status

    build(3)
    site = sitemaps.BriefingSitemap()

    def newest_entry():
        return max(site.lastmod(row) for row in site.items())

    assert site.get_latest_lastmod() == newest_entry()
    later = Briefing.objects.order_by("pk").first()
    Briefing.objects.filter(pk=later.pk).update(
        changed_at=None, updated_at=later.changed_at + dt.timedelta(days=1)
    )
    assert site.get_latest_lastmod() == newest_entry() == later.changed_at + dt.timedelta(days=1)
    draft = BriefingFactory(status=Status.DRAFT, published_at=None)
    Briefing.objects.filter(pk=draft.pk).update(changed_at=later.changed_at + dt.timedelta(days=2))
    assert site.get_latest_lastmod() == newest_entry()
    monkeypatch.setattr(sitemaps, "RECENT", 1)  # the briefings changed last are all drafts
    assert site.get_latest_lastmod() == newest_entry()
