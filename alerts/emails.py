"""The emails: what goes in them, to whom, with which headers.

Every message has a plain-text and an HTML part (inline styles, tables, no images or
scripts: what mail clients render alike), each update with its sources line and its
permalink, and links back to the site as absolute URLs from NEWSROOM_SITE_URL. Every
message to a subscriber carries the one-click unsubscribe of RFC 8058 and a link to manage
their subscriptions.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags

from briefings.models import Update

from . import audience, tokens
from .models import Message

FALLBACK_SITE_URL = "http://127.0.0.1:8000"


def absolute(path: str) -> str:
    # Tasks have no request to take the address from: an empty NEWSROOM_SITE_URL (which
    # pages read as "the request's address") falls back to the local one.
    return (settings.NEWSROOM_SITE_URL or FALLBACK_SITE_URL) + path


def sources_line(update) -> str:
    """ "(NBC News; see also Reuters)", as on the update's page; "" when it cites nobody."""
    primary, see_also = update.cited()
    names = ", ".join(c.source.name for c in primary)
    also = ", ".join(c.source.name for c in see_also)
    if also:
        names = f"{names}; see also {also}" if names else f"See also {also}"
    return f"({names})" if names else ""


def message_updates(message: Message, *, display: bool = True):
    """What a message shows: published updates only, read when it is sent, so an update
    unpublished after it was queued is not in it."""
    published = Update.objects.published()
    if display:
        published = published.for_display()
    if message.kind == Message.Kind.ALERT:
        return published.filter(pk__in=message.updates.values("pk")).newest_first()
    if message.briefing_id is None:
        return published.none()
    return published.filter(briefing_id=message.briefing_id).in_reading_order()


def still_wanted(delivery) -> bool:
    """Whether the subscriber still asks for this message (they may have unsubscribed
    since it was queued)."""
    message, subscriber = delivery.message, delivery.subscriber
    if message.kind == Message.Kind.NEWSLETTER:
        return audience.newsletter_audience(message).filter(pk=subscriber.pk).exists()
    updates = message.updates.all()
    return any(audience.subscribers_of(u).filter(pk=subscriber.pk).exists() for u in updates)


def links(subscriber) -> dict:
    return {
        "unsubscribe_url": absolute(
            reverse("alerts:unsubscribe", args=[tokens.make(tokens.UNSUBSCRIBE, subscriber)])
        ),
        "manage_url": absolute(
            reverse("alerts:manage", args=[tokens.make(tokens.MANAGE, subscriber)])
        ),
    }


def render(message: Message, updates, link_urls: dict) -> tuple[str, str]:
    items = [
        {
            "update": update,
            "sources": sources_line(update),
            "url": absolute(update.get_absolute_url()),
            "text": strip_tags(update.body_html).strip(),
        }
        for update in updates
    ]
    context = {
        "message": message,
        "items": items,
        "briefing_url": absolute(message.briefing.get_absolute_url()) if message.briefing else "",
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": absolute("/"),
        **link_urls,
    }
    return (
        render_to_string("alerts/email/message.txt", context),
        render_to_string("alerts/email/message.html", context),
    )


def build(subject, text, html, to, headers) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(subject, text, to=[to], headers=headers)
    email.attach_alternative(html, "text/html")
    return email


def domain() -> str:
    return absolute("/").split("://", 1)[1].split("/", 1)[0].split(":", 1)[0]


# A newsletter is the same for every subscriber but for their two links: a worker renders it
# once, with these in their place, and fills them in for each delivery. Rendering is most of
# a delivery's cost (measured: 10 queries and two templates for a 20-update newsletter).
PLACEHOLDERS = {
    "unsubscribe_url": "https://unsubscribe.invalid/",
    "manage_url": "https://manage.invalid/",
}
_rendered: dict[int, tuple] = {}


def rendered(message: Message) -> tuple[str, str] | None:
    """The message's (text, html) with placeholder links, or None when nothing in it is
    published any more. Kept per worker process while what it shows is unchanged: the
    published updates and when each last changed (a correction, an edit, unpublishing, a
    scheduled update coming due all change that)."""
    shown = tuple(message_updates(message, display=False).values_list("pk", "updated_at"))
    if not shown:
        return None
    key = (message.subject, message.briefing_id, settings.NEWSROOM_SITE_URL, shown)
    cached = _rendered.get(message.pk)
    if cached is None or cached[0] != key:
        if len(_rendered) > 50:
            _rendered.clear()
        cached = (key, *render(message, message_updates(message), PLACEHOLDERS))
        _rendered[message.pk] = cached
    return cached[1], cached[2]


def for_delivery(delivery) -> EmailMultiAlternatives | None:
    """The email of one delivery, or None when there is nothing left to send: the reader
    unsubscribed, or every update in it was unpublished since."""
    if not still_wanted(delivery):
        return None
    message, subscriber = delivery.message, delivery.subscriber
    parts = rendered(message)
    if parts is None:
        return None
    link_urls = links(subscriber)
    text, html = parts
    for name, placeholder in PLACEHOLDERS.items():
        text = text.replace(placeholder, link_urls[name])
        html = html.replace(placeholder, link_urls[name])
    headers = {
        # The idempotency key, visible: a repeat after a crash carries the same Message-ID.
        "Message-ID": f"<alerts.{message.pk}.{subscriber.pk}@{domain()}>",
        "List-Id": f"{settings.NEWSROOM_SITE_NAME} alerts <alerts.{domain()}>",
        "List-Unsubscribe": f"<{link_urls['unsubscribe_url']}>",
        # RFC 8058: the client POSTs "List-Unsubscribe=One-Click" to the link, no page.
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return build(message.subject, text, html, subscriber.email, headers)


def test_email(message: Message, to: str) -> EmailMultiAlternatives:
    """The message as subscribers will get it, to an editor, with inert subscription links."""
    updates = list(message_updates(message))
    placeholder = absolute(reverse("alerts:subscribe"))
    text, html = render(
        message, updates, {"unsubscribe_url": placeholder, "manage_url": placeholder}
    )
    return build(f"[Test] {message.subject}", text, html, to, {})


def confirmation(subscription) -> EmailMultiAlternatives:
    subscriber = subscription.subscriber
    context = {
        "subscription": subscription,
        "already": subscription.confirmed_at is not None,
        "confirm_url": absolute(
            reverse(
                "alerts:confirm",
                args=[tokens.make(tokens.CONFIRM, subscriber, subscription)],
            )
        ),
        "hours": int(settings.NEWSROOM_CONFIRM_HOURS),
        "site_name": settings.NEWSROOM_SITE_NAME,
        **links(subscriber),
    }
    subject = (
        f"Your subscription: {subscription}"
        if context["already"]
        else f"Confirm your subscription: {subscription}"
    )
    return build(
        subject,
        render_to_string("alerts/email/confirmation.txt", context),
        render_to_string("alerts/email/confirmation.html", context),
        subscriber.email,
        {"Auto-Submitted": "auto-generated"},
    )
