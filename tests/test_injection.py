"""Script injection: hostile text in everything an editor or the importer can set renders as
text, on every public surface. Checked by parsing what the server sends; the browser test in
tests/browser/test_injection.py checks that no script runs in Chromium."""

import datetime as dt
import json
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db.models import CharField, TextField, URLField
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import SlugConverter
from django.utils import timezone

from briefings.models import Status
from embeds.models import Embed

from .api_schema import detail_paths, fetch_spec, fill, list_path_of, list_paths
from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    EmbedFactory,
    MentionFactory,
    QuoteFactory,
    SourceFactory,
    UpdateFactory,
)
from .images_helpers import hostile_images, text_fields

PAYLOADS = [
    "<script>window.xss=1</script>",
    '<img src=x onerror="window.xss=1">',
    '<svg onload="window.xss=1"><circle r=1></circle></svg>',
    '<a href="javascript:window.xss=1">click</a>',
    '<a href="JaVaScRiPt:window.xss=1">click</a>',
    '<a href="data:text/html,<script>window.xss=1</script>">data</a>',
    '<iframe src="javascript:window.xss=1"></iframe>',
    '<div style="background:url(javascript:window.xss=1)">css</div>',
    "<style>body{background:url('javascript:window.xss=1')}</style>",
    '<noscript><p title="</noscript><img src=x onerror=window.xss=1>">',
    "<svg><style><img src=x onerror=window.xss=1></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.xss=1>",
    '"><script>window.xss=1</script>',
    "</script><script>window.xss=1</script>",
    "[click](javascript:window.xss=1)",
    "![x](javascript:window.xss=1)",
    "[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cueHNzPTE8L3NjcmlwdD4=)",
    "<object data=javascript:window.xss=1></object><embed src=javascript:window.xss=1>",
    "<form action=javascript:window.xss=1><button>go</button></form>",
    "\u202egnp.exe\u202c <b onmouseover=window.xss=1>x</b>",
    "{{ 7|add:7 }} {% now 'Y' %}",
]


