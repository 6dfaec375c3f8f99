"""The live widget partner sites frame: ``/embed/briefings/<slug>/``.

A light page of a briefing's latest updates that polls ``live.json`` with the briefing
page's own script (live.js). It is the only page other sites may frame: its
``frame-ancestors`` is NEWSROOM_EMBED_FRAME_ANCESTORS (``*`` unless an installation names
its partners) and it is exempt from X-Frame-Options; every other page keeps ``'none'`` and
``DENY``. Links open on the partner's top window (``<base target="_top">``), the page sets no
cookie and loads nothing from elsewhere, and embed.js tells the partner's page its height
(``postMessage``) so that embed-loader.js can size the iframe.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from .cache import cache_until_changed
from .models import Briefing, Update, to_cursor
from .structured_data import absolute_url
from .views import briefing_version, briefing_with_change_moments

LATEST = 20  # updates the widget opens with; new ones are added above them


def frameable(view):
    """Let the sites in NEWSROOM_EMBED_FRAME_ANCESTORS frame ``view``'s answers, read at
    each request (django-csp's decorators fix their value when the module is imported)."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response._csp_replace = {"frame-ancestors": settings.NEWSROOM_EMBED_FRAME_ANCESTORS}
        return response

    return xframe_options_exempt(wrapped)


@frameable
@require_safe
@cache_until_changed(briefing_with_change_moments, briefing_version, query_params=())
def briefing_widget(request, slug, obj=None):
    if obj is None:
        raise Http404("No published briefing has this address.")
    updates = (
        Update.objects.published()
        .filter(briefing=obj)
        .for_display()
        .newest_first()
        .filter(is_original_entry=False)[:LATEST]
    )
    return render(
        request,
        "briefings/embed.html",
        {
            "briefing": obj,
            "updates": updates,
            "live_cursor": to_cursor(obj.latest_change) if obj.is_live else "",
            "poll_seconds": settings.NEWSROOM_POLL_SECONDS,
        },
    )


def snippet(briefing: Briefing, request=None) -> str:
    """The HTML a partner pastes into a page to carry ``briefing``'s widget: the iframe and
    the loader that sizes it. The loader's address is its unhashed static name, which stays
    the same from one release to the next (the hashed one would not)."""
    src = absolute_url(reverse("briefings:embed", args=[briefing.slug]), request)
    loader = urljoin(src, settings.STATIC_URL + "briefings/embed-loader.js")
    return format_html(
        '<iframe src="{}" title="{}" data-newsroom-embed width="100%" height="600" '
        'style="border:0;width:100%" loading="lazy"></iframe>\n'
        '<script src="{}" async></script>',
        src,
        f"{briefing.title} · {settings.NEWSROOM_SITE_NAME}",
        loader,
    )
