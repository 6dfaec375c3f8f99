"""How many confirmation emails one address may be sent: a shared cache counter (Redis in
production), keyed by a hash of the address, so that the form cannot be used to flood
someone's inbox. Exceeding it changes nothing a visitor can see (no enumeration)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW = 3600


def allow(email: str) -> bool:
    key = "newsroom:alerts:subscribe:" + hashlib.sha256(email.encode()).hexdigest()[:32]
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count <= settings.NEWSROOM_SUBSCRIBE_PER_HOUR
