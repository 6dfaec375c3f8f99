"""Public pages as the database grows: server time and SQL queries at 1,000 updates and at
1,000,000 (BENCH_UPDATES), in generated corpora (bench/results/, made once).

Server time is Django's own, in-process with the test client (middleware, views, templates;
no network), the median of RUNS requests after one warm-up, the origin cache cleared before
each, so every request renders; the two sizes are measured in turn, ROUNDS times each, and
each page keeps its lowest median (on a shared machine the load changes within a minute).
Pages are compared like for like: the briefing page of a briefing with about SIMILAR updates
and the actor page and update stream (``?actor=``) of an actor with about SIMILAR mentions,
in each corpus; the lists at the page size the small corpus fills (they are paginated: the
large corpus has more pages, not larger ones); the tag page of the most used tag. What such
a page costs should not depend on how much else the database holds; the most-mentioned
actor's page and the most used tag's, whose own data grows with the corpus, read bounded
windows of it, compared like the lists at the size the small corpus fills (FILLED: 25
updates and 1 briefing of a tag, a window of 466 mentions, where the large corpus fills
30, 20 and 1,000): a window that filled up is the same window at any larger size.

Every public page type is also counted (CaptureQueriesContext): its number of SQL queries
must not depend on the size of the data (issue 6), and its time at both sizes is in the note.

Target (issues 6 and 14): pages at the large size within 1.25× of the 1,000 figure: one
thing's page, and the lists, tag pages, feed and sitemap, which read stored counts.

Beyond the pages named above, every public route the URL resolver knows (``routes()``:
feeds, the API, the stream's JSON, embeds …) is requested at both sizes with its arguments
taken from the same samples, so a page nobody listed cannot grow unseen: its row says
"route" and holds it to the same 1.25 ×, or to 50 ms where it is that fast at both sizes
(a few milliseconds of noise on a shared machine would make a ratio of them).
"""

import time

from common import Row, corpus_updates, isolated, median, sqlite_corpus

SMALL = 1000
SIMILAR = 200
RUNS = 15
ROUNDS = 4  # each size measured this many times, in turn with the other (see run())
SCALE_LIMIT = 1.25


def closest(queryset, count_field: str, target: int):
    """The row whose annotated ``count_field`` is nearest ``target`` (ties: lowest pk)."""
    rows = list(queryset.values_list("pk", count_field))
    pk, count = min(rows, key=lambda row: (abs(row[1] - target), row[0]))
    return queryset.model.objects.get(pk=pk), count


def sample_pages() -> tuple[dict[str, str], dict[str, int]]:
    """One URL per public page type, and the sizes of what the compared pages show."""
    from django.db.models import Count, Q
    from django.urls import reverse

    from briefings.models import Actor, Briefing, Source, Update, tags_in_use, to_cursor
    from briefings.sitemaps import SITEMAPS

    published = Update.objects.published()
    briefing, briefing_size = closest(
        Briefing.objects.published().annotate(n=Count("updates", filter=Q(updates__in=published))),
        "n", SIMILAR,
    )  # fmt: skip
    mentioned = Actor.objects.public().annotate(
        n=Count("mentions", filter=Q(mentions__update__in=published))
    )
    actor, actor_size = closest(mentioned, "n", SIMILAR)
    top = mentioned.order_by("-n", "pk").first()
    source = Source.objects.public().order_by("pk").first()
    # The most used tag: its page is full (30 updates) at both sizes, like for like.
    tag = tags_in_use().order_by("-update_count", "name").first()
    update = published.filter(briefing=briefing).order_by("-posted_at").first()
    cursor = to_cursor(briefing.latest_change)
    urls = {
        "home": reverse("briefings:home"),
        "briefing list": reverse("briefings:briefing_list"),
        "briefing page": briefing.get_absolute_url(),
        "update permalink": update.get_absolute_url(),
        "poll endpoint": reverse("briefings:live", args=[briefing.slug]) + f"?after={cursor}",
        "update stream": reverse("briefings:update_list") + f"?actor={actor.slug}",
        "update stream JSON": reverse("briefings:update_list_json") + f"?actor={actor.slug}",
        "actor list": reverse("briefings:actor_list"),
        "actor page": actor.get_absolute_url(),
        "actor page, most mentioned": top.get_absolute_url(),
        "source list": reverse("briefings:source_list"),
        "source page": source.get_absolute_url(),
        "tag list": reverse("briefings:tag_list"),
        "tag page": reverse("briefings:tag", args=[tag.slug]),
        "search": reverse("briefings:search") + "?q=talks",
        "site feed": "/feeds/updates.atom",
        "sitemap index": "/sitemap.xml",
        # The first page of each section, and the briefings' last (the deepest offset).
        **{
            f"sitemap, {section}": reverse("sitemap_section", args=[section])
            for section in ("briefings", "actors", "sources", "tags")
        },
        "sitemap, briefings, last page": reverse("sitemap_section", args=["briefings"])
        + f"?p={SITEMAPS['briefings']().paginator.num_pages}",
    }
    samples = {
        "briefing": briefing.slug,
        "actor": actor.slug,
        "source": source.slug,
        "tag": tag.slug,
        "update": update.pk,
    }
    for route, url in routes(samples).items():
        if url not in urls.values():
            urls[f"route {route}"] = url
    sizes = {
        "briefing": briefing_size,
        "actor": actor_size,
        "top actor": top.n,
        "most used tag": tag.update_count,
        "most used tag's briefings": Briefing.objects.published().filter(tags=tag).count(),
    }
    sizes |= fill(sizes)
    # How many entries each list's first page shows.
    views = list_views()
    for name, entries in (
        ("briefing list", Briefing.objects.published()),
        ("actor list", Actor.objects.listed()),
        ("source list", Source.objects.listed()),
        ("tag list", tags_in_use()),
    ):
        sizes[name] = min(entries.count(), views[name].paginate_by)
    return urls, sizes


