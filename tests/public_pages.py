"""Every public page type, filled with the demo content: what the accessibility and HTML
validity tests visit.

The demo is the seed documents (``fixtures/``) plus one briefing that is live now and carries
everything the seeds lack: tags, a pinned update, a key event, a correction, a cited link.
"""

import datetime as dt
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from briefings.models import Actor, Briefing, Source, Update

from .factories import (
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    EmbedFactory,
    MentionFactory,
    UpdateFactory,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NOT_FOUND_PATH = "/no-such-page/"

# Routes without arguments that are not HTML pages for readers.
# "docs": the API's Swagger UI, third-party markup for developers (test_api_docs.py).
NOT_PAGES = {"healthz", "subscribe", "subscribe_sent", "docs"}
# (The email subscription pages, alerts/, set a CSRF cookie and are never cached on purpose:
# the pages that link to them stay cacheable because the form is not on them.)


def build_demo_content() -> dict[str, str]:
    """Import the seeds, add a live briefing, and return {page type: path} for every public
    page type, the 404 page included (it is the one page whose status is not 200)."""
    call_command("import_briefings", "--publish", str(FIXTURES), stdout=StringIO())
    now = timezone.now()
    live = BriefingFactory(
        title="Talks in Geneva",
        standfirst="Envoys meet for a second day.",
        coverage_start=now - dt.timedelta(hours=3),
        time_zone="Europe/Kyiv",
    )
    live.tags.add("Diplomacy", "Ukraine")
    UpdateFactory(
        briefing=live,
        posted_at=now - dt.timedelta(hours=3),
        body="Envoys arrived in Geneva.",
        is_original_entry=True,
    )
    key = UpdateFactory(
        briefing=live,
        posted_at=now - dt.timedelta(hours=1),
        headline="Ceasefire terms published",
        body="The draft has **twelve** points. [Full text](https://example.org/terms).",
        is_key_event=True,
    )
    key.tags.add("Diplomacy")
    pinned = UpdateFactory(
        briefing=live,
        posted_at=now - dt.timedelta(minutes=30),
        body="> We will see.",
        is_pinned=True,
    )
    CorrectionFactory(update=pinned, published_at=now - dt.timedelta(minutes=10))
    source = Source.objects.public().filter(citations__isnull=False)[0]
    CitationFactory(update=key, source=source, role="primary", url="https://example.org/a")
    MentionFactory(update=key, actor=Actor.objects.public().first())
    # Embedded posts and videos (embeds/): a video's card and a post's, with its words.
    EmbedFactory(update=key, url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", title="Talks")
    EmbedFactory(update=key, url="https://x.com/newsroom/status/1856000000000000000")
    # Pictures (images/): a lead image and a photo with its caption and credit.
    from images.models import LeadImage, UpdateImage

    from .images_helpers import drawn, encoded, stored_image

    photo = stored_image(
        encoded(drawn((1200, 800)), "JPEG"),
        alt_text="Two delegations at a long table",
        caption="The second day of talks.",
        credit="Illustration: Newsroom tests",
    )
    UpdateImage.objects.create(update=key, image=photo)
    LeadImage.objects.create(briefing=live, image=stored_image(alt_text="A conference hall"))

    published = Briefing.objects.published()
    update = Update.objects.published().filter(briefing=live, is_key_event=True).get()
    pages = {
        "home": reverse("briefings:home"),
        "briefing list": reverse("briefings:briefing_list"),
        "live briefing": live.get_absolute_url(),
        "live log (ended)": published.filter(kind=Briefing.Kind.LIVE).exclude(pk=live.pk)[0],
        "digest briefing": published.filter(kind=Briefing.Kind.DIGEST)[0],
        "article briefing": published.filter(kind=Briefing.Kind.ARTICLE)[0],
        "update permalink": update.get_absolute_url(),
        "actor list": reverse("briefings:actor_list"),
        "actor detail": Actor.objects.public().filter(mentions__isnull=False)[0],
        "source list": reverse("briefings:source_list"),
        "source detail": source,
        "tag list": reverse("briefings:tag_list"),
        "tag detail": reverse("briefings:tag", args=["diplomacy"]),
        "not found": NOT_FOUND_PATH,
    }
    pages = {
        name: page if isinstance(page, str) else page.get_absolute_url()
        for name, page in pages.items()
    }
    pages.update(other_pages(set(pages.values())))
    return pages


def other_pages(known: set[str]) -> dict[str, str]:
    """Public pages added since this list was written: every route of the site without
    arguments that answers HTML, so a new listing (``/updates/``, ``/search/``) is checked
    without anyone remembering to add it here."""
    client = Client()
    found = {}
    for pattern in get_resolver().url_patterns:
        for route in getattr(pattern, "url_patterns", [pattern]):
            if not isinstance(route, URLPattern) or not route.name or route.name in NOT_PAGES:
                continue
            if route.pattern.regex.groups:
                continue
            namespace = getattr(pattern, "namespace", None)
            name = f"{namespace}:{route.name}" if namespace else route.name
            if namespace == "admin":
                continue
            path = reverse(name) + ("?q=blinken" if "search" in route.name else "")
            if path in known:
                continue
            response = client.get(path)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                found[route.name.replace("_", " ")] = path
    return found
