"""Draft-leak sweep: what readers may not see yet is on no public surface — until it is
published, when it is on all the ones it belongs to."""

import datetime as dt
import itertools
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter
from django.utils import timezone
from taggit.models import Tag

from briefings.models import Status, Update

from .api_schema import PARAMETER, fetch_spec, get_operations
from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    EmbedFactory,
    MentionFactory,
    SourceFactory,
    UpdateFactory,
)
from .images_helpers import stored_image

pytestmark = pytest.mark.django_db
MAX_PAGES = 1500


@pytest.fixture(autouse=True)
def _api_unthrottled(settings):
    # The sweep reads the API hundreds of times from one address: the anonymous limit is
    # tested in tests/test_api_keys.py, not here.
    settings.NEWSROOM_API_ANON_RATE = "100000/min"
    cache.clear()


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
    while queue:
        assert len(seen) < MAX_PAGES, "the crawl no longer ends: raise MAX_PAGES knowingly"
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
        EmbedFactory(update=update, author=f"{update.body} author", text=f"{update.body} post")
        hidden_image(update=update, caption=f"{update.body} photo")
    draft_briefing = BriefingFactory(
        slug="closed", title="SENTINEL-BRIEFING", status=Status.DRAFT, standfirst="x"
    )
    draft_briefing.tags.add("SENTINEL-TAG-briefing")
    in_draft = UpdateFactory(briefing=draft_briefing, headline="SENTINEL-IN-DRAFT-BRIEFING")
    in_draft.tags.add("SENTINEL-TAG-in-draft-briefing")
    MentionFactory(update=in_draft, actor=actor)
    hidden_image(update=in_draft, caption="SENTINEL-PHOTO-IN-DRAFT-BRIEFING")
    hidden_image(briefing=draft_briefing, caption="SENTINEL-LEAD-IMAGE")
    deleted_pk = hidden["deleted"].pk
    hidden["deleted"].delete()
    return briefing, hidden, deleted_pk, draft_briefing


def hidden_image(*, update=None, briefing=None, caption):
    """An image (images/) in a hidden update's gallery or as a draft briefing's lead image."""
    from images.models import LeadImage, UpdateImage

    image = stored_image(alt_text=f"{caption} alt", caption=caption)
    if update is not None:
        UpdateImage.objects.create(update=update, image=image)
    else:
        LeadImage.objects.create(briefing=briefing, image=image)
    return image


def image_files(image) -> list[str]:
    """The addresses of an image's stored file and renditions."""
    return [image.file.url, *(r.url for r in image.renditions())]


def status_of(client, url) -> int:
    response = client.get(url)
    # A served file read to the end: the test client closes it then, leaving the database
    # connection alone (response.close() would close the test's connection on PostgreSQL).
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


