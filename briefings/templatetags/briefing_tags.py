"""Template helpers for showing times in a briefing's own zone."""

import zoneinfo
from datetime import datetime

from django import template
from django.utils.html import format_html

from ..models import zone_label

register = template.Library()


def in_zone(moment: datetime, time_zone: str) -> datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(time_zone))


@register.simple_tag
def stamp(moment: datetime | None, time_zone: str = "UTC", style: str = "time"):
    """``<time>`` for ``moment`` in ``time_zone``: "15:15 GMT", or with the date.

    ``style`` is "time" (15:15 GMT), "date" (13 Nov 2024) or "full" (13 Nov 2024, 15:15 GMT).
    The ``datetime`` attribute always carries the exact instant with its offset.
    """
    if moment is None:
        return ""
    local = in_zone(moment, time_zone)
    label = zone_label(moment, time_zone)
    clock = f"{local:%H:%M} {label}"
    day = f"{local.day} {local:%b %Y}"
    text = {"time": clock, "date": day, "full": f"{day}, {clock}"}[style]
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        local.isoformat(timespec="seconds"),
        f"{local:%A} {local.day} {local:%B %Y}, {clock}",
        text,
    )


@register.filter
def local_date(moment: datetime | None, time_zone: str = "UTC") -> str:
    """The calendar day of ``moment`` in ``time_zone``: "Wednesday 13 November 2024"."""
    if moment is None:
        return ""
    local = in_zone(moment, time_zone)
    return f"{local:%A} {local.day} {local:%B %Y}"
