"""Readers' email subscriptions, the messages sent to them, and partners' webhooks.

Every message and every webhook call is a row here before it is a task: a *delivery* whose
unique key — (subscriber, message), (webhook, event) — is the idempotency key. A task
claims a delivery before it sends it, so two workers, or a task enqueued twice, cannot send
it twice; a worker killed mid-send leaves a claim that expires and is taken again
(``alerts.tasks.recover``), so nothing is lost either.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from taggit.models import Tag

from briefings.models import Briefing, Update


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped (nothing left to send)"


class Delivery(models.Model):
    """What an email and a webhook call share: a status, attempts with backoff, a claim."""

    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField(default=timezone.now, help_text="When to try next.")
    lease_until = models.DateTimeField(
        null=True, blank=True, help_text="While sending: when the claim expires."
    )
    done_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Subscriber(models.Model):
    """An email address that asked for alerts. Personal data: stored with the reader's
    consent (the subscribe form), erased with ``manage.py subscriber_data --erase``."""

    email = models.EmailField(unique=True)
    consented_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_alert_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class Subscription(models.Model):
    class Kind(models.TextChoices):
        BRIEFING = "briefing", "Key events of a briefing"
        TOPIC = "topic", "Key events on a topic"
        DIGEST = "digest", "The daily digest"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    briefing = models.ForeignKey(
        Briefing, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="briefing", briefing__isnull=False, tag__isnull=True)
                    | Q(kind="topic", briefing__isnull=True, tag__isnull=False)
                    | Q(kind="digest", briefing__isnull=True, tag__isnull=True)
                ),
                name="subscription_names_what_it_follows",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "briefing"],
                condition=Q(kind="briefing"),
                name="follow_a_briefing_once",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "tag"], condition=Q(kind="topic"), name="follow_a_topic_once"
            ),
            models.UniqueConstraint(
                fields=["subscriber"], condition=Q(kind="digest"), name="take_the_digest_once"
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.BRIEFING:
            return f"Key events: {self.briefing}"
        if self.kind == self.Kind.TOPIC:
            return f"Topic: {self.tag}"
        return "The daily digest"


class Message(models.Model):
    """One email's content: a newsletter an editor sends, or one batch of key-event alerts
    for one subscriber. Rendered when each delivery is sent, from what is published then."""

    class Kind(models.TextChoices):
        NEWSLETTER = "newsletter", "Newsletter"
        ALERT = "alert", "Key-event alert"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    subject = models.CharField(max_length=300)
    briefing = models.ForeignKey(
        Briefing, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updates = models.ManyToManyField(Update, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    test_sent_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When its deliveries were queued."
    )

    class Meta:
        ordering = ["-created_at"]
        permissions = [("send_newsletter", "Can send a newsletter to subscribers")]

    def __str__(self):
        return self.subject


class EmailDelivery(Delivery):
    """One message to one subscriber; (subscriber, message) is the idempotency key."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")

    class Meta:
        verbose_name_plural = "email deliveries"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "message"], name="send_a_message_once")
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return f"{self.message} → subscriber {self.subscriber_id}"


class PendingAlert(models.Model):
    """A key event waiting for its subscriber's next alert (at most one per
    NEWSROOM_ALERT_MINUTES): the batch is the rows without a message yet."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="pending_alerts"
    )
    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "update"], name="alert_an_update_once")
        ]

    def __str__(self):
        return f"Update {self.update_id} for subscriber {self.subscriber_id}"


class Announcement(models.Model):
    """What has been announced of an update (webhooks, alerts), so that each event goes out
    once. Keyed by the update's id, not a foreign key: it outlives a deleted update, whose
    removal is announced too."""

    update_id = models.BigIntegerField(primary_key=True)
    briefing_slug = models.SlugField(max_length=200)
    is_public = models.BooleanField(default=False)
    key_event_alerted = models.BooleanField(default=False)
    corrections = models.JSONField(default=list, help_text="Ids of corrections announced.")

    def __str__(self):
        return f"Update {self.update_id}: {'public' if self.is_public else 'not public'}"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Webhook(models.Model):
    """A partner's URL that is POSTed each published, corrected or removed update."""

    url = models.URLField("URL", max_length=500)
    secret = models.CharField(
        max_length=200,
        default=new_secret,
        help_text="Shared with the partner: requests are signed with it (HMAC-SHA256).",
    )
    description = models.CharField(max_length=200, blank=True, help_text="Who this is for.")
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return self.description or self.url


class WebhookDelivery(Delivery):
    """One event POSTed to one webhook; (webhook, event_id) is the idempotency key, and the
    receiver sees the event id in a header to drop a repeat."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4)
    event = models.CharField(max_length=40)
    update_id = models.BigIntegerField()
    payload = models.JSONField()
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "webhook deliveries"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event_id"], name="post_an_event_once")
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return f"{self.event} #{self.update_id} → {self.webhook}"
