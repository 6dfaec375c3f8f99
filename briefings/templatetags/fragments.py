"""``{% cached_update %}…{% endcached_update %}``: an update's HTML, rendered once.

An update's rendered HTML depends only on the update and what it shows, so it is kept in
Django's cache under a key made of everything that can change it, and a page is assembled
from the kept pieces: a briefing page of 50 updates renders in a few milliseconds of Python
instead of 35 (bench/bench_http.py, "cold origin cache").

The key holds, read from the prefetched rows (``Update.objects.for_display()``), so making it
asks nothing of the database:

- the update's id, ``version`` and ``updated_at`` — moved by every save of it, and of every
  row shown inside it (citations, mentions, quotes, corrections: ``PartOfUpdate``; images
  and embeds bump them too);
- its briefing's address, title and time zone (links, "in …", every time shown);
- each mentioned actor's and cited source's id and ``updated_at`` (a name, an address or
  "reviewed" changed), and each tag's name and address (tags change with no save);
- today's date in the briefing's zone ("07:24 GMT" today, "13 Nov 2024, 07:24 GMT" after);
- how the page includes it (``heading``, ``show_briefing``, ``bare``, first in its list).

Kept for ``NEWSROOM_FRAGMENT_CACHE_SECONDS`` (a day by default); a changed update gets a new
key, and its old piece simply expires.

A briefing's page asks less (``KeptPage``): it reads its updates' rows alone, with no
prefetching, and keys each piece on what those rows say — the update's id, ``version`` and
``updated_at``, the briefing's address, title, zone, kind and byline — plus the *registry
stamp* (``briefings.models.changes``: replaced whenever an actor or a source is saved or
deleted, so a rename reaches every piece) and the update's tags, read in one query for the
page (tags are added with no save of the update). It takes every piece with one
``cache.get_many`` and prefetches what ``for_display()`` would only for the updates whose
pieces are missing, onto the rows the keys were made of; their tags are the ones that query
read, so a piece always shows the tags of its key (a tag taken off again cannot bring back
the piece that showed it). The stamp is read before the rows shown inside an update, and
replaced again when a change commits: a piece rendered from a name read before the change
is kept under a stamp nobody reads any more. Each update's JSON-LD
(``structured_data.update_data``) is kept too, beside its HTML, so the page's head needs no
prefetched rows either.
"""

import hashlib
from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from taggit.models import Tag

from .. import structured_data
from ..models import Update, taggings_of
from ..models.changes import registry_stamp
from ..prepared import PreparedQuery
from .briefing_tags import day_divider, local_date

register = template.Library()


