"""Deliveries as an outbox: claiming one, retrying with backoff, and recovering lost ones.

Sending is at-least-once made exactly-once where it can be: a delivery is claimed with one
conditional UPDATE (pending → sending, with a lease) before anything is sent, so a second
task for the same delivery finds nothing to claim. A worker killed while sending leaves the
claim; when the lease runs out, ``recover`` puts it back in the queue. The one window left is
a kill after the receiver accepted a message and before the row says so: that message goes
out again, with the same Message-ID (or event id), by which clients and partners drop it.
"""

import datetime as dt
import random

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .models import DeliveryStatus

# A pending delivery this far past due has lost its task (a worker killed between taking the
# task and claiming the row, or a queue emptied): ``tasks.recover`` enqueues it again.
LOST_AFTER = dt.timedelta(minutes=2)


def backoff(attempt: int) -> dt.timedelta:
    """The wait after failed attempt number ``attempt`` (1, 2, …): NEWSROOM_RETRY_SECONDS,
    doubling each time, capped at six hours, with ±20 % jitter so retries of many
    deliveries to one failing receiver do not arrive in lockstep."""
    seconds = min(settings.NEWSROOM_RETRY_SECONDS * 2 ** (attempt - 1), 6 * 3600)
    return dt.timedelta(seconds=seconds * random.uniform(0.8, 1.2))  # noqa: S311


def claim(model, pk) -> bool:
    """Take delivery ``pk`` for sending; False when it is not due, or is someone else's,
    or is already done."""
    now = timezone.now()
    return bool(
        model.objects.filter(pk=pk, status=DeliveryStatus.PENDING, due_at__lte=now).update(
            status=DeliveryStatus.SENDING,
            lease_until=now + dt.timedelta(seconds=settings.NEWSROOM_DELIVERY_LEASE_SECONDS),
            attempts=F("attempts") + 1,
        )
    )


def finish(delivery, status: str, **fields) -> None:
    type(delivery).objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=status, lease_until=None, done_at=timezone.now(), **fields
    )


def fail(delivery, error: str, **fields):
    """Record a failed attempt; return when to try again, or None when out of attempts."""
    if delivery.attempts >= settings.NEWSROOM_DELIVERY_ATTEMPTS:
        finish(delivery, DeliveryStatus.FAILED, last_error=error, **fields)
        return None
    due_at = timezone.now() + backoff(delivery.attempts)
    type(delivery).objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.PENDING, lease_until=None, due_at=due_at, last_error=error, **fields
    )
    return due_at
