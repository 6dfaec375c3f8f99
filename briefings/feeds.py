"""Atom, RSS and JSON feeds of published updates: the whole site, and each briefing, tag,
actor and source.

One base class does the work; each subclass names its object and narrows ``items()``. Every
feed exists in the three formats, at ``…/updates.atom``, ``…/updates.rss`` and ``…/feed.json``
(see urls.py; not ``updates.json``, which is the update stream's JSON at the site's root): an
instance serves one format, ``UpdatesFeed("atom")``.
"""

import json
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed

from .models import (
    Actor,
    Briefing,
    Citation,
    Mention,
    Source,
    Update,
    newest_update_id,
    taggings_of,
    tags_in_use,
    zone_label,
)
from .structured_data import absolute_url, update_title

ITEMS_PER_FEED = 50


class JSONFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written from what the Atom and
    RSS generators receive, so that the three formats carry the same items.

    The item's description, rendered from ``description_template``, is its ``content_html``:
    the sanitized body with its sources line and corrections, as in the other formats.
    """

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def write(self, outfile, encoding):
        # ensure_ascii keeps the document to ASCII whatever the encoding asked for: the
        # same bytes on every server, and no raw U+2028 for a careless JavaScript reader.
        outfile.write(json.dumps(self.document(), indent=1))

    def document(self) -> dict:
        feed = self.feed
        document = {
            "version": self.version,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "items": [self.item(item) for item in self.items],
        }
        # JSON Feed has no null: a member without a value is left out.
        return {key: value for key, value in document.items() if value is not None}

    def item(self, item: dict) -> dict:
        result = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item["description"],
            "date_published": item["pubdate"] and item["pubdate"].isoformat(),
            "date_modified": item["updateddate"] and item["updateddate"].isoformat(),
            "authors": [{"name": item["author_name"]}] if item["author_name"] else None,
            "tags": list(item["categories"]) or None,
            "image": item["enclosures"][0].url if item["enclosures"] else None,
            "attachments": [
                {"url": e.url, "mime_type": e.mime_type, "size_in_bytes": int(e.length)}
                for e in item["enclosures"]
            ]
            or None,
        }
        # Members without a value are left out; content_html is required, even empty.
        return {k: v for k, v in result.items() if v or k == "content_html"}


FORMATS = {"atom": Atom1Feed, "rss": Rss201rev2Feed, "json": JSONFeed}


class UpdatesFeed(Feed):
    """The latest published updates, newest first.

    Links are absolute from NEWSROOM_SITE_URL when it is set; otherwise Django's syndication
    view completes the paths with the request's host.
    """

    description_template = "briefings/feeds/update_description.html"
    # The URL name of the feed, without its format: "briefings:briefing_feed" names
    # "briefings:briefing_feed_atom", "…_rss" and "…_json" in urls.py.
    url_name = "briefings:site_feed"

    def __init__(self, format: str):
        self.format = format
        self.feed_type = FORMATS[format]

    def get_object(self, request, slug=None):
        return None

    def updates(self, obj):
        # Walked newest first on the index of posting times, each update's briefing checked
        # by its key: the 50 newest without sorting every published update.
        return Update.objects.published_in_order()

    def items(self, obj):
        return self.updates(obj).for_display().newest_first()[:ITEMS_PER_FEED]

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME}: latest updates"

    def description(self, obj):
        return f"The latest updates from every briefing on {settings.NEWSROOM_SITE_NAME}."

    # The Atom format calls the description a subtitle.
    def subtitle(self, obj):
        return self.description(obj)

    def page_url(self, obj):
        return reverse("briefings:home")

    def link(self, obj):
        return absolute_url(self.page_url(obj))

    def feed_url(self, obj):
        args = [obj.slug] if obj is not None else []
        return absolute_url(reverse(f"{self.url_name}_{self.format}", args=args))

    def item_title(self, item):
        return update_title(item)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.posted_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or item.briefing.byline or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        """The update's images (``Update.gallery``, prefetched), their stored files: metadata
        stripped, with their exact size in bytes."""
        return [
            Enclosure(
                absolute_url(i.image.file.url)
                if "://" not in i.image.file.url
                else i.image.file.url,
                str(i.image.file_size or 0),
                "image/png" if i.image.file.name.endswith(".png") else "image/jpeg",
            )
            for i in item.gallery.all()
            if i.image.file
        ]

    def get_context_data(self, **kwargs):
        """The description's context: the update, its citations and dated corrections."""
        context = super().get_context_data(**kwargs)
        update = kwargs["item"]
        context["primary"], context["see_also"] = update.cited()
        context["corrections"] = [
            (correction_stamp(c.published_at, update.briefing.time_zone), c.text)
            for c in update.corrections.all()
        ]
        return context


