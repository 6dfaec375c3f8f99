"""What a webhook receives, and how it is signed.

A POST with a JSON body::

    {"id": "<event uuid>", "event": "update.published" | "update.corrected" | "update.removed",
     "created_at": "…", "update": {…}}

and the headers

    Newsroom-Event: update.published
    Newsroom-Delivery: <event uuid>            (the same on every retry: drop repeats)
    Newsroom-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>

A receiver recomputes the HMAC over the timestamp, a dot and the raw body, compares it in
constant time, and refuses a timestamp more than five minutes old (a replay).
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import timezone

from .emails import absolute, sources_line

TIMEOUT = 10


def update_payload(update) -> dict:
    """A published update as partners see it: what its public page shows."""
    primary, see_also = update.cited()
    return {
        "update": {
            "id": update.pk,
            "url": absolute(update.get_absolute_url()),
            "briefing": {
                "slug": update.briefing.slug,
                "title": update.briefing.title,
                "url": absolute(update.briefing.get_absolute_url()),
            },
            "posted_at": update.posted_at.isoformat(),
            "headline": update.headline,
            "body": update.body,
            "body_html": update.body_html,
            "is_key_event": update.is_key_event,
            "sources": [c.source.name for c in primary],
            "see_also": [c.source.name for c in see_also],
            "sources_line": sources_line(update),
            "tags": sorted(t.name for t in update.tags.all()),
            "corrections": [
                {"published_at": c.published_at.isoformat(), "text": c.text}
                for c in update.corrections.all()
            ],
        }
    }


def removed_payload(announcement) -> dict:
    # Only the id and where it was: the update may be a draft again, whose text is not public.
    return {"update": {"id": announcement.pk, "briefing": {"slug": announcement.briefing_slug}}}


def envelope(delivery, payload: dict) -> dict:
    return {
        "id": str(delivery.event_id),
        "event": delivery.event,
        "created_at": timezone.now().isoformat(),
        **payload,
    }


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def post(delivery) -> int:
    """POST the delivery to its webhook; the HTTP status (raises OSError when no answer)."""
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 (an http(s) URL an admin registered)
        delivery.webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": f"{settings.NEWSROOM_SITE_NAME} webhooks",
            "Newsroom-Event": delivery.event,
            "Newsroom-Delivery": str(delivery.event_id),
            "Newsroom-Signature": (
                f"t={timestamp},v1={signature(delivery.webhook.secret, timestamp, body)}"
            ),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        error.close()  # Its body is the receiver's business; its socket is ours to close.
        return error.code
