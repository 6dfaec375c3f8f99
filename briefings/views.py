"""Public pages. Thin: every queryset starts from ``published()``."""

from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.paginator import InvalidPage
from django.db import DatabaseError, connection, models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from . import charts
from .cache import cache_key, cache_until_changed
from .filters import MAX_QUERY, NAMED, UpdateFilter, suggestions
from .models import (
    Actor,
    Briefing,
    BriefingState,
    Citation,
    Mention,
    Quote,
    Resemblance,
    Source,
    Update,
    briefing_state,
    has_settled,
    newest_update_id,
    settle_due_counts,
    taggings_of,
    tags_in_use,
    to_cursor,
)
from .pagination import BoundedPaginator
from .prepared import PreparedQuery
from .search import MAX_QUERY_LENGTH, search
from .structured_data import absolute_url
from .templatetags.fragments import KeptPage, placement

UPDATES_PER_PAGE = 30
STATEMENTS = 20  # the latest quotes on an actor's page
CO_MENTIONED = 8  # "often mentioned with" on an actor's page
# An actor's or a source's chart and "often mentioned with" read its latest this many
# mentions or citations, so they cost the same for an actor named a million times; the page
# says so when there are more.
LATEST = 1000


class HomeView(TemplateView):
    template_name = "briefings/home.html"

    def get_context_data(self, **kwargs):
        published = Briefing.objects.published()
        return super().get_context_data(
            live_briefings=published.live().order_by("-coverage_start", "-published_at")[:10],
            latest_briefings=published.exclude(Briefing.live_condition())[:10],
            # In order, walked down posted_at: published() sorted every published update
            # (175 ms of SQL at 1,000,000).
            latest_updates=Update.objects.published_in_order().for_display().newest_first()[:10],
            **kwargs,
        )


class StoredCountsList(ListView):
    """A list that shows stored counts (``briefings.models.counts``): what came due since
    the last request is counted first."""

    def get(self, request, *args, **kwargs):
        settle_due_counts()
        return super().get(request, *args, **kwargs)


class BriefingListView(StoredCountsList):
    template_name = "briefings/briefing_list.html"
    context_object_name = "briefings"
    paginate_by = 20

    def get_queryset(self):
        # update_count is stored: how many of the briefing's updates readers may see.
        return Briefing.objects.published().order_by("-published_at", "-pk")


def briefing_with_change_moments(request, slug, **kwargs) -> BriefingState | None:
    """The briefing's state for the caches: from the cache itself when it is current."""
    return briefing_state(slug)


def briefing_version(state: BriefingState) -> str:
    """When the briefing last changed, the token its changes replace, and whether it is live
    (a briefing stops being live when its coverage ends, with no save)."""
    return f"{to_cursor(state.latest_change)}.{state.version}"


def _published_updates(now, briefing_id) -> models.QuerySet:
    return Update.objects.published(now).filter(briefing_id=briefing_id).in_reading_order()


# A briefing page's own queries, prepared (briefings/prepared.py): building and compiling
# them cost the ORM 7–50 times what SQLite takes to answer them.
_update_count = PreparedQuery(
    lambda now, briefing_id: (
        _published_updates(now, briefing_id)
        .order_by()
        .values("briefing_id")
        .annotate(n=Count("pk"))
        .values_list("n")
    )
)
# Pinned updates (shown whole on the first page) and key events (linked to on every page):
# one query for both.
_pinned_and_key_events = PreparedQuery(
    lambda now, briefing_id: _published_updates(now, briefing_id).filter(
        Q(is_pinned=True) | Q(is_key_event=True)
    )
)
_briefing_tags = PreparedQuery(
    # As briefing.tags.all(): in the order the tags were added.
    lambda briefing_id: (
        taggings_of(Briefing)
        .filter(object_id=briefing_id)
        .order_by("pk")
        .values_list("tag_id", "tag__slug", "tag__name")
    )
)
_also_reported_as = PreparedQuery(
    lambda now, briefing_id: Resemblance.objects.filter(
        briefing_id=briefing_id, other__in=Briefing.objects.published(now)
    ).values_list("other__slug", "other__title")
)
# The rows of a page of updates, one prepared query for each of the first pages (a slice is
# part of the SQL's text); pages further down are rarer, and asked through the ORM.
_PREPARED_PAGES = 20
_page_rows: dict[int, PreparedQuery] = {}


