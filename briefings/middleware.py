"""The site while its database is away: a 503 page instead of a server error."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying again.
RETRY_AFTER = 30


class DatabaseUnavailableMiddleware:
    """Answer 503 Service Unavailable, with ``Retry-After``, when a view fails because the
    database cannot be reached (``OperationalError``: refused, gone, locked past the busy
    timeout; ``InterfaceError``: a connection already closed).

    Nothing here needs the database: the page is rendered without a request, so no context
    processor runs. Django closes a connection that failed at the end of the request, so
    the next request connects afresh and the site recovers by itself when the database is
    back, without a restart.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable for %s %s", request.method, request.path, exc_info=exception
        )
        context = {
            "site_name": settings.NEWSROOM_SITE_NAME,
            "for_editors": request.path.startswith(self.admin_prefix),
            "retry_after": RETRY_AFTER,
        }
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        # A CDN or browser must not keep the error in place of the page.
        add_never_cache_headers(response)
        return response