# Routes that are not pages of the site's content, and why.
NOT_MEASURED = {
    "admin/": "the editors' admin, measured by the admin's own tests",
    "_bench/": "the benchmark's own hello view",
    "static/": "files",
    "media/": "files",
    "healthz": "no content",
    "alerts/": "forms for subscribers, no content",
    "api/v1/docs/": "Swagger UI, no content",
    "__reload__/": "development only",
}


def routes(samples: dict) -> dict[str, str]:
    """Every public route of the URL resolver with its arguments filled from ``samples``:
    a slug argument from the thing its route names (actor, source, tag; a briefing
    otherwise), an id from the sample update. A route whose arguments cannot be filled is
    reported, not left out (its URL is None and measure() fails on it)."""
    import re

    from django.urls import URLResolver, get_resolver

    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    def argument(route: str, name: str) -> str:
        if name in ("pk", "update_id", "id"):
            return str(samples["update"])
        if name == "section":
            return "briefings"
        section = route.removeprefix("api/v1/").split("/", 1)[0]
        return samples.get(section.removesuffix("s"), samples["briefing"])

    # The query a route needs to answer with content.
    queries = {"updates/suggest.json": "?field=actor&q=a", "search/": "?q=talks"}
    found = {}
    for route in walk(get_resolver()):
        if route.startswith(tuple(NOT_MEASURED)) or "(?P" in route or route.startswith("^"):
            continue
        found[route] = (
            "/"
            + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, r=route: argument(r, m.group(1)), route)
            + queries.get(route, "")
        )
    return found


def list_views() -> dict:
    from briefings import views

    return {
        "briefing list": views.BriefingListView,
        "actor list": views.ActorListView,
        "source list": views.SourceListView,
        "tag list": views.TagListView,
    }


COMPARED = {  # the pages with a target → what their size is measured by (None: the page)
    "briefing page": "briefing",
    "update stream": "actor",
    "actor page": "actor",
    # Issue 14: pages that show counts or lists across all the data read stored counts or
    # bounded windows, so they too cost the same at any size.
    "briefing list": None,
    "actor list": None,
    "source list": None,
    "tag list": None,
    "tag page": "most used tag",
    "actor page, most mentioned": "top actor",
    "site feed": None,
    "sitemap index": None,
}
# Issue 14: every sitemap answer under 100 ms at any size. A section page is not compared
# with its size at 1,000 updates: it lists up to 1,000 entries at any size, but the small
# corpus has only 5 briefings to list.
SITEMAP_LIMIT_MS = 100
FAST_MS = 50  # a route this fast at the large size passes, whatever its ratio