def surfaces(briefing):
    return [
        "/",
        "/updates/",
        "/updates.json",
        "/sitemap.xml",
        *(f"/sitemap-{section}.xml" for section in ("briefings", "actors", "sources", "tags")),
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


def hidden_identifiers(hidden) -> dict[str, list]:
    """What a reader might put in an address to reach hidden things: the slugs of the
    briefing with hidden updates, of the draft briefing and of the topics only hidden updates
    carry; the ids of the hidden updates (the deleted one's too)."""
    briefing, updates, deleted_pk, draft_briefing = hidden
    tags = Tag.objects.filter(name__startswith="SENTINEL").values_list("slug", flat=True)
    pks = [u.pk for u in updates.values() if u.pk] + [deleted_pk]
    pks.append(draft_briefing.updates.get().pk)
    return {"slug": [briefing.slug, draft_briefing.slug, *tags], "pk": pks}


def routed_surfaces(identifiers) -> list[str]:
    """Every route of the site outside the admin, filled with every hidden identifier its
    parameters take, read from the URL resolver: a new route (the widget, a JSON Feed, a
    subscribe page) is swept without anyone adding it here."""
    values = {SlugConverter: identifiers["slug"], IntConverter: identifiers["pk"]}
    urls = []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace != "admin":
                    walk(entry.url_patterns, entry.namespace)
                continue
            converters = entry.pattern.converters
            if not converters or not isinstance(entry, URLPattern) or not entry.name:
                continue
            if any(type(c) not in values for c in converters.values()):
                continue  # a signed token (alerts/): nothing a reader can guess
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            choices = [values[type(c)] for c in converters.values()]
            for combination in itertools.product(*choices):
                urls.append(reverse(name, kwargs=dict(zip(converters, combination, strict=True))))

    walk(get_resolver().url_patterns, None)
    return urls


def api_surfaces(client, identifiers) -> list[str]:
    """Every operation of the API's OpenAPI document: its paths filled with each hidden
    identifier of the parameter's type, its lists with each hidden slug in each of their
    string filters."""
    spec = fetch_spec(client)
    urls = []
    for path, operation in get_operations(spec):
        parameters = operation.get("parameters", [])
        types = {p["name"]: p.get("schema", {}).get("type") for p in parameters}
        in_path = PARAMETER.findall(path)
        if in_path:
            choices = [
                identifiers["pk"] if types.get(name) == "integer" else identifiers["slug"]
                for name in in_path
            ]
            for combination in itertools.product(*choices):
                values = dict(zip(in_path, combination, strict=True))
                urls.append(PARAMETER.sub(lambda m, v=values: str(v[m.group(1)]), path))
            continue
        urls.append(path)
        for parameter in parameters:
            if parameter["in"] == "query" and types[parameter["name"]] == "string":
                for slug in identifiers["slug"]:
                    urls.append(f"{path}?{urlencode({parameter['name']: slug})}")
    return urls


def without_echo(path: str, body: str) -> str:
    """``body`` without what the reader typed in the address it answers: a 404 page names its
    own URL (canonical link, the feeds of the address's slug) and a refused filter its value,
    which tell the reader nothing they did not know. The hidden text itself, in capitals
    (SENTINEL-DRAFT, SENTINEL-TAG-draft), is not what anyone typed and is still found."""
    parts = urlsplit(path)
    typed = [*parts.path.split("/"), *(value for _, value in parse_qsl(parts.query))]
    for value in sorted(filter(None, typed), key=len, reverse=True):
        body = body.replace(value, "")
    return body


def test_the_sweep_reaches_the_api_the_widget_and_the_json_feeds(client, hidden):
    """The derived surfaces hold what this sweep was extended for (issue: reach readers)."""
    identifiers = hidden_identifiers(hidden)
    routed = routed_surfaces(identifiers)
    api = api_surfaces(client, identifiers)
    assert reverse("briefings:embed", args=["closed"]) in routed
    assert reverse("briefings:briefing_feed_json", args=["closed"]) in routed
    assert reverse("alerts:subscribe_briefing", args=["closed"]) in routed
    assert reverse("api:briefing", args=["closed"]) in api
    assert reverse("api:update", args=[hidden[1]["draft"].pk]) in api
    assert any(url.startswith(reverse("api:update_list") + "?") for url in api)


def test_nothing_hidden_is_on_any_public_surface(client, hidden):
    briefing, updates, deleted_pk, draft_briefing = hidden
    identifiers = hidden_identifiers(hidden)
    urls = surfaces(briefing) + [
        f"/briefings/open/updates/{u.pk or deleted_pk}/" for u in updates.values()
    ]
    urls += routed_surfaces(identifiers) + api_surfaces(client, identifiers)
    urls.append(f"/briefings/closed/updates/{draft_briefing.updates.get().pk}/")
    bodies = crawl(client, urls)
    assert len(bodies) >= 30, sorted(bodies)  # the crawl reached actor, source and tag pages
    assert any(path.startswith("/actors/") for path in bodies)
    assert any(path.startswith("/sources/") for path in bodies)
    assert any(path.startswith("/tags/") for path in bodies)
    assert any(path.endswith("/feed.json") for path in bodies)  # announced on every page
    # Tag names and their slugs ("sentinel-tag-draft") too.
    texts = {path: without_echo(path, body) for path, body in bodies.items()}
    leaks = [path for path, text in texts.items() if "SENTINEL" in text or "sentinel-tag" in text]
    assert leaks == []
    # Ids of updates that were never public are not even listed as removed.
    removed = client.get(f"{briefing.get_absolute_url()}live.json?after=1").json()["removed"]
    assert removed == sorted([updates["unpublished"].pk, deleted_pk])
    for update in updates.values():
        if update.pk:
            assert client.get(f"/briefings/open/updates/{update.pk}/").status_code == 404
    # Images of hidden updates and of the draft briefing: no page names their files, and
    # their addresses answer 404 (the deleted update's image stays in the library, unshown).
    from images.models import Image

    hidden_images = Image.objects.filter(caption__startswith="SENTINEL")
    assert hidden_images.count() == 6
    for image in hidden_images:
        assert not [path for path, body in bodies.items() if image.key in body], image
        for url in image_files(image):
            assert status_of(client, url) == 404, url


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
    surfaces = {"page": page, "feed": feed, "live": live}
    surfaces["json feed"] = client.get(reverse("briefings:site_feed_json")).content.decode()
    surfaces["widget"] = client.get(reverse("briefings:embed", args=["open"])).content.decode()
    surfaces["api"] = client.get(reverse("api:update_list")).content.decode()
    for kind in ("draft", "scheduled", "unpublished"):
        sentinel = f"SENTINEL-{kind.upper()}"
        for name, surface in surfaces.items():
            assert sentinel in surface, (sentinel, name)
        # Search highlights the word, so the sentinel is split by <mark>: look for the link.
        assert updates[kind].get_absolute_url() in found, kind
    menu = client.get("/updates/").content.decode()
    for kind in ("draft", "scheduled", "unpublished"):
        assert f"SENTINEL-TAG-{kind}" in menu, kind
    assert "SENTINEL-DELETED" not in page
    from images.models import Image

    for kind in ("DRAFT", "SCHEDULED", "UNPUBLISHED"):
        assert f"SENTINEL-{kind} photo" in page, kind
        image = Image.objects.get(caption=f"SENTINEL-{kind} photo")
        assert all(status_of(client, url) == 200 for url in image_files(image)), kind
    closed = client.get("/briefings/closed/").content.decode()
    assert "SENTINEL-LEAD-IMAGE" in closed and "SENTINEL-PHOTO-IN-DRAFT-BRIEFING" in closed
    assert "SENTINEL-BRIEFING" in client.get("/briefings/").content.decode()
    assert "SENTINEL-IN-DRAFT-BRIEFING" in client.get("/briefings/closed/").content.decode()