def correction_stamp(moment: datetime, time_zone: str) -> str:
    """ "14 Nov 2024 10:02 GMT": when a correction was made, in its briefing's zone."""
    local = moment.astimezone(zoneinfo.ZoneInfo(time_zone))
    return f"{local.day} {local:%b %Y %H:%M} {zone_label(moment, time_zone)}"


class BriefingUpdatesFeed(UpdatesFeed):
    url_name = "briefings:briefing_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Briefing.objects.published(), slug=slug)

    def updates(self, obj):
        return Update.objects.published().filter(briefing=obj)

    def title(self, obj):
        return obj.title

    def description(self, obj):
        return obj.standfirst or f"Updates in “{obj.title}”."

    def page_url(self, obj):
        return obj.get_absolute_url()


class TagUpdatesFeed(UpdatesFeed):
    url_name = "briefings:tag_feed"

    def get_object(self, request, slug):
        # Tags on nothing published have no page and no feed, as on the site.
        return get_object_or_404(
            tags_in_use().annotate(count=F("update_count"), newest_update_id=newest_update_id()),
            slug=slug,
        )

    def updates(self, obj):
        taggings = taggings_of(Update).filter(tag=obj)
        return referred_to_by(obj, taggings, "object_id")

    def title(self, obj):
        return f"#{obj.name} · {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj):
        return f"Updates on the topic “{obj.name}”."

    def page_url(self, obj):
        return reverse("briefings:tag", args=[obj.slug])


class ActorUpdatesFeed(UpdatesFeed):
    url_name = "briefings:actor_feed"

    def get_object(self, request, slug):
        return get_object_or_404(
            Actor.objects.public().annotate(
                count=F("mention_count"), newest_update_id=newest_update_id()
            ),
            slug=slug,
        )

    def updates(self, obj):
        return referred_to_by(obj, Mention.objects.filter(actor=obj), "update")

    def title(self, obj):
        return f"{obj.name} · {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj):
        return f"Updates about {obj.name}."

    def page_url(self, obj):
        return obj.get_absolute_url()


class SourceUpdatesFeed(UpdatesFeed):
    url_name = "briefings:source_feed"

    def get_object(self, request, slug):
        return get_object_or_404(
            Source.objects.public().annotate(
                count=F("citation_count"), newest_update_id=newest_update_id()
            ),
            slug=slug,
        )

    def updates(self, obj):
        return referred_to_by(obj, Citation.objects.filter(source=obj), "update")

    def title(self, obj):
        return f"Citing {obj.name} · {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj):
        return f"Updates citing {obj.name}."

    def page_url(self, obj):
        return obj.get_absolute_url()


def referred_to_by(entry, rows, key: str):
    """The published updates ``rows`` refer to, found the cheaper way for the entry's stored
    count (``UpdateQuerySet.referred_to_by``): the newest 50 of an actor named in a quarter
    of everything without reading all its mentions. ``entry`` is annotated with ``count``
    and ``newest_update_id``; its count may lag a scheduled update come due (nothing here
    settles the counts), which changes only the way chosen, not what is found."""
    return Update.objects.published_in_order().referred_to_by(
        rows, key, entry.count, ITEMS_PER_FEED, entry.newest_update_id, newest_only=True
    )


def feeds_for(url_name: str, slug: str | None = None) -> list[dict]:
    """The feeds a page offers, its own first: ``[{"title", "atom", "rss", "json", "email"}]``.

    ``url_name`` is the page's URL name ("briefing", "update", "actor" …); an update's page
    offers its briefing's feed. ``email`` is the page where readers subscribe to the same by
    email (alerts/), or None where there is none: a briefing's key events, a topic, and the
    daily digest beside the site's feed.
    """
    own = {
        "briefing": ("briefing_feed", "This briefing", "alerts:subscribe_briefing"),
        "update": ("briefing_feed", "This briefing", "alerts:subscribe_briefing"),
        "tag": ("tag_feed", "This topic", "alerts:subscribe_tag"),
        "actor": ("actor_feed", "This actor", None),
        "source": ("source_feed", "This source", None),
    }
    feeds = []
    if url_name in own and slug:
        name, title, email = own[url_name]
        feeds.append(_feed_links(title, name, email, [slug]))
    feeds.append(_feed_links("All updates", "site_feed", "alerts:subscribe", []))
    return feeds


def _feed_links(title: str, name: str, email: str | None, args: list) -> dict:
    return {
        "title": title,
        **{format: reverse(f"briefings:{name}_{format}", args=args) for format in FORMATS},
        "email": reverse(email, args=args) if email else None,
    }
