"""The poll endpoint of a live briefing: ``/briefings/<slug>/live.json?after=<cursor>``.

A cursor is the time of the latest change the reader has seen, in microseconds since the
epoch. The server hands out the time of the briefing's latest change — not its own clock —
so every reader who is up to date asks for the same URL, and a shared cache (or the
browser's) answers most polls: the response carries an ETag, Last-Modified and a few
seconds of ``Cache-Control`` with ``stale-while-revalidate``, and revalidations get a 304.

An update changes when it is saved (``updated_at``, which saving its citations, mentions and
corrections also moves), when its ``publish_at`` comes (scheduled updates appear with no
save at all), and when it is deleted (simple-history keeps the deletion). Updates changed
since the cursor are sent with their HTML when readers may see them, and as removed when
they may not (unpublished, deleted, rescheduled).
"""

import datetime as dt

from django.db.models import Max, Q
from django.http import HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_GET

from .models import Briefing, Update

MAX_UPDATES = 100  # a reader this far behind reloads the page instead
# Changes are looked for a little before the cursor too: an update saved just before a
# poll but committed just after it would otherwise never be seen. The reader's page
# replaces what it already has, so seeing an update twice is harmless.
OVERLAP = dt.timedelta(seconds=5)
CACHE_CONTROL = "public, max-age=5, stale-while-revalidate=10"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class BadCursor(ValueError):
    pass


def to_cursor(moment: dt.datetime | None) -> str:
    if moment is None:
        return "0"
    return str((moment - EPOCH) // dt.timedelta(microseconds=1))


def from_cursor(value: str) -> dt.datetime:
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise BadCursor("after must be a cursor from this endpoint: digits only")
    return EPOCH + dt.timedelta(microseconds=int(value))


def latest_change(briefing: Briefing, now: dt.datetime) -> dt.datetime | None:
    """When anything readers see of this briefing last changed."""
    saved = Update.objects.filter(briefing=briefing).aggregate(
        saved=Max("updated_at"), due=Max("publish_at", filter=Q(publish_at__lte=now))
    )
    deleted = Update.history.filter(briefing_id=briefing.pk, history_type="-").aggregate(
        at=Max("history_date")
    )
    moments = [saved["saved"], saved["due"], deleted["at"], briefing.updated_at]
    return max((m for m in moments if m is not None), default=None)


def _changes(briefing, after, now):
    since = after - OVERLAP
    changed = Update.objects.filter(briefing=briefing).filter(
        Q(updated_at__gt=since) | Q(publish_at__gt=since, publish_at__lte=now)
    )
    visible = list(
        changed.published().for_display().order_by("-posted_at", "-pk")[: MAX_UPDATES + 1]
    )
    hidden = set(changed.values_list("pk", flat=True)) - {u.pk for u in visible}
    deleted = Update.history.filter(
        briefing_id=briefing.pk, history_type="-", history_date__gt=since
    ).values_list("id", flat=True)
    return visible, sorted(hidden | set(deleted))


def _as_json(update: Update) -> dict:
    return {
        "id": update.pk,
        "anchor": update.anchor,
        "posted_at": update.posted_at.isoformat(),
        "version": update.version,
        "is_key_event": update.is_key_event,
        "is_pinned": update.is_pinned,
        "is_original_entry": update.is_original_entry,
        "html": render_to_string("briefings/_update.html", {"update": update}),
    }


def error(message: str, status: int = 400) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def live_json(request, slug):
    briefing = get_object_or_404(Briefing.objects.published(), slug=slug)
    now = timezone.now()
    after_value = request.GET.get("after", "")
    try:
        after = from_cursor(after_value) if after_value else None
    except BadCursor as exc:
        return error(str(exc))
    changed_at = latest_change(briefing, now)
    cursor = to_cursor(changed_at)
    etag = quote_etag(f"{after_value or '-'}.{cursor}.{int(briefing.is_live)}")
    if etag in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
        response = HttpResponseNotModified()
    else:
        updates, removed = [], []
        if after is not None and changed_at is not None and changed_at > after - OVERLAP:
            updates, removed = _changes(briefing, after, now)
        reload = len(updates) > MAX_UPDATES
        response = JsonResponse(
            {
                "cursor": cursor,
                "live": briefing.is_live,
                "reload": reload,
                "updates": [] if reload else [_as_json(u) for u in reversed(updates)],
                "removed": removed,
            }
        )
    response["ETag"] = etag
    if changed_at:
        response["Last-Modified"] = http_date(changed_at.timestamp())
    response["Cache-Control"] = CACHE_CONTROL
    return response
