"""JSON Feed 1.1 beside every Atom and RSS feed: each one valid against the specification
(https://www.jsonfeed.org/version/1.1/), carrying the same items as its Atom twin, announced
and linked wherever the Atom feed is, and as strict about what readers cannot see."""

import datetime as dt
import re
from html.parser import HTMLParser

import feedparser
import pytest
from django.urls import URLPattern, get_resolver, resolve, reverse
from django.utils import timezone
from jsonschema import Draft202012Validator

from briefings.models import Actor, Briefing, Source, Status, Update

from . import test_feeds_and_seo as feeds
from .factories import ActorFactory, BriefingFactory, SourceFactory, UpdateFactory
from .test_feeds_and_seo import (
    HIDDEN_FEEDS,
    KINDS,
    SITE,
    SLUGS,
    T0,
    _count_queries,
    _fill,
    feed_url,
)

# The fixtures of the Atom and RSS tests: the same world, and NEWSROOM_SITE_URL set.
world = feeds.world
_site_url = feeds._site_url

pytestmark = pytest.mark.django_db

# RFC 3339, which the specification requires of dates: a full date, a time, and an offset.
RFC_3339 = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
AUTHOR = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "url": {"type": "string"},
        "avatar": {"type": "string"},
    },
    # "at least one of these must be present"
    "anyOf": [{"required": ["name"]}, {"required": ["url"]}, {"required": ["avatar"]}],
}
# The specification's top-level and item members, their types, and what it requires: written
# from https://www.jsonfeed.org/version/1.1/. Extensions (members starting with "_") are
# allowed there; this site writes none, so any other member fails too.
JSON_FEED_1_1 = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "title", "items"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string"},
        "feed_url": {"type": "string"},
        "description": {"type": "string"},
        "user_comment": {"type": "string"},
        "next_url": {"type": "string"},
        "icon": {"type": "string"},
        "favicon": {"type": "string"},
        "authors": {"type": "array", "items": AUTHOR},
        "language": {"type": "string"},
        "expired": {"type": "boolean"},
        "hubs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "url"],
                "properties": {"type": {"type": "string"}, "url": {"type": "string"}},
            },
        },
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                # "content_html and content_text are each optional strings — but one must
                # be present."
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string"},
                    "external_url": {"type": "string"},
                    "title": {"type": "string"},
                    "content_html": {"type": "string"},
                    "content_text": {"type": "string"},
                    "summary": {"type": "string"},
                    "image": {"type": "string"},
                    "banner_image": {"type": "string"},
                    "date_published": {"type": "string", "pattern": RFC_3339},
                    "date_modified": {"type": "string", "pattern": RFC_3339},
                    "authors": {"type": "array", "items": AUTHOR},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "language": {"type": "string"},
                    "attachments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["url", "mime_type"],
                            "properties": {
                                "url": {"type": "string"},
                                "mime_type": {"type": "string"},
                                "title": {"type": "string"},
                                "size_in_bytes": {"type": "number"},
                                "duration_in_seconds": {"type": "number"},
                            },
                        },
                    },
                },
            },
        },
    },
}
VALIDATOR = Draft202012Validator(JSON_FEED_1_1)
ABSOLUTE = re.compile(r"^https?://[^/]+/")


def atom_routes() -> list[tuple[str, URLPattern]]:
    """Every feed route of the site in Atom, as ("namespace:name", route), read from the
    URL resolver: each must have a JSON Feed twin."""
    found = []
    for pattern in get_resolver().url_patterns:
        namespace = getattr(pattern, "namespace", None)
        for route in getattr(pattern, "url_patterns", [pattern]):
            if isinstance(route, URLPattern) and (route.name or "").endswith("_feed_atom"):
                found.append((f"{namespace}:{route.name}" if namespace else route.name, route))
    return found


def json_twin(atom_name: str) -> str:
    return atom_name.removesuffix("_atom") + "_json"


def reverse_feed(name: str, route: URLPattern) -> str:
    return reverse(name, args=["some-slug"] * route.pattern.regex.groups)


