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

Answers are also kept in Django's cache under the same parts as the ETag (briefing, cursor
asked for, latest change, live or not): every reader at the same cursor shares one answer,
and the next change makes a new key, so nothing needs invalidating.
"""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, OuterRef, Q, Subquery
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_GET

from . import cache as origin_cache
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


def change_moments(now: dt.datetime) -> dict:
    """Annotations for a Briefing queryset: when its updates were last saved, last came due
    and last deleted. With the briefing's own ``updated_at`` they make its latest change, in
    the same query that fetches the briefing."""

    def latest(queryset, field):
        return Subquery(
            queryset.order_by().values("briefing_id").annotate(at=Max(field)).values("at")
        )

    updates = Update.objects.filter(briefing=OuterRef("pk"))
    return {
        "last_saved_at": latest(updates, "updated_at"),
        "last_due_at": latest(updates.filter(publish_at__lte=now), "publish_at"),
        "last_deleted_at": latest(
            Update.history.filter(briefing_id=OuterRef("pk"), history_type="-"), "history_date"
        ),
    }


def latest_change(briefing: Briefing, now: dt.datetime) -> dt.datetime | None:
    """When anything readers see of this briefing last changed. One query, or none for a
    briefing fetched with ``change_moments()``."""
    if not hasattr(briefing, "last_saved_at"):
        briefing = Briefing.objects.annotate(**change_moments(now)).get(pk=briefing.pk)
    moments = [
        briefing.last_saved_at,
        briefing.last_due_at,
        briefing.last_deleted_at,
        briefing.updated_at,
    ]
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
    now = timezone.now()
    briefing = get_object_or_404(
        Briefing.objects.published().annotate(**change_moments(now)), slug=slug
    )
    after_value = request.GET.get("after", "")
    try:
        after = from_cursor(after_value) if after_value else None
    except BadCursor as exc:
        return error(str(exc))
    changed_at = latest_change(briefing, now)
    cursor = to_cursor(changed_at)
    version = f"{after_value or '-'}.{cursor}.{int(briefing.is_live)}"
    etag = quote_etag(version)
    if etag in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
        response = HttpResponseNotModified()
    else:
        settled = origin_cache.is_settled(changed_at)
        key = origin_cache.cache_key("live", str(briefing.pk), version)
        body = cache.get(key) if settled else None
        if body is None:
            updates, removed = [], []
            if after is not None and changed_at is not None and changed_at > after - OVERLAP:
                updates, removed = _changes(briefing, after, now)
            reload = len(updates) > MAX_UPDATES
            body = JsonResponse(
                {
                    "cursor": cursor,
                    "live": briefing.is_live,
                    "reload": reload,
                    "updates": [] if reload else [_as_json(u) for u in reversed(updates)],
                    "removed": removed,
                }
            ).content
            if settled:
                cache.set(key, body, settings.NEWSROOM_SERVER_CACHE_SECONDS)
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    if changed_at:
        response["Last-Modified"] = http_date(changed_at.timestamp())
    response["Cache-Control"] = CACHE_CONTROL
    return response
