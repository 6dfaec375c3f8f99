"""Background tasks (Django's tasks framework, the django-tasks backport).

Nothing here runs in a request: receivers and admin views enqueue, ``manage.py worker``
runs. Each task is safe to run twice — it works from rows (deliveries, announcements) that
say what is already done — because a queue may deliver a task twice, and ``recover``
enqueues again what it believes lost.
"""

import datetime as dt
import smtplib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from briefings.models import Briefing, Update

from . import audience, emails, outbox, webhooks
from .models import (
    Announcement,
    DeliveryStatus,
    EmailDelivery,
    Message,
    PendingAlert,
    Subscriber,
    Subscription,
    Webhook,
    WebhookDelivery,
)


def enqueue(task_function, *args, at: dt.datetime | None = None):
    """Enqueue ``task_function(*args)``, to run no earlier than ``at`` where the backend can
    defer (the database and RQ backends can; the immediate one, in some tests, cannot)."""
    if at is not None and at > timezone.now() and default_task_backend.supports_defer:
        task_function = task_function.using(run_after=at)
    return task_function.enqueue(*args)


def enqueue_delivery(model, pk, at=None):
    enqueue(deliver_email if model is EmailDelivery else deliver_webhook, pk, at=at)


# What happened to an update ----------------------------------------------------------------


@task()
def announce(update_ids: list[int]) -> None:
    """Announce what changed for readers about these updates since last time: published
    (alerts for key events, webhooks), corrected, or removed (webhooks)."""
    for update_id in update_ids:
        announce_one(update_id)


def announce_one(update_id: int) -> None:
    # The one rule for what readers may see: never a draft, a scheduled update or one of a
    # draft briefing, by email or webhook.
    update = Update.objects.published().for_display().filter(pk=update_id).first()
    with transaction.atomic():
        if update is None:
            announcement = Announcement.objects.select_for_update().filter(pk=update_id).first()
            if announcement is None or not announcement.is_public:
                return
            announcement.is_public = False
            announcement.save(update_fields=["is_public"])
            post_event("update.removed", webhooks.removed_payload(announcement))
            return
        announcement, _ = Announcement.objects.select_for_update().get_or_create(
            pk=update_id, defaults={"briefing_slug": update.briefing.slug}
        )
        corrections = [c.pk for c in update.corrections.all()]
        if not announcement.is_public:
            announcement.is_public = True
            post_event("update.published", webhooks.update_payload(update))
        elif set(corrections) - set(announcement.corrections):
            post_event("update.corrected", webhooks.update_payload(update))
        announcement.corrections = corrections
        if update.is_key_event and not announcement.key_event_alerted:
            announcement.key_event_alerted = True
            queue_alerts(update)
        announcement.save()


@task()
def announce_briefing(briefing_id: int) -> None:
    """A briefing published or unpublished changes what readers see of every update in it:
    announce the updates whose public state differs from what was last announced."""
    briefing = Briefing.objects.filter(pk=briefing_id).first()
    if briefing is None:
        return  # Deleting it deleted its updates, each announced on its own.
    announced = Announcement.objects.filter(briefing_slug=briefing.slug, is_public=True)
    if Briefing.objects.published().filter(pk=briefing_id).exists():
        changed = (
            Update.objects.published()
            .filter(briefing_id=briefing_id)
            .exclude(pk__in=announced.values("pk"))
        )
    else:
        changed = announced
    for update_id in list(changed.values_list("pk", flat=True)):
        announce_one(update_id)


# Webhooks ------------------------------------------------------------------------------------


def post_event(event: str, payload: dict) -> None:
    """One delivery per active webhook, sent once this transaction commits."""
    for webhook in Webhook.objects.filter(is_active=True):
        delivery = WebhookDelivery.objects.create(
            webhook=webhook, event=event, update_id=payload["update"]["id"], payload={}
        )
        delivery.payload = webhooks.envelope(delivery, payload)
        delivery.save(update_fields=["payload"])
        transaction.on_commit(lambda pk=delivery.pk: enqueue(deliver_webhook, pk))


@task()
def deliver_webhook(delivery_id: int) -> str:
    if not outbox.claim(WebhookDelivery, delivery_id):
        return "not due"
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    try:
        status = webhooks.post(delivery)
    except OSError as error:
        # Refused, reset, timed out, unresolvable: the receiver is away; try again later.
        retry(delivery, f"{type(error).__name__}: {error}")
        return "retry"
    if 200 <= status < 300:
        outbox.finish(delivery, DeliveryStatus.SENT, response_status=status, last_error="")
        return "sent"
    retry(delivery, f"HTTP {status}", response_status=status)
    return "retry"


def retry(delivery, error: str, **fields) -> None:
    due_at = outbox.fail(delivery, error, **fields)
    if due_at is not None:
        enqueue_delivery(type(delivery), delivery.pk, at=due_at)


# Email ---------------------------------------------------------------------------------------


def queue_alerts(update: Update) -> None:
    for subscriber in audience.subscribers_of(update):
        PendingAlert.objects.get_or_create(subscriber=subscriber, update=update)
        transaction.on_commit(lambda pk=subscriber.pk: enqueue(flush_alerts, pk))