def _digest(parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def _today(briefing) -> str:
    return timezone.now().astimezone(briefing.zone).date().isoformat()


def placement(heading=None, show_briefing=False, bare=False, first=False) -> tuple:
    """How a page includes an update: the context ``_update.html`` reads besides it."""
    return (heading, bool(show_briefing), bool(bare), bool(first))


def _placement_in(context) -> tuple:
    return placement(
        context.get("heading"),
        context.get("show_briefing"),
        context.get("bare"),
        (context.get("forloop") or {}).get("first"),
    )


def _row_parts(update) -> list:
    """What every key of an update's pieces holds from its own row and its briefing's."""
    briefing = update.briefing
    return [
        update.pk,
        update.version,
        update.updated_at.isoformat() if update.updated_at else "",
        briefing.slug,
        briefing.title,
        briefing.time_zone,
    ]


def fragment_key(update, context) -> str:
    """The key of a piece of an update from ``for_display()``, read from its prefetched rows."""
    parts = [
        *_row_parts(update),
        _today(update.briefing),
        *(f"a{m.actor_id}:{m.actor.updated_at.isoformat()}" for m in update.mentions.all()),
        *(f"s{c.source_id}:{c.source.updated_at.isoformat()}" for c in update.citations.all()),
        *(f"t{t.slug}:{t.name}" for t in update.tags.all()),
        *_placement_in(context),
    ]
    return f"newsroom:update-html:{update.pk}:{_digest(parts)}"


@dataclass
class Kept:
    """What a briefing page knows of one of its updates before the cache (``KeptPage``)."""

    stamp: str  # the registry stamp, read before the rows shown inside the update
    tags: tuple  # its tags as (id, slug, name), in the order taggit gives them
    html: dict = field(default_factory=dict)  # pieces found, by key
    json_ld: dict | None = None  # its update_data(), the anchor's path as its url
    keys: dict = field(default_factory=dict)  # made once a request: by placement

    def base(self, update) -> list:
        """What the update's pieces depend on, from its row alone."""
        briefing = update.briefing
        return [
            *_row_parts(update),
            briefing.kind,
            briefing.byline,
            self.stamp,
            *(f"t{slug}:{name}" for _, slug, name in self.tags),
        ]

    def html_key(self, update, where: tuple) -> str:
        if where not in self.keys:
            parts = [*self.base(update), _today(update.briefing), *where]
            self.keys[where] = f"newsroom:update-html:{update.pk}:{_digest(parts)}"
        return self.keys[where]

    def json_ld_key(self, update) -> str:
        return f"newsroom:update-ld:{update.pk}:{_digest(self.base(update))}"


def _taggings(*update_ids) -> QuerySet:
    return (
        taggings_of(Update)
        .filter(object_id__in=update_ids)
        .order_by("pk")
        .values_list("object_id", "tag_id", "tag__slug", "tag__name")
    )


_prepared_taggings = PreparedQuery(_taggings)


def _tags_by_update(update_ids) -> dict[int, tuple]:
    """Each update's tags as (id, slug, name), in taggit's order (that of the taggings, as
    ``update.tags.all()`` gives them): one query."""
    tags: dict[int, list] = {}
    for object_id, *tag in _prepared_taggings(*update_ids) if update_ids else ():
        tags.setdefault(object_id, []).append(tuple(tag))
    return {pk: tuple(found) for pk, found in tags.items()}


def load_shown_inside(updates) -> None:
    """Prefetch what ``updates`` (rows with ``kept``) show inside them, as ``for_display()``
    would, but their tags: those are the ones their keys were made of, already read."""
    prefetch_related_objects(updates, *Update.objects.shown_inside(tags=False))
    for update in updates:
        tags = update.tags.all()  # a queryset not run: its rows are set here
        tags._result_cache = [
            Tag(pk=pk, slug=slug, name=name) for pk, slug, name in update.kept.tags
        ]
        tags._prefetch_done = True
        update._prefetched_objects_cache["tags"] = tags


class KeptPage:
    """A briefing page's updates, assembled from their kept pieces.

    ``placed`` is every (update, ``placement()``) the page renders, ``listed`` the updates
    whose JSON-LD it shows: rows of ``briefing`` read with no prefetching. They are given
    their pieces (``update.kept``), found with one ``cache.get_many``; those with a piece
    missing get what ``for_display()`` would have given them, to be rendered. Costs one
    query of the updates' tags, and ``for_display()``'s prefetching for the updates with a
    piece missing only.
    """

    def __init__(self, briefing, placed: list[tuple], listed: list):
        rows = {u.pk: u for u, _ in placed} | {u.pk: u for u in listed}
        for update in rows.values():
            type(update).briefing.field.set_cached_value(update, briefing)
        stamp = registry_stamp()  # before the rows shown inside the updates are read
        tags = _tags_by_update(list(rows))
        for update in rows.values():
            update.kept = Kept(stamp, tags.get(update.pk, ()))
        # One row of each update: a pinned one is read twice, on its own and in the list.
        placed = [(rows[u.pk], where) for u, where in placed]
        listed = [rows[u.pk] for u in listed]
        wanted = {u.kept.html_key(u, where): u for u, where in placed}
        wanted |= {u.kept.json_ld_key(u): u for u in listed}
        seconds = settings.NEWSROOM_FRAGMENT_CACHE_SECONDS
        found = cache.get_many(list(wanted)) if seconds else {}
        for key, update in wanted.items():
            if key not in found:
                continue
            if key.startswith("newsroom:update-ld:"):
                update.kept.json_ld = found[key]
            else:
                update.kept.html[key] = found[key]
        missing = {update.pk: update for key, update in wanted.items() if key not in found}
        if missing:
            load_shown_inside(list(missing.values()))
        new = {}
        for update in listed:
            if update.kept.json_ld is None:
                update.kept.json_ld = structured_data.update_data(
                    update, url=update.get_anchor_url()
                )
                new[update.kept.json_ld_key(update)] = update.kept.json_ld
        if new and seconds:
            cache.set_many(new, seconds)
        self.rows = rows

    def updates(self, rows: list) -> list:
        """``rows`` as the page should use them: one instance of each update."""
        return [self.rows[u.pk] for u in rows]

    def json_ld(self, rows: list) -> list[dict]:
        """The JSON-LD of each of ``rows`` (``update_data()``, its url the anchor's path)."""
        return [self.rows[u.pk].kept.json_ld for u in rows]


def _is_loaded(update) -> bool:
    return "mentions" in getattr(update, "_prefetched_objects_cache", {})


class CachedUpdateNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        update = context.get("update")
        seconds = settings.NEWSROOM_FRAGMENT_CACHE_SECONDS
        if update is None or update.pk is None or not seconds:
            return self.nodelist.render(context)
        kept = getattr(update, "kept", None)
        if kept is None:
            key = fragment_key(update, context)
            html = cache.get(key)
        else:
            key = kept.html_key(update, _placement_in(context))
            html = kept.html.get(key)
            if html is None and not _is_loaded(update):
                # Placed where the page did not say it would be: its rows are read now.
                load_shown_inside([update])
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, seconds)
        return html


