"""The sitemap index and its paginated sections: what each request costs."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefings import sitemaps

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


def test_no_sitemap_request_reads_the_updates_table_but_to_check_an_entry(client):
    """Updates are only looked at through EXISTS (is this entry public?), never counted
    or aggregated: the cost does not grow with them."""
    build(3)
    with CaptureQueriesContext(connection) as captured:
        for url in section_urls(client):
            client.get(url)
    for query in captured:
        sql = query["sql"].lower()
        top_table = sql.split(" from ", 1)[1].split()[0] if " from " in sql else ""
        assert top_table != '"briefings_update"', sql
        assert 'max("briefings_update"' not in sql and 'count("briefings_update"' not in sql, sql
