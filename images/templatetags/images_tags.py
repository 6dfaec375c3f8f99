"""Template tags for images: a picture with its renditions, a briefing's lead image, and
what link previews read of it."""

from django import template

from briefings.prepared import PreparedQuery
from briefings.structured_data import absolute_url

from ..models import LeadImage

register = template.Library()

# The reading column: 46rem less its padding on a wide screen, the screen less its padding
# on a narrow one (briefings/static/briefings/site.css, ".wrap").
SIZES = "(min-width: 48rem) 44rem, calc(100vw - 2rem)"


# Made into SQL once (briefings/prepared.py): on a briefing page that misses the page cache,
# building and compiling it was a tenth of the page's time. At most one row (one-to-one).
_lead_image = PreparedQuery(
    lambda briefing_id: LeadImage.objects.select_related("image").filter(briefing=briefing_id)
)


def lead_image_of(briefing):
    """The briefing's lead image with a file, or None: one query, kept on the briefing."""
    if not hasattr(briefing, "_images_lead"):
        lead = next(iter(_lead_image(briefing.pk)), None)
        # Kept as ``briefing.lead_image`` too: the JSON-LD (briefings.structured_data) reads
        # it there, with no query of its own.
        type(briefing).lead_image.related.set_cached_value(briefing, lead)
        image = lead.image if lead is not None else None
        briefing._images_lead = image if image is not None and image.file else None
    return briefing._images_lead


@register.simple_tag
def lead_image(briefing):
    return lead_image_of(briefing)


@register.inclusion_tag("images/_picture.html")
def picture(image, eager=False, sizes=SIZES):
    """``<picture>``: WebP sources with a JPEG fallback, width and height against layout
    shift, lazy loading unless ``eager`` (the first screen)."""
    renditions = image.renditions()
    webp = [r for r in renditions if r.format == "WEBP"]
    jpeg = [r for r in renditions if r.format == "JPEG"]
    fallback = next((r for r in jpeg if r.width >= 800), jpeg[-1] if jpeg else None)
    return {
        "image": image,
        "webp_srcset": ", ".join(f"{r.url} {r.width}w" for r in webp),
        "jpeg_srcset": ", ".join(f"{r.url} {r.width}w" for r in jpeg),
        "fallback": fallback,
        "sizes": sizes,
        "eager": eager,
    }


def share_data(image, request=None) -> dict | None:
    """The JPEG a link preview shows, with its absolute URL, size and alt text."""
    rendition = image.share_rendition() if image is not None else None
    if rendition is None:
        return None
    url = rendition.url
    return {
        "url": url if "://" in url else absolute_url(url, request),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.alt,
        "type": rendition.mime_type,
    }


@register.simple_tag(takes_context=True)
def lead_image_share(context, briefing):
    return share_data(lead_image_of(briefing), context.get("request"))


@register.simple_tag(takes_context=True)
def update_image_share(context, update):
    """An update's first image with a file (its gallery, prefetched), for link previews."""
    image = next((i.image for i in update.gallery.all() if i.image.file), None)
    return share_data(image, context.get("request"))
