"""Root URLconf: the public site at the root, editors under ADMIN_URL."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from briefings.sitemaps import SITEMAPS, robots_txt

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("briefings.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]
