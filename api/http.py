"""HTTP for readers of the API, on every answer: CORS, caching and conditional GET.

- **CORS**: anyone's page may read the API (``Access-Control-Allow-Origin: *``), never
  with the reader's credentials (no ``Allow-Credentials``): the API is public data, and a
  key is a server's secret, sent by a partner's server, not by its readers' browsers.
- **Caching**: a successful read may be kept as long as a page (``NEWSROOM_PAGE_MAX_AGE``
  and ``NEWSROOM_PAGE_STALE``); errors and rate-limit answers are not kept.
- **Conditional GET**: a weak ETag over the body — weak because a CDN that compresses it
  keeps the meaning, not the bytes — and Django's RFC 9110 rules to answer 304.
"""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control

READ_METHODS = "GET, HEAD, OPTIONS"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": READ_METHODS,
    "Access-Control-Allow-Headers": "Authorization, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Retry-After",
    "Access-Control-Max-Age": "86400",
}


def weak_etag(content: bytes) -> str:
    return f'W/"{hashlib.sha256(content).hexdigest()[:32]}"'


def for_readers(request, response):
    """``response`` with the API's CORS, caching and validator headers; a 304 instead when
    the request's ``If-None-Match`` already names this answer."""
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        if hasattr(response, "render"):
            response.render()
        etag = weak_etag(response.content)
        response["ETag"] = etag
        patch_cache_control(
            response,
            public=True,
            max_age=settings.NEWSROOM_PAGE_MAX_AGE,
            stale_while_revalidate=settings.NEWSROOM_PAGE_STALE,
        )
        response = get_conditional_response(request, etag=etag, response=response)
    elif "Cache-Control" not in response:
        response["Cache-Control"] = "no-store"
    for header, value in CORS_HEADERS.items():
        response[header] = value
    return response
