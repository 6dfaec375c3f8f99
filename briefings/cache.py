"""Caching of public pages, in two places.

- **Downstream** (browsers, a CDN): ``PublicCacheControlMiddleware`` marks every public page
  ``Cache-Control: public, max-age=…, stale-while-revalidate=…``; Django's
  ``ConditionalGetMiddleware`` adds the ETag and answers revalidations with 304.
- **At the origin**: ``cache_until_changed`` keeps a view's rendered response in Django's
  cache under a key that includes a *version* — for a briefing, a token that every change
  to what its page shows replaces (``briefings.models.briefing_state``), kept in the cache
  too, so that a hit asks no database. Publishing or editing an update moves it, so the
  next request misses and renders afresh: nothing has to be invalidated.

Both stand back from any response that could differ between readers: one that sets a cookie,
varies on ``Cookie``, or read the session (who is signed in) while it was made.
"""

import hashlib
import logging
import time
from functools import wraps

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.utils.cache import has_vary_header, patch_cache_control, set_response_etag

from .models import has_settled

logger = logging.getLogger(__name__)


def is_same_for_everyone(request, response) -> bool:
    """Whether ``response`` holds nothing of the reader who asked for it."""
    session = getattr(request, "session", None)
    return not (
        response.cookies
        or has_vary_header(response, "Cookie")
        or (session is not None and session.accessed)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class PublicCacheControlMiddleware:
    """Let browsers and CDNs keep public pages for ``NEWSROOM_PAGE_MAX_AGE`` seconds.

    Only successful GETs outside the admin that say nothing about caching themselves (the
    poll endpoint and ``never_cache`` views do) and are the same for every reader.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and "Cache-Control" not in response
            and not request.path.startswith(self.admin_prefix)
            and is_same_for_everyone(request, response)
        ):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.NEWSROOM_PAGE_MAX_AGE,
                stale_while_revalidate=settings.NEWSROOM_PAGE_STALE,
            )
        return response


def cache_key(prefix: str, *parts: str) -> str:
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return f"newsroom:{prefix}:{digest}"


def cache_until_changed(get_state, version, *, query_params=("page",)):
    """Serve a view from Django's cache until what it shows changes.

    ``get_state(request, **kwargs)`` says, ideally from the cache alone, what the page
    shows: an object with a ``latest_change`` and a ``get_object()`` that fetches it, or
    None. ``version(state)`` is the string that changes when the page does. The key is the
    host, the path, the named ``query_params`` (others do not change the page: a random
    ``?x=`` must not fill the cache) and the version. On a miss the view is called with the
    fetched object as the keyword argument ``obj`` (None when there is none: it answers 404),
    so that it need not fetch it again.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            state = get_state(request, **kwargs)
            if state is None or not has_settled(state.latest_change):
                obj = state.get_object() if state is not None else None
                return view(request, *args, obj=obj, **kwargs)
            params = [f"{name}={request.GET.get(name, '')}" for name in query_params]
            key = cache_key("page", request.get_host(), request.path, *params, version(state))
            response = cache.get(key)
            if response is not None:
                return response
            response = view(request, *args, obj=state.get_object(), **kwargs)

            def store(response):
                if response.status_code == 200 and is_same_for_everyone(request, response):
                    # Its ETag made once, now, and kept with it: ConditionalGetMiddleware
                    # would otherwise hash the whole page again for every hit and every
                    # 304 (an 85 KB page: the gap between a 304 and hello's 0.8 ×).
                    set_response_etag(response)
                    cache.set(key, response, settings.NEWSROOM_SERVER_CACHE_SECONDS)

            if hasattr(response, "add_post_render_callback"):
                response.add_post_render_callback(store)
            else:
                store(response)
            return response

        return wrapped

    return decorator


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache that, when Redis is down or slow, is a cache that keeps nothing.

    A connection refused, reset or timed out (``socket_timeout`` in ``OPTIONS``) is logged
    and answered as a miss; for ``RETRY_SECONDS`` after it, this process does not try Redis
    at all (no request waits on a timeout it has just seen), then tries again: Redis
    restarted is used with no restart of the site. Pages render from the database meanwhile,
    and writes (whose change points replace cached tokens) go through.
    """

    RETRY_SECONDS = 2.0
    FAILURES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
    _down_until = 0.0

    def _attempt(self, call, *args, miss=None):
        if time.monotonic() < self._down_until:
            return miss
        try:
            return call(*args)
        except self.FAILURES as error:
            self._down_until = time.monotonic() + self.RETRY_SECONDS
            logger.warning(
                "Redis cache unavailable (%s): misses for %g s", error, self.RETRY_SECONDS
            )
            return miss

    def get(self, key, default=None, version=None):
        return self._attempt(super().get, key, default, version, miss=default)

    def get_many(self, keys, version=None):
        return self._attempt(super().get_many, keys, version, miss={})

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().add, key, value, timeout, version, miss=False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().set_many, data, timeout, version, miss=list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().touch, key, timeout, version, miss=False)

    def delete(self, key, version=None):
        return self._attempt(super().delete, key, version, miss=False)

    def delete_many(self, keys, version=None):
        self._attempt(super().delete_many, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(super().has_key, key, version, miss=False)

    def clear(self):
        return self._attempt(super().clear, miss=False)