def measure(database_url: str, list_pages: dict | None = None) -> dict:
    """Time and count every sample page on one database (runs in its own process); the
    lists show ``list_pages[name]`` entries a page when given, and the pages of FILLED what
    ``list_pages`` says of them (``fill()``)."""
    from common import setup_django

    setup_django(database_url)
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from briefings.models import Update

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    urls, sizes = sample_pages()  # at the lists' own page sizes
    for name, entries in (list_pages or {}).items():
        if name in FILLED:
            view, attribute = FILLED[name]
            setattr(view_class(view), attribute, entries)
        else:
            list_views()[name].paginate_by = entries
    result = {"updates": Update.objects.count(), "sizes": sizes, "pages": {}}
    queries = []

    def count(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(time.perf_counter() - start)

    for name, url in urls.items():
        response = client.get(url)  # warm-up: the database's pages into memory
        assert response.status_code == 200, (url, response.status_code)
        cache.clear()
        queries.clear()
        # Not CaptureQueriesContext: each request starts by emptying connection.queries.
        with connection.execute_wrapper(count):
            client.get(url)
        times = []
        for _ in range(RUNS if name in COMPARED else 3):
            cache.clear()
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        result["pages"][name] = {
            "bytes": len(response.content),
            "ms": median(times),
            "queries": len(queries),
            "sql_ms": sum(queries) * 1000,
            "url": url,
        }
    return result


def why(name: str, small: dict, large: dict) -> str:
    before, after = small["pages"][name], large["pages"][name]
    sql = f"SQL {before['sql_ms']:.1f} → {after['sql_ms']:.1f} ms"
    if after["sql_ms"] - before["sql_ms"] > (after["ms"] - before["ms"]) / 2:
        return f"{sql}, the queries grow with the data"
    reason = f"{sql}: the time is in Python and templates, not queries"
    if after["bytes"] > before["bytes"] * SCALE_LIMIT:
        reason += f" (the page grew from {before['bytes']:,} to {after['bytes']:,} bytes)"
    return reason


# Pages whose bounded parts the small corpus does not fill, compared at the size it fills
# (as the lists are): what is measured is whether a part costs more when the database holds
# more, not a full window against a third of one. name → (view, its attribute).
FILLED = {
    "tag page, updates shown": ("TagDetailView", "paginate_by"),
    "tag page, briefings shown": ("TagDetailView", "briefings_shown"),
    "actor page, window of latest mentions": ("ActorDetailView", "window"),
}
FILLED_PAGES = {
    "tag page": ("tag page, updates shown", "tag page, briefings shown"),
    "actor page, most mentioned": ("actor page, window of latest mentions",),
}


def view_class(name: str):
    from briefings import views

    return getattr(views, name)


def fill(sizes: dict) -> dict:
    """How much of each FILLED part this corpus fills, from its sample ``sizes`` (called
    where Django is set up: run() takes the small corpus's)."""
    return {
        "tag page, updates shown": min(
            sizes["most used tag"], view_class("TagDetailView").paginate_by
        ),
        "tag page, briefings shown": min(
            sizes["most used tag's briefings"], view_class("TagDetailView").briefings_shown
        ),
        "actor page, window of latest mentions": min(
            sizes["top actor"], view_class("ActorDetailView").window
        ),
    }


def list_views_names() -> tuple[str, ...]:
    return ("briefing list", "actor list", "source list", "tag list")


def lowest(results: list[dict]) -> dict:
    """One result from several rounds of ``measure`` on one database: each page's lowest
    median time and SQL time (its query count and size are the same in every round)."""
    best = results[0]
    for result in results[1:]:
        for name, page in result["pages"].items():
            for figure in ("ms", "sql_ms"):
                best["pages"][name][figure] = min(best["pages"][name][figure], page[figure])
    return best


def run() -> list[Row]:
    large_size = corpus_updates()
    urls = {
        SMALL: f"sqlite:///{sqlite_corpus(SMALL)}",
        large_size: f"sqlite:///{sqlite_corpus(large_size)}",
    }
    # The two sizes are measured in turn, small-large then large-small, and each page keeps
    # its lowest median: on a shared machine the load comes and goes within a minute, and two
    # figures measured one after the other under different loads make a ratio of the load.
    # The lists are paginated, and the large corpus fills more of a page (33 sources against
    # 3): they are compared at the page size the small corpus fills, so that what is compared
    # is a page of the same size (the lists' number of pages grows, not their pages).
    results = {SMALL: [], large_size: []}
    list_pages = None
    for round_ in range(ROUNDS):
        for size in (SMALL, large_size) if round_ % 2 == 0 else (large_size, SMALL):
            result = isolated("bench_scale", "measure", urls[size], list_pages)
            results[size].append(result)
            if size == SMALL and list_pages is None:
                list_pages = {name: result["sizes"][name] for name in list_views_names()}
                list_pages |= {name: result["sizes"][name] for name in FILLED}
    small, large = lowest(results[SMALL]), lowest(results[large_size])
    label = f"{large_size:,}"
    rows = []
    for name, size in COMPARED.items():
        before, after = small["pages"][name]["ms"], large["pages"][name]["ms"]
        ratio = after / before
        shown = (
            f"; {size} of {small['sizes'][size]:,} vs {large['sizes'][size]:,} "
            + ("mentions" if "actor" in size else "updates")
            if size
            else ""
        )
        if name in FILLED_PAGES:
            shown += (
                "; "
                + ", ".join(
                    f"{what} {list_pages[what]:,} at both sizes" for what in FILLED_PAGES[name]
                )
                + " (as many as the 1,000-update corpus fills; bounded at any size)"
            )
        if name in list_pages:
            shown = (
                f"; a page of {list_pages[name]} entries at both sizes (as many as the "
                f"1,000-update corpus has; {large['sizes'][name]} on the large one's first "
                "page at the production page size)"
            )
        rows.append(
            Row(
                f"scale: {name}, {label} vs 1,000 updates", ratio, "×", f"≤ {SCALE_LIMIT:g}",
                ratio <= SCALE_LIMIT,
                f"{before:.1f} → {after:.1f} ms, lowest median of {RUNS} in {ROUNDS} rounds, SQLite"
                f"{shown}"
                + ("" if ratio <= SCALE_LIMIT else "; why: " + why(name, small, large)),
            )
        )  # fmt: skip
    for name, page in large["pages"].items():
        # Every page measured and not compared above (the home page, a permalink, the poll
        # endpoint, a source's page, search …) is held to the routes' rule too: a page
        # nobody compared cannot grow unseen (the home page read 175 ms of SQL at 1,000,000).
        if name not in COMPARED and not name.startswith("sitemap"):
            before, after = small["pages"][name]["ms"], page["ms"]
            ratio = after / before
            met = ratio <= SCALE_LIMIT or after < FAST_MS
            rows.append(
                Row(
                    f"scale: {name}, {label} vs 1,000 updates", ratio, "×",
                    f"≤ {SCALE_LIMIT:g} or < {FAST_MS} ms", met,
                    f"{before:.1f} → {after:.1f} ms, lowest median of 3 in {ROUNDS} rounds, "
                    f"SQLite; {page['url']}"
                    + ("" if met else "; why: " + why(name, small, large)),
                )
            )  # fmt: skip
        if name.startswith("sitemap"):
            rows.append(
                Row(
                    f"scale: {name}, {label} updates", page["ms"], "ms",
                    f"< {SITEMAP_LIMIT_MS}", page["ms"] < SITEMAP_LIMIT_MS,
                    f"lowest median of {RUNS} in {ROUNDS} rounds, SQLite; {page['bytes']:,} bytes "
                    f"({page['bytes'] // 90:,} entries or so); SQL {page['sql_ms']:.1f} ms",
                )
            )  # fmt: skip
    stream = "update stream"
    before, after = small["pages"][stream]["bytes"], large["pages"][stream]["bytes"]
    # Its own results are 30 updates a page at both sizes; what must not grow is the rest.
    rows.append(
        Row(
            f"scale: update stream page weight, {label} vs 1,000 updates", after / before, "×",
            f"≤ {SCALE_LIMIT:g}", after / before <= SCALE_LIMIT,
            f"{before / 1000:,.1f} → {after / 1000:,.1f} KB of HTML (type-to-search fields, "
            "no menus of every actor, source and briefing)",
        )
    )  # fmt: skip
    for name in small["pages"]:
        before, after = small["pages"][name], large["pages"][name]
        rows.append(
            Row(
                f"queries: {name}",
                after["queries"],
                f"at {label}",
                "same as at 1,000",
                after["queries"] == before["queries"],
                f"{before['queries']} at 1,000; {before['ms']:.1f} → {after['ms']:.1f} ms "
                f"(SQL {before['sql_ms']:.1f} → {after['sql_ms']:.1f} ms)",
            )
        )
    return rows