@task()
def flush_alerts(subscriber_id: int) -> str:
    """Turn a subscriber's waiting key events into one message, unless they had one less
    than NEWSROOM_ALERT_MINUTES ago: then come back when they may have the next."""
    interval = dt.timedelta(minutes=settings.NEWSROOM_ALERT_MINUTES)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        if subscriber is None:
            return "gone"
        waiting = PendingAlert.objects.filter(subscriber=subscriber, message__isnull=True)
        update_ids = list(waiting.values_list("update_id", flat=True))
        if not update_ids:
            return "nothing"
        now = timezone.now()
        if subscriber.last_alert_at and now < subscriber.last_alert_at + interval:
            at = subscriber.last_alert_at + interval
            transaction.on_commit(lambda: enqueue(flush_alerts, subscriber_id, at=at))
            return "later"
        updates = Update.objects.published().filter(pk__in=update_ids).newest_first()
        first = updates.select_related("briefing").first()
        if first is None:
            waiting.delete()
            return "nothing public"
        count = len(update_ids)
        subject = f"Key event: {first.briefing.title}"
        if count > 1:
            subject = f"{count} key events: {first.briefing.title}"
        message = Message.objects.create(kind=Message.Kind.ALERT, subject=subject[:300])
        message.updates.set(update_ids)
        waiting.update(message=message)
        subscriber.last_alert_at = now
        subscriber.save(update_fields=["last_alert_at"])
        delivery = EmailDelivery.objects.create(subscriber=subscriber, message=message)
        transaction.on_commit(lambda: enqueue(deliver_email, delivery.pk))
    return "queued"


@task()
def send_newsletter(message_id: int) -> int:
    """One delivery for every confirmed subscriber the newsletter is for; the unique
    (subscriber, message) key makes running this twice add nobody twice."""
    message = Message.objects.get(pk=message_id)
    recipients = audience.newsletter_audience(message)
    created = []
    with transaction.atomic():
        for subscriber_id in recipients.values_list("pk", flat=True):
            delivery, new = EmailDelivery.objects.get_or_create(
                subscriber_id=subscriber_id, message=message
            )
            if new:
                created.append(delivery.pk)
        Message.objects.filter(pk=message_id).update(sent_at=timezone.now())
        for pk in created:
            transaction.on_commit(lambda pk=pk: enqueue(deliver_email, pk))
    return len(created)


@task()
def deliver_email(delivery_id: int) -> str:
    if not outbox.claim(EmailDelivery, delivery_id):
        return "not due"
    delivery = EmailDelivery.objects.select_related("subscriber", "message").get(pk=delivery_id)
    email = emails.for_delivery(delivery)
    if email is None:
        outbox.finish(delivery, DeliveryStatus.SKIPPED)
        return "skipped"
    try:
        email.send()
    except (smtplib.SMTPException, OSError) as error:
        retry(delivery, f"{type(error).__name__}: {error}")
        return "retry"
    outbox.finish(delivery, DeliveryStatus.SENT, last_error="")
    return "sent"


@task()
def send_confirmation(subscription_id: int, attempt: int = 1) -> str:
    """The double opt-in email (or, for an address already confirmed for this, a note
    with the link to manage it). Not a delivery row: a repeat of it is harmless."""
    subscription = (
        Subscription.objects.select_related("subscriber", "briefing", "tag")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return "gone"
    try:
        emails.confirmation(subscription).send()
    except (smtplib.SMTPException, OSError):
        if attempt >= settings.NEWSROOM_DELIVERY_ATTEMPTS:
            raise
        at = timezone.now() + outbox.backoff(attempt)
        enqueue(send_confirmation, subscription_id, attempt + 1, at=at)
        return "retry"
    return "sent"


def purge_unconfirmed() -> int:
    """Erase subscriptions never confirmed within NEWSROOM_CONFIRM_HOURS, and addresses
    left with none: an address is kept only with a confirmed wish."""
    cutoff = timezone.now() - dt.timedelta(hours=settings.NEWSROOM_CONFIRM_HOURS)
    Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    deleted, _ = Subscriber.objects.filter(
        subscriptions__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted


# Recovery: what the worker's sweep runs ----------------------------------------------------


def recover() -> int:
    """Requeue work whose task was lost: expired claims (a worker killed mid-send), pending
    deliveries long past due, key events never batched. Enqueueing one twice is harmless:
    only one task can claim a delivery, and a batch is made once. Returns how many."""
    now = timezone.now()
    count = 0
    for model in (EmailDelivery, WebhookDelivery):
        expired = model.objects.filter(status=DeliveryStatus.SENDING, lease_until__lt=now)
        lost_since = now - outbox.LOST_AFTER
        lost = model.objects.filter(status=DeliveryStatus.PENDING, due_at__lt=lost_since)
        pks = [*expired.values_list("pk", flat=True), *lost.values_list("pk", flat=True)]
        # Due now, so that a row requeued here is not found "lost" again before its task runs.
        open_states = [DeliveryStatus.SENDING, DeliveryStatus.PENDING]
        model.objects.filter(pk__in=pks, status__in=open_states).update(
            status=DeliveryStatus.PENDING, lease_until=None, due_at=now
        )
        for pk in pks:
            enqueue_delivery(model, pk)
        count += len(pks)
    # Key events still waiting well after their subscriber's next alert was due: the task
    # that was to batch them was lost. (Waiting less long is the batching at work.)
    stuck_since = now - dt.timedelta(minutes=settings.NEWSROOM_ALERT_MINUTES) - outbox.LOST_AFTER
    stuck = PendingAlert.objects.filter(message__isnull=True, created_at__lt=stuck_since)
    for subscriber_id in set(stuck.values_list("subscriber_id", flat=True)):
        enqueue(flush_alerts, subscriber_id)
        count += 1
    return count