@register.tag("cached_update")
def cached_update(parser, token):
    nodelist = parser.parse(("endcached_update",))
    parser.delete_first_token()
    return CachedUpdateNode(nodelist)


@register.simple_tag(takes_context=True)
def kept_updates(context, updates, page=None, listed=False):
    """A briefing page's list of ``updates`` (rows of a ``KeptPage``), joined from their
    kept pieces, each rendered through ``_update.html`` only when its piece is missing: the
    loop ``{% for update in updates %}{% include "briefings/_update.html" %}{% endfor %}``,
    with none of its nodes run for a kept update (a template node for each update cost more
    than the rest of the page). On ``page`` 1, the pinned updates are left out (the page
    shows them above the list). The page's list (``listed``, not its pinned updates) has a
    live log's day divider where the day changes, a digest's section heading where the
    section does, and an article's updates bare (no time above them)."""
    briefing = context["briefing"]
    kind = briefing.kind
    bare = listed and kind == "article"
    parts, section, day = [], None, None
    template = None
    for position, update in enumerate(updates):
        if listed and kind == "digest" and update.section != section:
            section = update.section
            if section:
                parts.append(format_html('<h2 class="section-heading">{}</h2>', section))
        if page == 1 and update.is_pinned:
            continue
        if listed and kind == "live":
            local = local_date(update.posted_at, briefing.time_zone)
            if local != day:
                day = local
                parts.append(day_divider(update.posted_at, briefing.time_zone))
        where = placement(bare=bare, first=position == 0)
        html = update.kept.html.get(update.kept.html_key(update, where))
        if html is None:
            template = template or context.template.engine.get_template("briefings/_update.html")
            values = {"update": update, "forloop": {"first": position == 0}}
            with context.push(values, **({"bare": True} if bare else {})):
                # The piece alone, as it is kept: not the lines around it in the file.
                html = template.render(context).strip()
        parts.append(html)
    return mark_safe("\n".join(parts))  # noqa: S308 (kept pieces and escaped headings)
