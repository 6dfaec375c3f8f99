"""Root URLconf: the public site at the root, editors under ADMIN_URL."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("briefings.urls")),
]