class Markup(HTMLParser):
    """Everything in a page that could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # Our forms name a path on this site, or post back to their own page (the
        # subscribe forms, alerts/): no payload's form is either.
        ours = tag == "form" and (
            (attrs.get("action") or "").startswith("/")
            or ("action" not in attrs and (attrs.get("method") or "").lower() == "post")
        )
        # The widget's <base target="_top"> (links open on the partner's page) moves no URL.
        ours = ours or (tag == "base" and set(attrs) == {"target"})
        if (
            tag in {"iframe", "object", "embed", "svg", "math", "style", "form", "base"}
            and not ours
        ):
            self.problems.append(f"<{tag}>")
        if tag == "script":
            kind = attrs.get("type", "")
            src = attrs.get("src", "")
            if kind == "application/ld+json":
                self._script = ""
            elif not src.startswith("/static/"):
                self.problems.append(f"<script {attrs}>")
        for name, value in attrs.items():
            value = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
            if name in {"href", "src", "action", "formaction", "data", "xlink:href"} and (
                value.startswith(("javascript:", "data:", "vbscript:"))
            ):
                self.problems.append(f"<{tag} {name}={value[:30]}>")

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            json.loads(self._script)  # JSON-LD stays JSON: nothing broke out of it
            self._script = None


def problems_in(html: str) -> list[str]:
    parser = Markup()
    parser.feed(html)
    return parser.problems


def test_the_checker_catches_what_it_should():
    assert problems_in('<p onclick="x()">') == ["<p onclick=…>"]
    assert problems_in('<a href=" JavaScript:x()">') == ["<a href=javascript:x()>"]
    assert problems_in("<script>x()</script>") == ["<script {}>"]
    assert problems_in('<script src="/static/briefings/site.js"></script>') == []
    assert problems_in('<form method="post"><form action="/search/">') == []
    assert problems_in("<form><form action=javascript:x()>") == [
        "<form>",
        "<form>",
        "<form action=javascript:x()>",
    ]
    assert problems_in('<base target="_top"><base href="//elsewhere">') == ["<base>"]


@pytest.fixture
def hostile(db, settings):
    """One of everything, each text field holding a payload."""
    # The battery reads the API hundreds of times from one address.
    settings.NEWSROOM_API_ANON_RATE = "100000/min"
    cache.clear()
    objects = []
    for n, payload in enumerate(PAYLOADS):
        actor = ActorFactory(
            name=f"Actor {n} {payload}", aliases=[payload], title=payload, description=payload
        )
        source = SourceFactory(name=f"Source {n} {payload}", aliases=[payload], description=payload)
        briefing = BriefingFactory(
            title=f"Briefing {n} {payload}",
            standfirst=payload,
            byline=payload,
            credit=payload,
            previous_title=payload,
            coverage_start=timezone.now() - dt.timedelta(hours=1),
        )
        briefing.tags.add(f"tag {n} {payload}"[:90])
        update = UpdateFactory(
            briefing=briefing,
            headline=payload,
            body=f"{payload}\n\n{payload}",
            byline=payload,
            section=payload,
            credit=payload,
            is_key_event=True,
        )
        update.tags.add(f"utag {n} {payload}"[:90])
        CitationFactory(update=update, source=source, url="https://example.org/a")
        MentionFactory(update=update, actor=actor, surface=payload)
        QuoteFactory(update=update, actor=actor, text=payload)
        CorrectionFactory(update=update, text=payload)
        # Every text field of an embedded post's card (embeds.Embed), read from the model.
        card = {
            f.name: payload
            for f in Embed._meta.concrete_fields
            if f.editable and isinstance(f, CharField | TextField) and not isinstance(f, URLField)
        }
        EmbedFactory(update=update, url=f"https://x.com/a/status/{n + 1}", **card)
        # Every text field of an image (images.Image), in the gallery and as the lead image.
        hostile_images(briefing, update, payload)
        objects.append((briefing, update, actor, source))
    return objects


def public_urls(objects):
    urls = [
        reverse("briefings:home"),
        reverse("briefings:briefing_list"),
        reverse("briefings:update_list"),
        reverse("briefings:actor_list"),
        reverse("briefings:source_list"),
        reverse("briefings:tag_list"),
        "/feeds/updates.atom",
        "/feeds/updates.rss",
        "/sitemap.xml",
        "/search/?q=window",
        "/updates.json",
        "/no-such-page/<script>window.xss=1</script>",
    ]
    for briefing, update, actor, source in objects:
        urls += [
            briefing.get_absolute_url(),
            update.get_absolute_url(),
            actor.get_absolute_url(),
            source.get_absolute_url(),
            reverse("briefings:live", args=[briefing.slug]) + "?after=0",
            f"{briefing.get_absolute_url()}updates.atom",
            f"{actor.get_absolute_url()}updates.rss",
        ]
        for tag in update.tags.all():
            urls.append(reverse("briefings:tag", args=[tag.slug]))
    return list(dict.fromkeys(urls + routed_urls(objects) + api_urls()))


def slug_routes() -> list[tuple[str, str]]:
    """Every route outside the admin whose one parameter is a slug, as (URL name, parameter),
    from the URL resolver: the widget, the JSON Feeds and the subscribe pages among them."""
    found = []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace != "admin":
                    walk(entry.url_patterns, entry.namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                converters = list(entry.pattern.converters.items())
                if len(converters) == 1 and isinstance(converters[0][1], SlugConverter):
                    name = f"{namespace}:{entry.name}" if namespace else entry.name
                    found.append((name, converters[0][0]))

    walk(get_resolver().url_patterns, None)
    return found


def routed_urls(objects) -> list[str]:
    """Each slug route filled with every hostile object of the kind it serves; the kind is the
    one whose first object's slug the route answers 200 for."""
    client = Client()
    slugs = {
        "briefing": [briefing.slug for briefing, *_ in objects],
        "actor": [actor.slug for *_, actor, _ in objects],
        "source": [source.slug for *_, source in objects],
        "tag": sorted(
            {tag.slug for briefing, update, *_ in objects for tag in update.tags.all()}
            | {tag.slug for briefing, *_ in objects for tag in briefing.tags.all()}
        ),
    }
    urls = []
    for name, parameter in slug_routes():
        for values in slugs.values():
            if client.get(reverse(name, kwargs={parameter: values[0]})).status_code == 200:
                urls += [reverse(name, kwargs={parameter: value}) for value in values]
                break
        else:
            raise AssertionError(f"{name} answers none of the hostile objects")
    return urls


