"""Draft-leak sweep: what readers may not see yet is on no public surface — until it is
published, when it is on all the ones it belongs to."""

import datetime as dt
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.utils import timezone

from briefings.models import Status, Update

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
MAX_PAGES = 400


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("href") and "alternate" in (attrs.get("rel") or ""):
            self.links.append(attrs["href"])


def crawl(client, start_urls):
    """Every page reachable from ``start_urls`` on this site, as an anonymous reader:
    {url: body}."""
    seen, queue, bodies = set(), list(start_urls), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        path = urlsplit(url)._replace(scheme="", netloc="", fragment="").geturl()
        if path in seen or path.startswith(("/admin", "/static")):
            continue
        seen.add(path)
        response = client.get(path)
        body = response.content.decode("utf-8", "replace")
        bodies[path] = body
        if response.get("Content-Type", "").startswith("text/html"):
            parser = Links()
            parser.feed(body)
            for link in parser.links:
                absolute = urljoin("http://testserver" + path, link)
                if urlsplit(absolute).netloc in {"testserver", "127.0.0.1:8000"}:
                    queue.append(absolute)
    return bodies


@pytest.fixture
def hidden():
    """A published briefing with one visible update, and every kind of hidden text."""
    now = timezone.now()
    briefing = BriefingFactory(slug="open", title="Open briefing")
    visible = UpdateFactory(briefing=briefing, headline="Visible update")
    source, actor = SourceFactory(name="Reuters"), ActorFactory(name="Antony Blinken")
    CitationFactory(update=visible, source=source)
    MentionFactory(update=visible, actor=actor)
    visible.tags.add("diplomacy")
    hidden = {
        "draft": UpdateFactory(briefing=briefing, status=Status.DRAFT, body="SENTINEL-DRAFT"),
        "scheduled": UpdateFactory(
            briefing=briefing,
            body="SENTINEL-SCHEDULED",
            publish_at=now + dt.timedelta(hours=2),
        ),
        "unpublished": UpdateFactory(briefing=briefing, body="SENTINEL-UNPUBLISHED"),
        "deleted": UpdateFactory(briefing=briefing, body="SENTINEL-DELETED"),
    }
    hidden["unpublished"].status = Status.DRAFT
    hidden["unpublished"].save()
    for kind, update in hidden.items():
        CitationFactory(update=update, source=source)
        MentionFactory(update=update, actor=actor)
        update.tags.add("diplomacy", f"SENTINEL-TAG-{kind}")  # a topic of its own, too
        CorrectionFactory(update=update, text=f"{update.body} correction")
    draft_briefing = BriefingFactory(
        slug="closed", title="SENTINEL-BRIEFING", status=Status.DRAFT, standfirst="x"
    )
    draft_briefing.tags.add("SENTINEL-TAG-briefing")
    in_draft = UpdateFactory(briefing=draft_briefing, headline="SENTINEL-IN-DRAFT-BRIEFING")
    in_draft.tags.add("SENTINEL-TAG-in-draft-briefing")
    MentionFactory(update=in_draft, actor=actor)
    deleted_pk = hidden["deleted"].pk
    hidden["deleted"].delete()
    return briefing, hidden, deleted_pk, draft_briefing


def surfaces(briefing):
    return [
        "/",
        "/updates/",
        "/updates.json",
        "/sitemap.xml",
        "/robots.txt",
        "/feeds/updates.atom",
        "/feeds/updates.rss",
        f"{briefing.get_absolute_url()}live.json?after=0",
        "/search/?q=sentinel",
        "/search/?q=sentin*",
        "/updates/?q=sentinel",
        "/updates.json?q=sentinel",
        "/briefings/closed/",
        "/briefings/closed/live.json?after=0",
        "/briefings/closed/updates.atom",
        "/no-such-page/",
    ]


def test_nothing_hidden_is_on_any_public_surface(client, hidden):
    briefing, updates, deleted_pk, draft_briefing = hidden
    urls = surfaces(briefing) + [
        f"/briefings/open/updates/{u.pk or deleted_pk}/" for u in updates.values()
    ]
    urls.append(f"/briefings/closed/updates/{draft_briefing.updates.get().pk}/")
    bodies = crawl(client, urls)
    assert len(bodies) >= 30, sorted(bodies)  # the crawl reached actor, source and tag pages
    assert any(path.startswith("/actors/") for path in bodies)
    assert any(path.startswith("/sources/") for path in bodies)
    assert any(path.startswith("/tags/") for path in bodies)
    # Tag names and their slugs ("sentinel-tag-draft") too.
    leaks = [path for path, body in bodies.items() if "SENTINEL" in body or "sentinel-tag" in body]
    assert leaks == []
    # Ids of updates that were never public are not even listed as removed.
    removed = client.get(f"{briefing.get_absolute_url()}live.json?after=1").json()["removed"]
    assert removed == sorted([updates["unpublished"].pk, deleted_pk])
    for update in updates.values():
        if update.pk:
            assert client.get(f"/briefings/open/updates/{update.pk}/").status_code == 404


def test_once_published_each_appears(client, hidden):
    briefing, updates, _, draft_briefing = hidden
    updates["draft"].status = Status.PUBLISHED
    updates["draft"].save()
    updates["unpublished"].status = Status.PUBLISHED
    updates["unpublished"].save()
    Update.objects.filter(pk=updates["scheduled"].pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1), updated_at=timezone.now()
    )
    draft_briefing.status = Status.PUBLISHED
    draft_briefing.published_at = timezone.now() - dt.timedelta(seconds=1)
    draft_briefing.save()
    page = client.get(briefing.get_absolute_url()).content.decode()
    feed = client.get("/feeds/updates.atom").content.decode()
    found = client.get("/search/?q=sentinel").content.decode()
    live = client.get(f"{briefing.get_absolute_url()}live.json?after=0").content.decode()
    for kind in ("draft", "scheduled", "unpublished"):
        sentinel = f"SENTINEL-{kind.upper()}"
        for name, surface in {"page": page, "feed": feed, "live": live}.items():
            assert sentinel in surface, (sentinel, name)
        # Search highlights the word, so the sentinel is split by <mark>: look for the link.
        assert updates[kind].get_absolute_url() in found, kind
    menu = client.get("/updates/").content.decode()
    for kind in ("draft", "scheduled", "unpublished"):
        assert f"SENTINEL-TAG-{kind}" in menu, kind
    assert "SENTINEL-DELETED" not in page
    assert "SENTINEL-BRIEFING" in client.get("/briefings/").content.decode()
    assert "SENTINEL-IN-DRAFT-BRIEFING" in client.get("/briefings/closed/").content.decode()
