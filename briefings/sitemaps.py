"""sitemap.xml and robots.txt: what crawlers may index, and where it is.

``/sitemap.xml`` is an index of section sitemaps (``/sitemap-briefings.xml?p=2`` …), each
paginated, dated from stored values and filtered by the stored counts: no sitemap request
reads the updates table but to settle what came due (``settle_due_counts``), so each costs
the same at any size.

Only what readers can see is listed: published briefings, public actors and sources
(``RegistryQuerySet.listed``, the ``public()`` rule read from the stored counts), and tags
in use (``tags_in_use``, likewise).
"""

import functools
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap, views
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404, HttpResponse
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from .models import Actor, Briefing, Source, settle_due_counts, tags_in_use
from .structured_data import absolute_url, site_origin

# URLs per section page: a page is answered from one indexed query, and a crawler asks for
# the next one (the index lists every page). Writing the entries out, not SQL, is what a
# page costs (see sitemap_section).
PER_PAGE = 1000
RECENT = 100  # briefings changed last, read for the newest change (get_latest_lastmod)


def _by_slug(url_name: str):
    """A location() that reverses the URL once and puts each slug into it: reverse() for
    each of a page's 1,000 entries was a fifth of its time. Slugs are ASCII letters, digits,
    hyphens and underscores (SlugField), which reverse() would not quote either."""

    def location(self, item) -> str:
        head, tail = _around_slug(url_name, get_script_prefix())
        return f"{head}{item.slug}{tail}"

    return location


@functools.cache
def _around_slug(url_name: str, script_prefix: str) -> tuple[str, str]:
    head, _, tail = reverse(url_name, args=["slug-marker"]).partition("slug-marker")
    return head, tail


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
    location = _by_slug("briefings:briefing")

    def items(self):
        # Rows as named tuples, not model instances: building 1,000 instances was a third
        # of a page's time. lastmod is when anything readers see of the briefing last
        # changed, stored by the change points (``Briefing.changed_at``): no update is read.
        changed = Greatest(Coalesce("changed_at", "updated_at"), "updated_at")
        return (
            Briefing.objects.published()
            .order_by("-published_at", "pk")
            .values_list("slug", changed, named=True)
        )

    def lastmod(self, row):
        return row[1]

    def get_latest_lastmod(self):
        # Django's default asks lastmod() of every item; a MAX() over them reads every
        # published briefing (10 ms at 5,000 on SQLite). The newest change is read down the
        # index on changed_at instead: among the RECENT briefings changed last, a published
        # one (all of them only when those are drafts), and the briefings never stamped
        # (changed_at empty: a write that sent no signals) by their own save.
        published = Briefing.objects.published()
        stamped = Briefing.objects.filter(changed_at__isnull=False).order_by("-changed_at")
        never = Briefing.objects.filter(changed_at__isnull=True)
        moments = [
            _newest_change(published, stamped[:RECENT]) or _newest_change(published, stamped),
            published.filter(pk__in=never.values("pk")).aggregate(at=Max("updated_at"))["at"],
        ]
        return max((m for m in moments if m is not None), default=None)


def _newest_change(published, rows):
    # A subquery of ``rows`` alone: with the published filter beside the order, the
    # planners would walk (status, published_at) and sort, not read changed_at's index.
    return (
        published.filter(pk__in=rows.values("pk"))
        .order_by("-changed_at")
        .values_list(Greatest("changed_at", "updated_at"), flat=True)
        .first()
    )


class RegistrySitemap(SiteSitemap):
    """The public actors or sources. Undated: the latest update that refers to one could
    only be found by reading every reference to it."""

    limit = PER_PAGE
    model: type[Actor | Source]

    def items(self):
        return self.model.objects.listed().order_by("name", "pk").values_list("slug", named=True)


class ActorSitemap(RegistrySitemap):
    model = Actor
    location = _by_slug(Actor.url_name)


class SourceSitemap(RegistrySitemap):
    model = Source
    location = _by_slug(Source.url_name)


class TagSitemap(SiteSitemap):
    """Topics of published updates or briefings."""

    limit = PER_PAGE

    def items(self):
        return tags_in_use().order_by("name", "pk").values_list("slug", named=True)

    location = _by_slug("briefings:tag")


SITEMAPS = {
    "pages": IndexSitemap,
    "briefings": BriefingSitemap,
    "actors": ActorSitemap,
    "sources": SourceSitemap,
    "tags": TagSitemap,
}


def sitemap_index(request):
    """``/sitemap.xml``: the index of the section sitemaps, page by page."""
    settle_due_counts()
    return views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")


_URLSET = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{}</urlset>\n'
)


def _entry(url: dict) -> str:
    parts = [f"<url><loc>{escape(url['location'])}</loc>"]
    if lastmod := url["lastmod"]:
        day = timezone.localtime(lastmod).date() if timezone.is_aware(lastmod) else lastmod
        parts.append(f"<lastmod>{day:%Y-%m-%d}</lastmod>")
    if url["changefreq"]:
        parts.append(f"<changefreq>{url['changefreq']}</changefreq>")
    if url["priority"]:
        parts.append(f"<priority>{url['priority']}</priority>")
    parts.append("</url>\n")
    return "".join(parts)


def sitemap_section(request, section):
    """``/sitemap-<section>.xml?p=N``: one page of one section.

    Django's sitemap view, but the entries are written out directly instead of through its
    template, which took ~50 µs an entry (half of a 1,000-entry page); the same document,
    404s and headers (Last-Modified when every entry is dated, X-Robots-Tag)."""
    if section not in SITEMAPS:
        raise Http404(f"No sitemap available for section: {section!r}")
    settle_due_counts()
    site = SITEMAPS[section]()
    try:
        urls = site.get_urls(
            page=request.GET.get("p", 1), site=get_current_site(request), protocol=request.scheme
        )
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such sitemap page") from error
    response = HttpResponse(
        _URLSET.format("".join(map(_entry, urls))), content_type="application/xml"
    )
    if latest := getattr(site, "latest_lastmod", None):
        response.headers["Last-Modified"] = http_date(latest.timestamp())
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_GET
def robots_txt(request):
    """Everything but the admin may be crawled; the sitemap says what there is."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