def api_urls() -> list[str]:
    """Every operation of /api/v1/openapi.json: each list (100 a page), and each detail
    filled with every item of its list."""
    client = Client()
    spec = fetch_spec(client)
    urls = [*list_paths(spec)]
    for detail in detail_paths(spec):
        listed = client.get(list_path_of(detail), {"page_size": 100}).json()["results"]
        urls += [fill(detail, item) for item in listed]
    return [url if "?" in url else f"{url}?page_size=100" for url in urls]


def html_in(data, key="") -> list[str]:
    """Every string of a JSON document held under a key naming HTML (``html``,
    ``body_html``, ``content_html``)."""
    if isinstance(data, dict):
        return [html for k, v in data.items() for html in html_in(v, k)]
    if isinstance(data, list):
        return [html for v in data for html in html_in(v, key)]
    return [data] if isinstance(data, str) and key.endswith("html") else []


def test_no_executable_markup_on_any_public_surface(client, hostile):
    for url in public_urls(hostile):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.content.decode()
        if "json" in response["Content-Type"].split(";")[0]:
            # JSON (the API, the JSON Feeds, live.json): never sniffed as a page, and its
            # HTML members are as clean as the pages.
            assert response["X-Content-Type-Options"] == "nosniff", url
            data = json.loads(body)
            for fragment in html_in(data):
                assert problems_in(fragment) == [], (url, fragment)
            continue
        if "xml" in response["Content-Type"]:
            assert "<script" not in body.replace("&lt;script", ""), url
            continue
        assert problems_in(body) == [], url


def test_the_battery_reaches_the_api_the_widget_and_the_json_feeds(hostile):
    urls = public_urls(hostile)
    briefing, update, actor, source = hostile[0]
    assert reverse("briefings:embed", args=[briefing.slug]) in urls
    assert reverse("briefings:briefing_feed_json", args=[briefing.slug]) in urls
    assert reverse("briefings:actor_feed_json", args=[actor.slug]) in urls
    assert reverse("api:update", args=[update.pk]) + "?page_size=100" in urls
    assert reverse("api:source", args=[source.slug]) + "?page_size=100" in urls


def test_the_battery_reaches_every_text_field_of_an_image(client, hostile):
    """The image's words are on the page, as text, in the figure and the link preview."""
    from images.models import Image

    assert {"alt_text", "caption", "credit", "rights"} <= set(text_fields(Image))
    briefing = hostile[0][0]
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert html.count("<picture>") == 2 and 'property="og:image:alt"' in html
    image = Image.objects.get(as_lead__briefing=briefing)
    assert image.caption == "window.xss=1"  # tags are removed on save, as in briefings
    assert '<span class="figure__caption">window.xss=1</span>' in html
    assert 'alt="Alt window.xss=1"' in html


def test_html_in_json_finds_every_html_member():
    document = {"items": [{"content_html": "<b>", "title": "<i>"}], "a": {"body_html": "<u>"}}
    assert sorted(html_in(document)) == ["<b>", "<u>"]


def test_template_syntax_in_content_is_text(client, hostile):
    briefing = hostile[-1][0]
    body = client.get(briefing.get_absolute_url()).content.decode()
    assert "{{ 7|add:7 }} {% now &#x27;Y&#x27; %}" in body


def test_bidirectional_overrides_cannot_reorder_the_page(client, hostile):
    briefing = hostile[-2][0]
    body = client.get(briefing.get_absolute_url()).content.decode()
    assert "\u202e" not in body


def test_drafts_with_payloads_are_not_rendered_either(client, db):
    draft = UpdateFactory(status=Status.DRAFT, headline=PAYLOADS[0])
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_embed_snippet_in_the_admin_is_text_to_copy(admin_client, hostile):
    """The briefing's change page shows the widget's code escaped, payload title and all:
    no iframe or script of it runs in the admin."""
    for briefing, *_ in hostile[:3]:
        url = reverse("admin:briefings_briefing_change", args=[briefing.pk])
        html = admin_client.get(url).content.decode()
        snippet = html[html.index("Widget code") :]
        snippet = snippet[: snippet.index("</pre>")]
        assert "&lt;iframe src=&quot;" in snippet, url
        assert reverse("briefings:embed", args=[briefing.slug]) in snippet
        assert "<iframe" not in html and "<script>window" not in html
    assert (
        "Widget code"
        not in admin_client.get(reverse("admin:briefings_briefing_add")).content.decode()
    )