def _prepared_page(bottom: int) -> PreparedQuery:
    """The rows of the page of updates that starts at ``bottom``."""
    if bottom not in _page_rows:
        _page_rows[bottom] = PreparedQuery(
            lambda now, briefing_id: _published_updates(now, briefing_id)[
                bottom : bottom + UPDATES_PER_PAGE
            ]
        )
    return _page_rows[bottom]


class PublishedUpdates:
    """A briefing's published updates in reading order, as its paginator reads them: the
    count and the rows of one page, through prepared queries, at the moment ``now``."""

    ordered = True

    def __init__(self, briefing_id: int, now):
        self.briefing_id, self.now = briefing_id, now

    def count(self) -> int:
        found = _update_count(self.now, self.briefing_id)
        return found[0][0] if found else 0

    def __getitem__(self, window: slice) -> list:
        bottom, top = window.start or 0, window.stop
        pages = _PREPARED_PAGES * UPDATES_PER_PAGE
        if (
            top is None
            or bottom >= pages
            or bottom % UPDATES_PER_PAGE
            or top - bottom > UPDATES_PER_PAGE
        ):
            return list(_published_updates(self.now, self.briefing_id)[window])
        # A whole page's window, cut to the last page's rows: one query for each page.
        return _prepared_page(bottom)(self.now, self.briefing_id)[: top - bottom]

    def queryset(self) -> models.QuerySet:
        return _published_updates(self.now, self.briefing_id)


@method_decorator(cache_until_changed(briefing_with_change_moments, briefing_version), name="get")
class BriefingDetailView(ListView):
    """A briefing and its updates: pinned and key events on top, then newest first.

    The cache in front of it fetches the briefing, with its change moments, and hands it
    over: the page asks for it once, and the live cursor costs no query of its own.
    """

    template_name = "briefings/briefing_detail.html"
    context_object_name = "updates"
    paginate_by = UPDATES_PER_PAGE

    def get(self, request, *args, obj=None, **kwargs):
        if obj is None:
            raise Http404("No published briefing has this address.")
        self.briefing = obj
        self.now = timezone.now()  # one moment for every query of the page
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # The rows alone: the page takes its updates' HTML and JSON-LD from the kept pieces,
        # and loads with for_display() only those whose pieces are missing (KeptPage).
        return PublishedUpdates(self.briefing.pk, self.now)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        marked = _pinned_and_key_events(self.now, self.briefing.pk)
        context.update(self.kept_updates(context["page_obj"], [u for u in marked if u.is_pinned]))
        key_events = [u for u in marked if u.is_key_event]
        context.update(
            briefing=self.briefing,
            live_cursor=to_cursor(self.briefing.latest_change) if self.briefing.is_live else "",
            poll_seconds=settings.NEWSROOM_POLL_SECONDS,
            key_events=key_events,
            **self.timeline(key_events),
            tags=[
                Tag(pk=pk, slug=slug, name=name)
                for pk, slug, name in _briefing_tags(self.briefing.pk)
            ],
            also_reported_as=[
                Briefing(slug=slug, title=title)
                for slug, title in _also_reported_as(self.now, self.briefing.pk)
            ],
        )
        return context

    def kept_updates(self, page, pinned: list) -> dict:
        """The page's updates and the pinned ones (on the first page), each with its kept
        pieces or loaded to be rendered, and the page's updates' JSON-LD. The placements
        are those of briefing_detail.html, so that every piece is read in one go."""
        rows = list(page.object_list)
        pinned = pinned if page.number == 1 else []
        article = self.briefing.kind == Briefing.Kind.ARTICLE
        placed = [(u, placement(first=i == 0)) for i, u in enumerate(pinned)]
        placed += [
            (u, placement(bare=article, first=i == 0))
            for i, u in enumerate(rows)
            if not (u.is_pinned and page.number == 1)
        ]
        kept = KeptPage(self.briefing, placed, rows)
        page.object_list = kept.updates(rows)
        return {
            "updates": page.object_list,
            "object_list": page.object_list,
            "pinned": kept.updates(pinned),
            "updates_json_ld": kept.json_ld(rows),
        }

    def timeline(self, key_events: list[Update]) -> dict:
        """A live log's updates over time, its key events marked (digests and articles have no
        clock worth charting). It reads up to ``charts.WINDOW`` update times, so it is kept
        under the briefing's latest change (which every change to its updates moves) once
        that has settled, as the page is (``cache_until_changed``), and kept as the HTML of
        its chart: drawing it took a tenth of a cold page's time."""
        if self.briefing.kind != Briefing.Kind.LIVE:
            return {}
        changed, key = self.briefing.latest_change, None
        if changed is not None and has_settled(changed):
            parts = [str(self.briefing.pk), self.briefing.time_zone, changed.isoformat()]
            key = cache_key("timeline-chart", *parts)
            if (kept := cache.get(key)) is not None:
                return kept
        chart = charts.activity(
            charts.recent_moments(self.object_list.queryset()),
            self.briefing.time_zone,
            "update",
            highlight=[update.posted_at for update in key_events],
        )
        marked = chart is not None and any(bar.highlighted for bar in chart.bars)
        heading = "Updates over time" + (", key events marked" if marked else "")
        drawn = {"chart": chart, "chart_id": "timeline", "heading": heading}
        timeline = {
            "activity": chart,
            "activity_html": render_to_string("briefings/_chart.html", drawn) if chart else "",
        }
        if key is not None:
            cache.set(key, timeline, settings.NEWSROOM_FRAGMENT_CACHE_SECONDS)
        return timeline


