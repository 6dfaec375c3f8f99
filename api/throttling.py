"""The rate limit on anonymous reads, per client address, counted in Django's cache.

The cache is the shared one (Redis in production), so the limit holds across every
process and host. Requests with an API key are not counted.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiKey


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind DJANGO_PROXY_COUNT proxies (the
    ``PROXY_COUNT`` setting) the address that many places from the right of
    X-Forwarded-For, where the first proxy wrote it: the login throttle's rule.

    Not the whole X-Forwarded-For as DRF would take by default: a client may write anything
    there, and would get a fresh allowance with every value.
    """
    proxies = getattr(settings, "PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class AnonymousAddressThrottle(SimpleRateThrottle):
    scope = "anon"
    cache_format = "newsroom:api:throttle:%(scope)s:%(ident)s"

    def get_rate(self):
        return settings.NEWSROOM_API_ANON_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey) or request.method == "OPTIONS":
            return None  # keys lift the limit; CORS preflights are not reads
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
