"""Root URLconf: the public site at the root, editors under ADMIN_URL."""

import os

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from briefings.sitemaps import robots_txt, sitemap_index, sitemap_section

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("alerts/", include("alerts.urls")),
    path("", include("briefings.urls")),
    # Uploaded images on the filesystem (images/views.py); object storage serves its own.
    *(
        [path(settings.MEDIA_URL.lstrip("/"), include("images.urls"))]
        if not settings.NEWSROOM_MEDIA_BUCKET and not settings.MEDIA_ORIGIN
        else []
    ),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
]


def bench_hello(request):
    """The baseline of ``make bench``: the same middleware and server, no database."""
    return HttpResponse("hello", content_type="text/plain")


# Only in the server `make bench` starts, so that nothing else ever answers this URL.
if os.environ.get("NEWSROOM_BENCH") == "1":
    urlpatterns.append(path("_bench/hello", bench_hello, name="bench_hello"))

# Errors inside the admin are answered there, with a way back (briefings/admin/errors.py);
# the public site's requests are handed on to its own pages.
handler400 = "briefings.admin.errors.bad_request"
handler403 = "briefings.admin.errors.permission_denied"
handler404 = "briefings.admin.errors.page_not_found"
handler500 = "briefings.admin.errors.server_error"