class UpdateDetailView(DetailView):
    template_name = "briefings/update_detail.html"
    context_object_name = "update"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Update.objects.published().for_display(),
            pk=self.kwargs["pk"],
            briefing__slug=self.kwargs["slug"],
        )


class ActorListView(StoredCountsList):
    template_name = "briefings/actor_list.html"
    context_object_name = "actors"
    paginate_by = 100

    def get_queryset(self):
        return Actor.objects.listed().order_by("name", "pk")


class EntryUpdatesList(StoredCountsList):
    """The updates that refer to one entry (an actor's mentions, a source's citations, a
    tag's taggings), newest first, numbered in pages by the entry's stored count rather than
    by counting them, and found the cheaper way for how many there are
    (``UpdateQuerySet.referred_to_by``): a page costs about the same for an actor named ten
    times or a hundred thousand."""

    context_object_name = "updates"
    paginate_by = UPDATES_PER_PAGE
    window = LATEST  # how many of the latest references the chart and the like read

    def referring(self, rows, key: str, entry):
        """``entry``'s updates: ``rows`` refer to them by ``key``; the entry carries its
        stored count (``count``) and ``newest_update_id``."""
        self.stored_count = count = entry.count
        return (
            Update.objects.published_in_order()
            .referred_to_by(
                rows, key, count, self.reach(count), entry.newest_update_id, newest_only=True
            )
            .for_display()
            .newest_first()
        )

    def reach(self, count: int) -> int:
        """How far down the list the requested page reads."""
        page = self.request.GET.get(self.page_kwarg) or 1
        if page == "last":
            return count
        try:
            return max(int(page), 1) * self.paginate_by
        except ValueError:
            return self.paginate_by  # the paginator answers 404

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        paginator.count = self.stored_count  # stored, not counted again
        return paginator

    def latest(self, rows, key: str) -> models.QuerySet:
        """The updates of the newest ``window`` of ``rows`` (by id) that readers may see: what
        a chart and "often mentioned with" read, a bounded window whatever the entry."""
        visible = Update.objects.published_in_order().filter(pk=OuterRef(key))
        window = rows.filter(Exists(visible)).order_by("-pk").values(key)[: self.window]
        return Update.objects.filter(pk__in=window)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest=f"{self.window:,}" if self.stored_count > self.window else "", **kwargs
        )


