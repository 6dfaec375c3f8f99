"""What search engines and link previews read: absolute URLs and schema.org JSON-LD.

The JSON-LD follows schema.org's LiveBlogPosting, BlogPosting and NewsArticle types, as
Google's "Article" and "Live blog" structured data documentation describes them. The data is
built here as plain dicts, so it is tested without a template, and ``json_ld()`` turns it into
a ``<script>`` that no text inside can end early.
"""

import json
from datetime import datetime
from html import unescape
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .models import Briefing, Correction, Update, remove_tags

SCHEMA_ORG = "https://schema.org"

# What django.utils.html.json_script escapes: inside <script>, "</script>" or "<!--" in a
# string would end the element or open a comment; JSON allows \u escapes everywhere.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def site_origin() -> str:
    """ "https://news.example.org" from NEWSROOM_SITE_URL, or "" when it is empty."""
    parts = urlsplit(settings.NEWSROOM_SITE_URL)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def absolute_url(path: str, request=None) -> str:
    """``path`` on the public site: NEWSROOM_SITE_URL when it is set, else the request's host.

    Without either, the path is returned as it is (feeds then add the request's domain).
    """
    if origin := site_origin():
        return origin + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def plain_text(html: str) -> str:
    """Rendered HTML as one line of text: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(unescape(strip_tags(html)).split())


def update_title(update: Update, words: int = 12) -> str:
    """The headline, or the first words of the body for updates that have none: plain text
    for feed readers, some of which render a title as HTML. Headlines lose tags on save; a
    body may show "<script>" as text, which as a title would be markup again, so tags are
    removed from the words taken from it too."""
    if update.headline:
        return update.headline
    return Truncator(remove_tags(plain_text(update.body_html))).words(words, truncate="…")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _publisher() -> dict:
    return {"@type": "NewsMediaOrganization", "name": settings.NEWSROOM_SITE_NAME}


def correction_data(correction: Correction) -> dict:
    return {
        "@type": "CorrectionComment",
        "text": correction.text,
        "datePublished": _iso(correction.published_at),
    }


def image_data(image, request=None) -> dict | None:
    """An image (images.Image, reached through ``Update.gallery`` and ``Briefing.lead_image``
    by name: this app imports nothing of that one) as an ImageObject, or None for a slot."""
    rendition = image.share_rendition() if image.file else None
    if rendition is None:
        return None
    url = rendition.url if "://" in rendition.url else absolute_url(rendition.url, request)
    data = {"@type": "ImageObject", "url": url, "contentUrl": url}
    data.update(width=rendition.width, height=rendition.height)
    if image.caption or image.alt:
        data["caption"] = image.caption or image.alt
    if image.credit:
        data["creditText"] = image.credit
    return data


def gallery_data(update: Update, request=None) -> list[dict]:
    """The update's images (prefetched by ``for_display()``) as ImageObjects."""
    return [d for item in update.gallery.all() if (d := image_data(item.image, request))]


def update_data(update: Update, *, url: str, context: bool = False) -> dict:
    """An update as a BlogPosting (in a live log) or a NewsArticle (in a digest or article).

    ``update`` comes from ``for_display()``: its corrections are prefetched.
    """
    data = {
        "@type": "BlogPosting" if update.briefing.kind == Briefing.Kind.LIVE else "NewsArticle",
        "headline": update_title(update),
        "datePublished": _iso(update.posted_at),
        "dateModified": _iso(max(update.posted_at, update.updated_at)),
        "url": url,
        "articleBody": plain_text(update.body_html),
    }
    if byline := update.byline or update.briefing.byline:
        data["author"] = {"@type": "Person", "name": byline}
    if corrections := [correction_data(c) for c in update.corrections.all()]:
        data["correction"] = corrections
    if media := gallery_data(update):
        data["associatedMedia"] = media
        data["image"] = media[0]
    if context:
        data = {"@context": SCHEMA_ORG, **data, "publisher": _publisher()}
    return data


def update_page_data(update: Update, request=None) -> dict:
    """The JSON-LD of an update's own page (its permalink)."""
    url = absolute_url(update.get_absolute_url(), request)
    data = update_data(update, url=url, context=True)
    data["mainEntityOfPage"] = url
    data["isPartOf"] = {
        "@type": "LiveBlogPosting" if update.briefing.kind == Briefing.Kind.LIVE else "NewsArticle",
        "headline": update.briefing.title,
        "url": absolute_url(update.briefing.get_absolute_url(), request),
    }
    return data


def briefing_data(briefing: Briefing, updates, request=None, items=None) -> dict:
    """A live log as a LiveBlogPosting with its ``updates``; other briefings as a NewsArticle.

    ``updates`` are the ones on the page; each links to its anchor on the briefing's page,
    where a reader of the live blog finds it. ``items`` are their ``update_data()``, each
    with its anchor's path as its url, in the same order: kept with the updates' HTML
    (``templatetags/fragments.py``), so that the page's rows need no prefetching; without
    them they are built here from ``updates``, which then come from ``for_display()``.
    """
    updates = list(updates)
    if items is None:
        items = [update_data(u, url=u.get_anchor_url()) for u in updates]
    url = absolute_url(briefing.get_absolute_url(), request)
    modified = max(
        [briefing.updated_at, *(u.updated_at for u in updates)], default=briefing.updated_at
    )
    data = {
        "@context": SCHEMA_ORG,
        "@type": "LiveBlogPosting" if briefing.kind == Briefing.Kind.LIVE else "NewsArticle",
        "headline": briefing.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": _iso(briefing.published_at),
        "dateModified": _iso(modified),
        "publisher": _publisher(),
    }
    if briefing.standfirst:
        data["description"] = briefing.standfirst
    if briefing.byline:
        data["author"] = {"@type": "Person", "name": briefing.byline}
    lead = getattr(briefing, "lead_image", None)  # None when it has none (a reverse one-to-one)
    if lead is not None and (image := image_data(lead.image, request)):
        data["image"] = image
    if briefing.kind == Briefing.Kind.LIVE:
        data["coverageStartTime"] = _iso(briefing.coverage_start or briefing.published_at)
        if briefing.coverage_end:
            data["coverageEndTime"] = _iso(briefing.coverage_end)
        data["liveBlogUpdate"] = [
            {**item, "url": absolute_url(item["url"], request)} for item in items
        ]
    else:
        data["articleBody"] = "\n\n".join(item["articleBody"] for item in items)
    return data


def json_ld(data: dict) -> SafeString:
    """``data`` in a ``<script type="application/ld+json">``, safe whatever its strings hold."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    # Safe: the JSON holds no "<", ">" or "&" any more, so nothing in it can close the script.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
