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
they may not (unpublished, deleted, rescheduled) — if they ever could. Changes are looked
for ``CHANGE_OVERLAP`` before the cursor too: an update saved just before a poll but
committed just after it would otherwise never be seen, and the reader's page replaces what
it already has, so seeing an update twice is harmless.

Answers are also kept in Django's cache under the same parts as the ETag (briefing, cursor
asked for, latest change, live or not) and the briefing's version token: every reader at the
same cursor shares one answer, and the next change makes a new key, so nothing needs
invalidating. The briefing's state comes from the cache too (``briefing_state``), so a
warm poll and a 304 ask no database.
"""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_GET

from .models import (
    CHANGE_OVERLAP,
    EPOCH,
    Status,
    Update,
    briefing_state,
    has_settled,
    to_cursor,
)

MAX_UPDATES = 100  # a reader this far behind reloads the page instead
CACHE_CONTROL = "public, max-age=5, stale-while-revalidate=10"
# Python's datetime ends with year 9999: a cursor past it (or before year 1) is not a moment.
LATEST_CURSOR = to_cursor(dt.datetime.max.replace(tzinfo=dt.UTC))


class BadCursor(ValueError):
    pass


def from_cursor(value: str) -> dt.datetime:
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise BadCursor("after must be a cursor from this endpoint: digits only")
    if int(value) > int(LATEST_CURSOR):
        raise BadCursor("after is past the latest cursor this endpoint can hand out")
    return EPOCH + dt.timedelta(microseconds=int(value))


def once_public(history) -> Exists:
    """Whether an update (``id`` in ``history``'s rows) was ever saved published and due:
    the removals readers are told about are of updates they could have seen. Drafts and
    scheduled updates that never came due leave no trace, not even their ids."""
    now = timezone.now()
    return Exists(
        history.filter(status=Status.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now)
        )
    )


def _changes(briefing, after, now):
    since = after - CHANGE_OVERLAP
    changed = Update.objects.filter(briefing_id=briefing.pk).filter(
        Q(updated_at__gt=since) | Q(publish_at__gt=since, publish_at__lte=now)
    )
    visible = list(changed.published().for_display().newest_first()[: MAX_UPDATES + 1])
    hidden = changed.exclude(pk__in=[u.pk for u in visible]).filter(
        once_public(Update.history.filter(id=OuterRef("pk")))
    )
    deleted = Update.history.filter(
        briefing_id=briefing.pk, history_type="-", history_date__gt=since
    ).filter(once_public(Update.history.filter(id=OuterRef("id"))))
    return visible, sorted(
        set(hidden.values_list("pk", flat=True)) | set(deleted.values_list("id", flat=True))
    )


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
    briefing = briefing_state(slug)  # from the cache when current: a warm poll asks no database
    if briefing is None:
        raise Http404("No published briefing has this address.")
    after_value = request.GET.get("after", "")
    try:
        after = from_cursor(after_value) if after_value else None
    except BadCursor as exc:
        return error(str(exc))
    changed_at = briefing.latest_change
    cursor = to_cursor(changed_at)
    version = f"{after_value or '-'}.{cursor}.{int(briefing.is_live)}"
    etag = quote_etag(version)
    last_modified = int(changed_at.timestamp()) if changed_at else None
    # RFC 9110's rules (weak validators, "*", If-Modified-Since), before any work is done.
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        settled = has_settled(changed_at)
        # Digits, dots and a dash only (the cursor was checked): a valid key on any backend.
        key = f"newsroom:live:{briefing.pk}:{briefing.token}:{version}"
        body = cache.get(key) if settled else None
        if body is None:
            updates, removed = [], []
            if after is not None and changed_at is not None and changed_at > after - CHANGE_OVERLAP:
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
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = CACHE_CONTROL
    return response