class ActorDetailView(EntryUpdatesList):
    template_name = "briefings/actor_detail.html"

    def get_queryset(self):
        # The affiliation is linked to only when it has a page of its own.
        affiliation_is_public = Exists(Actor.objects.public().filter(pk=OuterRef("affiliation")))
        self.actor = get_object_or_404(
            Actor.objects.public()
            .select_related("affiliation")
            .annotate(
                affiliation_is_public=affiliation_is_public,
                count=F("mention_count"),
                newest_update_id=newest_update_id(),
            ),
            slug=self.kwargs["slug"],
        )
        self.mentions = Mention.objects.filter(actor=self.actor)
        return self.referring(self.mentions, "update", self.actor)

    def get_context_data(self, **kwargs):
        published = Update.objects.published()
        # The newest published of the actor's latest quotes (a window by id, ten times what
        # is shown, so an actor quoted a thousand times costs no more). EXISTS rather than
        # update__in=published: SQLite would first list every published update.
        quotes = Quote.objects.filter(actor=self.actor).order_by("-pk")[: 10 * STATEMENTS]
        statements = (
            Quote.objects.filter(pk__in=quotes.values("pk"))
            .filter(Exists(published.filter(pk=OuterRef("update"))))
            .select_related("update__briefing")
            .order_by("-update__posted_at", "-update_id", "position", "pk")[:STATEMENTS]
        )
        latest = self.latest(self.mentions, "update")
        # Actors named in the same updates, most often first, in the latest mentions.
        # listed(), not public(): the stored count says what public() would find by an
        # EXISTS for each row of the join (14 ms of a 1,000-update window).
        together = (
            Actor.objects.listed()
            .filter(mentions__update__in=latest)
            .exclude(pk=self.actor.pk)
            .annotate(together=Count("mentions"))
            .order_by("-together", "name", "pk")[:CO_MENTIONED]
        )
        activity = charts.activity(charts.recent_moments(latest), "UTC", "mention")
        return super().get_context_data(
            actor=self.actor,
            statements=statements,
            mentioned_with=together,
            activity=activity,
            **kwargs,
        )


class SourceListView(StoredCountsList):
    template_name = "briefings/source_list.html"
    context_object_name = "sources"
    paginate_by = 100

    def get_queryset(self):
        return Source.objects.listed().order_by("name", "pk")


class SourceDetailView(EntryUpdatesList):
    template_name = "briefings/source_detail.html"

    def get_queryset(self):
        self.source = get_object_or_404(
            Source.objects.public().annotate(
                count=F("citation_count"), newest_update_id=newest_update_id()
            ),
            slug=self.kwargs["slug"],
        )
        self.citations = Citation.objects.filter(source=self.source)
        return self.referring(self.citations, "update", self.source)

    def get_context_data(self, **kwargs):
        latest = self.latest(self.citations, "update")
        activity = charts.activity(charts.recent_moments(latest), "UTC", "citation")
        return super().get_context_data(source=self.source, activity=activity, **kwargs)


class TagListView(StoredCountsList):
    template_name = "briefings/tag_list.html"
    context_object_name = "tags"
    paginate_by = 200

    def get_queryset(self):
        return tags_in_use()


class TagDetailView(EntryUpdatesList):
    template_name = "briefings/tag_detail.html"
    briefings_shown = 20

    def get_queryset(self):
        self.tag = get_object_or_404(
            tags_in_use().annotate(count=F("update_count"), newest_update_id=newest_update_id()),
            slug=self.kwargs["slug"],
        )
        taggings = taggings_of(Update).filter(tag=self.tag)
        return self.referring(taggings, "object_id", self.tag)

    def get_context_data(self, **kwargs):
        briefings = Briefing.objects.published().filter(tags__slug=self.tag.slug)
        briefings = briefings[: self.briefings_shown]
        return super().get_context_data(tag=self.tag, briefings=briefings, **kwargs)


class UpdateStreamView(StoredCountsList):
    """``/updates/``: every published update, narrowed by the reader's filters (its topic
    menu reads the stored counts)."""

    template_name = "briefings/update_list.html"
    context_object_name = "updates"
    paginate_by = UPDATES_PER_PAGE
    paginator_class = BoundedPaginator  # "1,000+ updates": no count of everything

    def get_queryset(self):
        self.filterset = stream_filter(self.request)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return Update.objects.none()
        return self.filterset.qs.for_display().newest_first()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter=self.filterset, query_string=query.urlencode(), **kwargs
        )


def stream_filter(request) -> UpdateFilter:
    """The update stream's filters over what readers may see, walked newest first on the
    posted_at index (``published_in_order``), so an unfiltered page reads its 30 updates,
    not every published one."""
    return UpdateFilter(request.GET or None, queryset=Update.objects.published_in_order())


