"""sitemap.xml and robots.txt: what crawlers may index, and where it is.

Only what readers can see is listed: published briefings, public actors and sources
(``RegistryQuerySet.public``), and tags in use.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from .models import Actor, Briefing, Source, Update, tags_in_use
from .structured_data import absolute_url, site_origin


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
    def items(self):
        return (
            Briefing.objects.published()
            .annotate(
                last_update=Max(
                    "updates__updated_at", filter=Q(updates__in=Update.objects.published())
                )
            )
            .order_by("-published_at", "pk")
        )

    def lastmod(self, briefing):
        """When the briefing or its latest published update last changed."""
        return max(filter(None, [briefing.updated_at, briefing.last_update]))


class RegistrySitemap(SiteSitemap):
    """The public actors or sources, each dated by the latest update that refers to it."""

    model: type[Actor | Source]

    def items(self):
        return self.model.objects.public().with_published_references().order_by("name", "pk")

    def lastmod(self, obj):
        return obj.last_referenced_at


class ActorSitemap(RegistrySitemap):
    model = Actor


class SourceSitemap(RegistrySitemap):
    model = Source


class TagSitemap(SiteSitemap):
    def items(self):
        return tags_in_use()

    def location(self, tag):
        return reverse("briefings:tag", args=[tag.slug])


SITEMAPS = {
    "pages": IndexSitemap,
    "briefings": BriefingSitemap,
    "actors": ActorSitemap,
    "sources": SourceSitemap,
    "tags": TagSitemap,
}


@require_GET
def robots_txt(request):
    """Everything but the admin may be crawled; the sitemap says what there is."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
