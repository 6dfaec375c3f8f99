"""Script injection: hostile text in everything an editor or the importer can set renders as
text, on every public surface. Checked by parsing what the server sends; the browser test in
tests/browser/test_injection.py checks that no script runs in Chromium."""

import datetime as dt
import json
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.models import Status

from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    MentionFactory,
    QuoteFactory,
    SourceFactory,
    UpdateFactory,
)

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
        ours = tag == "form" and attrs.get("action", "").startswith("/")
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


@pytest.fixture
def hostile(db):
    """One of everything, each text field holding a payload."""
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
    return urls


def test_no_executable_markup_on_any_public_surface(client, hostile):
    for url in public_urls(hostile):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            data = response.json()
            fragments = [u["html"] for u in data.get("updates", []) if "html" in u]
            for fragment in fragments:
                assert problems_in(fragment) == [], (url, fragment)
            continue
        if "xml" in response["Content-Type"]:
            assert "<script" not in body.replace("&lt;script", ""), url
            continue
        assert problems_in(body) == [], url


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
