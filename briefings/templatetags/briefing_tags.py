"""Template helpers for showing times in a briefing's own zone, and updates in lists.

Every time a reader sees goes through ``stamp``: one home for the rule that a stamp says
when, with its day unless it is today, and never shows a clock nobody wrote.
"""

import re
import zoneinfo
from datetime import datetime, time

from django import template
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator

from ..models import zone_label

register = template.Library()

EXCERPT_WORDS = 24
CHIPS_SHOWN = 3


def in_zone(moment: datetime, time_zone: str) -> datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(time_zone))


def is_undated(moment: datetime, time_zone: str) -> bool:
    """True when ``moment`` is the very start of a day in ``time_zone``: the importer's mark
    for an entry whose document gave its date and no clock (``importing.load.default_time``:
    digest bullets, articles, original entries). Nobody posts at 00:00:00.000000 by hand."""
    return in_zone(moment, time_zone).timetz().replace(tzinfo=None) == time(0, 0)


def day_label(local: datetime) -> str:
    return f"{local.day} {local:%b %Y}"


@register.simple_tag
def stamp(moment: datetime | None, time_zone: str = "UTC", style: str = "auto"):
    """``<time>`` for ``moment`` in ``time_zone``.

    ``style`` "auto" (the default) says "07:24 GMT" for today (in that zone) and
    "13 Nov 2024, 07:24 GMT" for any other day; "full" always gives the day; "date" gives
    the day alone ("13 Nov 2024"). A moment the importer dated without a clock shows its
    date only, whatever the style. The ``datetime`` attribute carries the exact instant
    with its offset (its first ten characters are the day there, which live.js reads).
    """
    if moment is None:
        return ""
    local = in_zone(moment, time_zone)
    clock = f"{local:%H:%M} {zone_label(moment, time_zone)}"
    day = day_label(local)
    if style == "date" or is_undated(moment, time_zone):
        text, title = day, f"{local:%A} {local.day} {local:%B %Y}"
    else:
        today = timezone.now().astimezone(local.tzinfo).date() == local.date()
        text = clock if style == "auto" and today else f"{day}, {clock}"
        title = f"{local:%A} {local.day} {local:%B %Y}, {clock}"
    return format_html(
        '<time datetime="{}" title="{}">{}</time>', local.isoformat(timespec="seconds"), title, text
    )


@register.filter
def local_date(moment: datetime | None, time_zone: str = "UTC") -> str:
    """The calendar day of ``moment`` in ``time_zone``: "Wednesday 13 November 2024"."""
    if moment is None:
        return ""
    local = in_zone(moment, time_zone)
    return f"{local:%A} {local.day} {local:%B %Y}"


@register.simple_tag
def day_divider(moment: datetime, time_zone: str = "UTC"):
    """A live log's divider between days: "Wednesday 13 November 2024", or "Today"."""
    local = in_zone(moment, time_zone)
    today = timezone.now().astimezone(local.tzinfo).date() == local.date()
    label = f"{local:%A} {local.day} {local:%B %Y}"
    return format_html(
        '<h3 class="day-divider"><time datetime="{}">{}</time></h3>',
        local.date().isoformat(),
        f"Today, {label}" if today else label,
    )


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[“\"'(A-Z0-9])")


@register.filter
def lead_and_excerpt(update) -> tuple[str, str]:
    """What a list shows of an update: (headline, excerpt). Without a headline, the first
    sentence of the body leads and the excerpt is what follows it, both cut short."""
    text = " ".join(strip_tags(update.body_html).split())
    if update.headline:
        return update.headline, Truncator(text).words(EXCERPT_WORDS)
    parts = SENTENCE_END.split(text, maxsplit=1)
    first, rest = parts[0], parts[1] if len(parts) > 1 else ""
    return Truncator(first).words(EXCERPT_WORDS), Truncator(rest).words(EXCERPT_WORDS)


@register.filter
def split_chips(items) -> tuple[list, list]:
    """The first few of ``items`` and the rest, for "+ N more"."""
    items = list(items)
    return items[:CHIPS_SHOWN], items[CHIPS_SHOWN:]
