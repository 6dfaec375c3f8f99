"""The signed links in emails (django.core.signing): nothing about a reader is in a URL
but a number and a signature, and only the server can make one.

Each kind of link has its own salt, so a link of one kind never works as another. The
address's hash is signed too, so a link outlives neither an erasure nor a change of address.
"""

import hashlib

from django.conf import settings
from django.core import signing

from .models import Subscriber, Subscription

CONFIRM = "alerts.confirm"
MANAGE = "alerts.manage"
UNSUBSCRIBE = "alerts.unsubscribe"


def address_hash(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def make(salt: str, subscriber, subscription=None) -> str:
    value = {"r": subscriber.pk, "e": address_hash(subscriber.email)}
    if subscription is not None:
        value["s"] = subscription.pk
    return signing.dumps(value, salt=salt, compress=True)


def read(salt: str, token: str, *, expiring: bool = False):
    """The (subscriber, subscription or None) a token names; raises signing.BadSignature
    (or its subclass SignatureExpired) for a forged, altered or expired token, and
    LookupError when what it names is gone."""
    max_age = settings.NEWSROOM_CONFIRM_HOURS * 3600 if expiring else None
    value = signing.loads(token, salt=salt, max_age=max_age)
    subscriber = Subscriber.objects.filter(pk=value["r"]).first()
    if subscriber is None or address_hash(subscriber.email) != value["e"]:
        raise LookupError("no such subscriber")
    subscription = None
    if "s" in value:
        subscription = Subscription.objects.filter(pk=value["s"], subscriber=subscriber).first()
        if subscription is None:
            raise LookupError("no such subscription")
    return subscriber, subscription
