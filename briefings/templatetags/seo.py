"""Template tags for what crawlers, feed readers and link previews read in a page's head."""

from django import template
from django.conf import settings

from .. import structured_data
from ..feeds import feeds_for

register = template.Library()

DEFAULT_DESCRIPTION = "Running coverage of the news, with every source and actor named."


def canonical_url(request, page_obj=None) -> str:
    """The page's absolute URL, without its query string but for the number of the page shown.

    The number is the paginator's, never the raw parameter: "?page=¹" or a 5,000-digit number
    must not reach int(), and a page past the end is shown as the last page.
    """
    path = request.path
    if page_obj is not None and page_obj.number > 1:
        path += f"?page={page_obj.number}"
    return structured_data.absolute_url(path, request)


@register.inclusion_tag("briefings/_page_meta.html", takes_context=True)
def page_meta(context, title="", description="", type="website", image=None):
    """Canonical link, OpenGraph and Twitter card tags for the page; ``image`` is what link
    previews show, a dict of url, width, height, type and alt (images/, lead_image_share)."""
    return {
        "image": image,
        "url": canonical_url(context["request"], context.get("page_obj")),
        "title": title or settings.NEWSROOM_SITE_NAME,
        "description": description or DEFAULT_DESCRIPTION,
        "type": type,
        "site_name": settings.NEWSROOM_SITE_NAME,
    }


@register.simple_tag(takes_context=True)
def page_feeds(context) -> list[dict]:
    """The feeds this page offers, its own (a briefing's, an actor's …) before the site's."""
    match = context["request"].resolver_match
    # Django's error pages (404.html …) carry the request's path: an address that found
    # nothing offers no feed of it, only the site's.
    if match is None or context.get("request_path") is not None:
        return feeds_for("")
    return feeds_for(match.url_name, match.kwargs.get("slug"))


@register.simple_tag(takes_context=True)
def briefing_json_ld(context, briefing, updates, items=None):
    """``items``: the updates' JSON-LD kept with their HTML (``fragments.KeptPage``)."""
    return structured_data.json_ld(
        structured_data.briefing_data(briefing, updates, context["request"], items)
    )


@register.simple_tag(takes_context=True)
def update_json_ld(context, update):
    return structured_data.json_ld(structured_data.update_page_data(update, context["request"]))