def update_stream_json(request):
    """``/updates.json``: the same filters and pages as ``/updates/``, as JSON; ``count``
    stops at 1,000 (``more`` says there are more)."""
    settle_due_counts()
    filterset = stream_filter(request)
    if filterset.is_bound and not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    paginator = BoundedPaginator(filterset.qs.for_display().newest_first(), 30)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        return JsonResponse({"errors": {"page": [{"message": str(error)}]}}, status=404)
    # From NEWSROOM_SITE_URL when it is set: never from the Host header a client sent.
    absolute = partial(absolute_url, request=request)
    return JsonResponse(
        {
            "count": paginator.count,
            "more": paginator.more,
            "page": page.number,
            "pages": paginator.num_pages,
            "updates": [update_as_json(update, absolute) for update in page],
        }
    )


def update_suggestions(request):
    """``/updates/suggest.json?field=actor&q=kal``: names for the update stream's
    type-to-search fields (actor, source, briefing), at most ten, whatever the data's size."""
    field, typed = request.GET.get("field", ""), request.GET.get("q", "").strip()
    if field not in NAMED:
        message = f"field must be one of: {', '.join(NAMED)}"
        return JsonResponse({"errors": {"field": [{"message": message}]}}, status=400)
    if len(typed) > MAX_QUERY:
        message = f"q is longer than {MAX_QUERY} characters"
        return JsonResponse({"errors": {"q": [{"message": message}]}}, status=400)
    settle_due_counts()
    return JsonResponse(
        {"field": field, "q": typed, "results": suggestions(field, typed) if typed else []}
    )


def update_as_json(update: Update, absolute) -> dict:
    primary, see_also = update.cited()
    return {
        "id": update.pk,
        "url": absolute(update.get_absolute_url()),
        "briefing": {
            "title": update.briefing.title,
            "url": absolute(update.briefing.get_absolute_url()),
        },
        "posted_at": update.posted_at.isoformat(),
        "headline": update.headline,
        "html": update.body_html,
        "sources": [
            {"name": c.source.name, "role": c.role, "url": c.url} for c in [*primary, *see_also]
        ],
        "actors": [
            {"name": m.actor.name, "url": absolute(m.actor.get_absolute_url())}
            for m in update.mentions.all()
        ],
        "tags": [tag.name for tag in update.tags.all()],
        "corrections": [
            {"text": c.text, "published_at": c.published_at.isoformat()}
            for c in update.corrections.all()
        ],
        # embeds.Embed rows, prefetched by for_display(); read by name, not imported.
        "embeds": [embed.as_json() for embed in update.embeds.all()],
    }


def bad_request(request, exception):
    """The 400 page: says so when the request was too large (Django's limits on uploads and
    form data), so an editor knows why nothing was saved."""
    too_large = isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent)
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    context = {"too_large": too_large, "limit_mb": f"{limit / 1024 / 1024:g}"}
    return render(request, "400.html", context, status=400)


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


class SearchView(ListView):
    """/search/?q=: published updates matching the words, best first. Bad input (an empty or
    overlong query, a page that is not a number or past the end) gets an answer, not an error.
    """

    template_name = "briefings/search.html"
    context_object_name = "hits"
    paginate_by = 20

    def get_queryset(self):
        self.q = " ".join(self.request.GET.get("q", "").split())
        self.problem = ""
        if not self.q:
            return []
        if len(self.q) > MAX_QUERY_LENGTH:
            self.problem = f"Searches are limited to {MAX_QUERY_LENGTH} characters."
            return []
        results = search(self.q)  # lazy: the paginator counts it and takes one page
        if not results.terms:
            self.problem = "Type one or more words, “an exact phrase” or a prefix*."
            return []
        return results

    def paginate_queryset(self, queryset, page_size):
        # Forgiving, unlike the other lists: a reader who edits the query keeps the page
        # parameter, so a page past the end shows the last one, and a bad one the first.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        query_string = self.request.GET.copy()
        query_string.pop("page", None)
        context = super().get_context_data(
            q=self.q,
            problem=self.problem,
            searched=bool(self.q and not self.problem),
            max_length=MAX_QUERY_LENGTH,
            query_string=query_string.urlencode(),
            **kwargs,
        )
        count = context["paginator"].count if context.get("paginator") else 0
        # Past the bound, matches are not counted: "1,000+".
        more = getattr(self.object_list, "more", False)
        context["count_label"] = f"{count:,}+" if more else f"{count:,}"
        return context