def fetch_json_feed(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    document = response.json()
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert errors == [], url
    return document


def test_the_schema_rejects_what_the_specification_forbids():
    valid = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "T",
        "items": [
            {"id": "1", "content_html": "<p>x</p>", "date_published": "2024-11-13T15:15:00Z"}
        ],
    }
    assert VALIDATOR.is_valid(valid)
    broken = [
        {**valid, "version": "https://jsonfeed.org/version/1"},
        {key: value for key, value in valid.items() if key != "title"},
        {key: value for key, value in valid.items() if key != "items"},
        {**valid, "items": [{"content_html": "x"}]},  # no id
        {**valid, "items": [{"id": 1, "content_html": "x"}]},  # id not a string
        {**valid, "items": [{"id": "1"}]},  # no content
        {**valid, "items": [{"id": "1", "content_html": "x", "date_published": "13 Nov 2024"}]},
        {**valid, "items": [{"id": "1", "content_html": "x", "authors": [{}]}]},
        {**valid, "items": [{"id": "1", "content_html": "x", "tags": "diplomacy"}]},
        {**valid, "author": {"name": "1.0 only"}},
    ]
    assert [VALIDATOR.is_valid(document) for document in broken] == [False] * len(broken)


@pytest.mark.parametrize("name,route", atom_routes(), ids=lambda v: getattr(v, "name", v))
def test_every_atom_feed_has_a_json_feed_twin(name, route):
    """The twin serves the same feed class, in JSON, at ``feed.json`` beside the Atom one."""
    atom = resolve(reverse_feed(name, route)).func
    path = reverse_feed(json_twin(name), route)
    assert path.endswith("/feed.json")
    assert path.rsplit("/", 1)[0] == reverse_feed(name, route).rsplit("/", 1)[0]
    view = resolve(path).func
    assert type(view) is type(atom) and view.format == "json"


