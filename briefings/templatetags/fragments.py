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
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

register = template.Library()


def fragment_key(update, context) -> str:
    briefing = update.briefing
    parts = [
        update.pk,
        update.version,
        update.updated_at.isoformat() if update.updated_at else "",
        briefing.slug,
        briefing.title,
        briefing.time_zone,
        timezone.now().astimezone(briefing.zone).date().isoformat(),
        *(f"a{m.actor_id}:{m.actor.updated_at.isoformat()}" for m in update.mentions.all()),
        *(f"s{c.source_id}:{c.source.updated_at.isoformat()}" for c in update.citations.all()),
        *(f"t{t.slug}:{t.name}" for t in update.tags.all()),
        context.get("heading"),
        bool(context.get("show_briefing")),
        bool(context.get("bare")),
        bool((context.get("forloop") or {}).get("first")),
    ]
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"newsroom:update-html:{update.pk}:{digest}"


class CachedUpdateNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        update = context.get("update")
        seconds = settings.NEWSROOM_FRAGMENT_CACHE_SECONDS
        if update is None or update.pk is None or not seconds:
            return self.nodelist.render(context)
        key = fragment_key(update, context)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, seconds)
        return html


@register.tag("cached_update")
def cached_update(parser, token):
    nodelist = parser.parse(("endcached_update",))
    parser.delete_first_token()
    return CachedUpdateNode(nodelist)
