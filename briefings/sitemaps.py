"""sitemap.xml and robots.txt: what crawlers may index, and where it is.

``/sitemap.xml`` is an index of section sitemaps (``/sitemap-briefings.xml?p=2`` …), each
paginated, dated from stored values: no sitemap request reads the updates table beyond an
EXISTS per entry, so each costs the same at any size.

Only what readers can see is listed: published briefings, public actors and sources
(``RegistryQuerySet.public``), and tags in use.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap, views
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from taggit.models import Tag

from .models import Actor, Briefing, Source, Update
from .structured_data import absolute_url, site_origin

# URLs per section page: a page is answered from one indexed query, and a crawler asks for
# the next one (the index lists every page). Rendering, not SQL, is what a page costs:
# ~0.2 ms an entry on a loaded 2-core machine (bench_scale, 100,000 updates).
PER_PAGE = 1000


class SiteSitemap(Sitemap):
    """Locations on NEWSROOM_SITE_URL when it is set, else on the request's host."""

    def get_protocol(self, protocol=None):
        if site_origin():
            return urlsplit(site_origin()).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if site_origin():
            return urlsplit(site_origin()).netloc
        return super().get_domain(site)


class IndexSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return ["home", "briefing_list", "actor_list", "source_list", "tag_list"]

    def location(self, item):
        return reverse(f"briefings:{item}")


class BriefingSitemap(SiteSitemap):
    limit = PER_PAGE

    def items(self):
        return (
            Briefing.objects.published()
            .only("slug", "published_at", "updated_at", "changed_at")
            .order_by("-published_at", "pk")
        )

    def lastmod(self, briefing):
        """When anything readers see of the briefing last changed: stored by the change
        points (``Briefing.changed_at``), so no update is read."""
        return max(filter(None, [briefing.updated_at, briefing.changed_at]))

    def get_latest_lastmod(self):
        # Django's default asks lastmod() of every item; this asks the briefings table once.
        moment = Coalesce("changed_at", "updated_at")
        return Briefing.objects.published().aggregate(at=Max(moment))["at"]


class RegistrySitemap(SiteSitemap):
    """The public actors or sources. Undated: the latest update that refers to one could
    only be found by reading every reference to it."""

    limit = PER_PAGE
    model: type[Actor | Source]

    def items(self):
        return self.model.objects.public().only("slug", "name").order_by("name", "pk")


class ActorSitemap(RegistrySitemap):
    model = Actor


class SourceSitemap(RegistrySitemap):
    model = Source


class TagSitemap(SiteSitemap):
    """Topics of published updates or briefings: each tag checked with EXISTS, which stops
    at its first published use, instead of counting every use as the tag list does."""

    limit = PER_PAGE

    def items(self):
        on_update = Update.objects.published().filter(tags=OuterRef("pk"))
        on_briefing = Briefing.objects.published().filter(tags=OuterRef("pk"))
        return (
            Tag.objects.filter(Q(Exists(on_update)) | Q(Exists(on_briefing)))
            .only("slug")
            .order_by("name", "pk")
        )

    def location(self, tag):
        return reverse("briefings:tag", args=[tag.slug])


SITEMAPS = {
    "pages": IndexSitemap,
    "briefings": BriefingSitemap,
    "actors": ActorSitemap,
    "sources": SourceSitemap,
    "tags": TagSitemap,
}


def sitemap_index(request):
    """``/sitemap.xml``: the index of the section sitemaps, page by page."""
    return views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")


def sitemap_section(request, section):
    """``/sitemap-<section>.xml?p=N``: one page of one section."""
    return views.sitemap(request, SITEMAPS, section=section)


@require_GET
def robots_txt(request):
    """Everything but the admin may be crawled; the sitemap says what there is."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