def test_the_resolver_lists_every_kind_of_feed():
    assert len(atom_routes()) == len(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_json_feed_is_valid_and_carries_the_atom_feeds_items(client, world, kind):
    document = fetch_json_feed(client, feed_url(kind, "json", SLUGS.get(kind)))
    atom = feedparser.parse(client.get(feed_url(kind, "atom", SLUGS.get(kind))).content)
    assert document["feed_url"] == SITE + feed_url(kind, "json", SLUGS.get(kind))
    assert document["home_page_url"] == atom.feed.link
    assert document["title"] == atom.feed.title
    assert document["description"] == atom.feed.subtitle
    items = document["items"]
    assert [i["id"] for i in items] == [e.id for e in atom.entries]
    assert [i["url"] for i in items] == [e.link for e in atom.entries]
    assert [i["title"] for i in items] == [e.title for e in atom.entries]
    assert [i.get("tags", []) for i in items] == [
        [t.term for t in e.get("tags", [])] for e in atom.entries
    ]
    published = [dt.datetime.fromisoformat(i["date_published"]) for i in items]
    assert published == sorted(published, reverse=True)
    assert [p.utctimetuple()[:6] for p in published] == [
        e.published_parsed[:6] for e in atom.entries
    ]
    assert {"Draft words", "Scheduled words"}.isdisjoint(i["title"] for i in items)
    for item in items:
        assert ABSOLUTE.match(item["url"]), item["url"]


def test_json_feed_item_has_permalink_dates_author_sources_and_corrections(client, world):
    document = fetch_json_feed(client, feed_url("briefing", "json", "blinken"))
    late, early = world["late"], world["early"]
    late.refresh_from_db()
    first, second = document["items"]
    assert first["id"] == first["url"] == SITE + late.get_absolute_url()
    assert dt.datetime.fromisoformat(first["date_published"]) == T0
    assert dt.datetime.fromisoformat(first["date_modified"]) == late.updated_at
    assert first["title"] == "Aid pledged"
    assert "<em>now</em>" in first["content_html"]
    assert "<p>(NBC News; see also Reuters)</p>" in first["content_html"]
    assert first["tags"] == ["diplomacy"]
    assert second["url"] == SITE + early.get_absolute_url()
    assert (
        "<strong>Correction, 14 Nov 2024 10:02 GMT:</strong> An earlier version misnamed the city."
    ) in second["content_html"]


def test_json_feed_names_the_byline_as_author(client):
    briefing = BriefingFactory(slug="signed", byline="Desk")
    UpdateFactory(briefing=briefing, byline="Ann Reporter", posted_at=T0)
    UpdateFactory(briefing=briefing, byline="", posted_at=T0 - dt.timedelta(hours=1))
    document = fetch_json_feed(client, feed_url("briefing", "json", "signed"))
    assert [i["authors"] for i in document["items"]] == [
        [{"name": "Ann Reporter"}],
        [{"name": "Desk"}],
    ]


def test_json_feed_keeps_drafts_and_scheduled_updates_out_until_they_are_due(client, world):
    url = feed_url("site", "json")
    titles = {i["title"] for i in fetch_json_feed(client, url)["items"]}
    assert not {"Draft words", "Scheduled words"} & titles
    Update.objects.filter(headline="Draft words").update(status=Status.PUBLISHED)
    Update.objects.filter(headline="Scheduled words").update(publish_at=timezone.now())
    titles = {i["title"] for i in fetch_json_feed(client, url)["items"]}
    assert {"Draft words", "Scheduled words"} <= titles


def test_json_feed_holds_the_latest_fifty_updates(client):
    briefing = BriefingFactory(slug="busy")
    for i in range(52):
        UpdateFactory(briefing=briefing, headline=f"Update {i}", posted_at=T0 + dt.timedelta(i))
    items = fetch_json_feed(client, feed_url("briefing", "json", "busy"))["items"]
    assert [items[0]["title"], items[-1]["title"], len(items)] == ["Update 51", "Update 2", 50]


def test_json_feed_links_follow_the_request_when_no_site_url_is_set(client, world, settings):
    settings.NEWSROOM_SITE_URL = ""
    document = fetch_json_feed(client, feed_url("site", "json"))
    assert document["feed_url"] == "http://testserver/feeds/feed.json"
    assert document["items"][0]["url"] == "http://testserver" + world["late"].get_absolute_url()


@pytest.mark.parametrize(
    "kind,slug",
    HIDDEN_FEEDS,
)
def test_json_feeds_of_what_readers_cannot_see_answer_404(client, kind, slug):
    BriefingFactory(slug="draft", status=Status.DRAFT)
    BriefingFactory(slug="scheduled", published_at=timezone.now() + dt.timedelta(days=1))
    UpdateFactory(status=Status.DRAFT).tags.add("on-drafts-only")
    ActorFactory(slug="proposed", is_reviewed=False)
    SourceFactory(slug="proposed", is_reviewed=False)
    assert client.get(feed_url(kind, "json", slug)).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_json_feed_query_count_is_the_same_for_1_and_50_updates(
    client, django_assert_num_queries, kind
):
    slugs = _fill(1)
    expected = _count_queries(client, feed_url(kind, "json", slugs.get(kind)))
    for model in (Update, Briefing, Source, Actor):
        model.objects.all().delete()
    slugs = _fill(50)
    with django_assert_num_queries(expected):
        response = client.get(feed_url(kind, "json", slugs.get(kind)))
    assert len(response.json()["items"]) == 50
    # + one each for the updates' embedded posts (embeds/) and photos (images/).
    assert expected <= 7 + 2, f"the {kind} JSON feed takes {expected} queries"


class Alternates(HTMLParser):
    """The feeds a page announces in its head, {type: [(title, href)]}, and the footer's
    feed links."""

    def __init__(self):
        super().__init__()
        self.announced: dict[str, list[tuple[str, str]]] = {}
        self.footer_links: list[tuple[str, str]] = []
        self._in_footer = False
        self._href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate":
            self.announced.setdefault(attrs["type"], []).append((attrs["title"], attrs["href"]))
        if tag == "p" and "site-footer__feeds" in (attrs.get("class") or ""):
            self._in_footer = True
        if tag == "a" and self._in_footer:
            self._href = attrs["href"]

    def handle_data(self, data):
        if self._href:
            self.footer_links.append((data, self._href))
            self._href = None

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_footer = False


@pytest.mark.parametrize(
    "page",
    [
        "/",
        "/briefings/blinken/",
        None,  # an update's permalink offers its briefing's feed
        "/tags/diplomacy/",
        "/actors/antony-blinken/",
        "/sources/reuters/",
    ],
)
def test_every_page_announcing_an_atom_feed_announces_and_links_its_json_feed(client, world, page):
    page = page or world["late"].get_absolute_url()
    parser = Alternates()
    parser.feed(client.get(page).content.decode())
    atom = parser.announced["application/atom+xml"]
    assert atom, page
    expected = [(title.replace("(Atom)", "(JSON Feed)"), twin_path(href)) for title, href in atom]
    assert parser.announced["application/feed+json"] == expected
    footer_json = [href for text, href in parser.footer_links if text == "JSON Feed"]
    assert footer_json == [href for _, href in expected]


def twin_path(atom_path: str) -> str:
    """The JSON Feed twin of an Atom feed's path, through the resolver."""
    match = resolve(atom_path)
    return reverse(json_twin(match.view_name), kwargs=match.kwargs)
