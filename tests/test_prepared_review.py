"""A second look at prepared queries (briefings/prepared.py): values that the probes did not
stand for must never be run through a plan learnt from them. Each test compares what a
``PreparedQuery`` gives with what the ORM gives for the same values, many of them
generated, in the order a process would meet them (the first call learns the plan)."""

import datetime as dt
import signal
import threading
import warnings
import zoneinfo
from contextlib import contextmanager
from itertools import count
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Q
from django.db.models.functions import ExtractHour
from django.db.utils import ConnectionDoesNotExist
from django.utils import timezone
from freezegun import freeze_time
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from taggit.models import TaggedItem

from briefings import prepared as prepared_module
from briefings import views
from briefings.models import Briefing, Resemblance, Status, Update
from briefings.models.changes import _published_with_version_moments
from briefings.prepared import PreparedQuery
from briefings.templatetags.fragments import _taggings

from .factories import BriefingFactory, UpdateFactory
from .test_prepared import rows as attributes

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)  # Europe's clocks go forward at 1:00
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# Fixtures made once for all the examples of a test: the examples only read.
EXAMPLES = examples(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def orm(prepared: PreparedQuery, *values) -> list:
    with warnings.catch_warnings():  # a naive datetime: the ORM warns, and goes on
        warnings.simplefilter("ignore", RuntimeWarning)
        return [r if isinstance(r, tuple) else r.pk for r in prepared.build(*values)]


def same(prepared: PreparedQuery, *values) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        got = prepared(*values)
    assert [r if isinstance(r, tuple) else r.pk for r in got] == orm(prepared, *values)


@pytest.fixture
def rows():
    """Briefings whose titles hold LIKE's wildcards, quotes and capitals, some with no import
    key (NULL); updates posted on either side of a DST change, to the microsecond."""
    titles = ["50% off", "50_ off", "5000 off", 'It\'s "quoted"', "back\\slash", "CAPITAL"]
    briefings = [
        BriefingFactory(
            title=title,
            import_key=None if i % 2 else f"key-{i}",
            published_at=NOW - dt.timedelta(days=1),
        )
        for i, title in enumerate(titles)
    ]
    BriefingFactory(status=Status.DRAFT, published_at=None, title="no date")
    for i in range(12):
        UpdateFactory(
            briefing=briefings[i % 3],
            posted_at=NOW + dt.timedelta(minutes=17 * (i - 6), microseconds=i),
            position=i,
            is_pinned=bool(i % 2),
        )
    return briefings


aware_moments = st.one_of(
    st.sampled_from([NOW, NOW.replace(microsecond=0), NOW + dt.timedelta(microseconds=1)]),
    st.datetimes(
        min_value=dt.datetime(2026, 3, 28),
        max_value=dt.datetime(2026, 3, 30),
        timezones=st.sampled_from([dt.UTC, PARIS, zoneinfo.ZoneInfo("America/New_York")]),
    ),
)
# Naive: the ORM reads them in the site's time zone.
moments = aware_moments | st.datetimes(dt.datetime(2026, 3, 28), dt.datetime(2026, 3, 30))


@pytest.fixture
def paris(settings):
    """The site's zone, in which the ORM reads a naive moment: set once for every example
    (a setting's change makes every plan learnt again)."""
    settings.TIME_ZONE = "Europe/Paris"


@EXAMPLES
@given(moment=moments)
def test_moments_of_any_zone_give_what_the_orm_gives(rows, paris, moment):
    """Aware in several zones, to the microsecond, on either side of a DST change, naive
    (read by the ORM in the site's zone, Paris here, not UTC)."""
    same(_posted_since, moment)


_posted_since = PreparedQuery(
    lambda moment: Update.objects.filter(posted_at__gte=moment).order_by("pk").values_list("pk")
)


@pytest.mark.parametrize("first", [NOW, NOW.replace(tzinfo=None)])
def test_a_naive_moment_is_not_run_through_a_plan_for_aware_ones(rows, settings, first):
    settings.TIME_ZONE = "Europe/Paris"
    prepared = PreparedQuery(_posted_since.build)
    for moment in (first, NOW.replace(tzinfo=None), NOW):
        same(prepared, moment)


def test_none_after_a_string_is_null_not_equals_null(rows):
    """``filter(import_key=None)`` is ``IS NULL``; ``= NULL`` finds nothing."""
    prepared = PreparedQuery(
        lambda key: Briefing.objects.filter(import_key=key).order_by("pk").values_list("pk")
    )
    same(prepared, "key-0")
    assert len(orm(prepared, None)) == 4
    same(prepared, None)


def test_none_after_a_moment_is_the_orms(rows):
    prepared = PreparedQuery(
        lambda moment: Briefing.objects.filter(published_at=moment).values_list("pk")
    )
    same(prepared, NOW)
    same(prepared, None)


@EXAMPLES
@given(
    title=st.one_of(
        st.sampled_from(["50% off", "50_ off", "capital", "back\\slash"]),
        st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"])),
    )
)
def test_titles_with_wildcards_and_quotes_give_what_the_orm_gives(rows, title):
    """``iexact`` is ``LIKE`` on SQLite: a title's % and _ are escaped by the ORM. (No NUL:
    PostgreSQL takes none in a text, from the ORM or not; no lone surrogate, which no UTF-8
    text holds and psycopg cannot send.)"""
    same(_titled, title)


_titled = PreparedQuery(
    lambda title: (
        Briefing.objects.filter(Q(title__iexact=title) | Q(slug=title))
        .order_by("pk")
        .values_list("pk")
    )
)


def test_a_flag_after_a_number_is_the_orms(rows):
    """True is 1 to the ORM; PostgreSQL compares no integer with a boolean."""
    prepared = PreparedQuery(lambda n: Update.objects.filter(position=n).values_list("pk"))
    same(prepared, 3)
    same(prepared, True)


def test_a_number_for_a_flag_is_the_orms(rows):
    prepared = PreparedQuery(
        lambda flag: Update.objects.filter(is_pinned=flag).order_by("pk").values_list("pk")
    )
    same(prepared, 1)
    same(prepared, 0)


def test_no_ids_is_no_rows(rows):
    """An empty ``__in`` makes the ORM ask nothing (EmptyResultSet)."""
    prepared = PreparedQuery(_taggings)
    assert prepared() == []


@EXAMPLES
@given(pk=st.one_of(st.integers(-5, 20), st.integers(), st.integers(-(2**70), 2**70)))
def test_ids_of_any_size_give_what_the_orm_gives(rows, pk):
    same(_by_id, pk)


_by_id = PreparedQuery(lambda pk: Update.objects.filter(pk=pk).values_list("pk"))


@EXAMPLES
@given(first=aware_moments, second=aware_moments)
def test_two_moments_one_value_made_of_both(rows, first, second):
    """The later of two moments: each value's probes must be its own."""
    with timezone.override(dt.UTC):
        same(_since_both, first, second)


_since_both = PreparedQuery(
    lambda a, b: Update.objects.filter(posted_at__gte=max(a, b)).order_by("pk").values_list("pk")
)


def test_a_plan_made_in_one_time_zone_is_not_used_in_another(rows, settings):
    """An hour of the day is the current time zone's: its name is a parameter."""
    prepared = PreparedQuery(
        lambda moment: (
            Update.objects.filter(posted_at__lte=moment)
            .annotate(hour=ExtractHour("posted_at"))
            .order_by("pk")
            .values_list("pk", "hour")
        )
    )
    later = NOW + dt.timedelta(hours=2)
    with timezone.override(dt.UTC):
        same(prepared, later)
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):
        same(prepared, later)
    # A test's settings: the site's zone is the current one when none is activated.
    same(prepared, later)
    settings.TIME_ZONE = "America/New_York"
    same(prepared, later)


def test_a_query_for_another_database_is_not_run_on_this_one(rows):
    prepared = PreparedQuery(
        lambda pk: Update.objects.using("elsewhere").filter(pk=pk).values_list("pk")
    )
    with pytest.raises(ConnectionDoesNotExist):
        prepared(rows[0].pk)


def test_an_annotation_named_before_a_field_keeps_its_column(rows):
    """``values_list()`` gives its columns in the order they are named, annotations too."""
    prepared = PreparedQuery(
        lambda moment: (
            Update.objects.filter(posted_at__lte=moment)
            .annotate(hour=ExtractHour("posted_at"))
            .order_by("pk")
            .values_list("hour", "briefing__title", "pk")
        )
    )
    same(prepared, NOW)


@EXAMPLES
@given(picks=st.lists(st.integers(0, 14), max_size=12))
def test_ids_repeated_or_unknown_give_the_orms_taggings(rows, picks):
    """The ORM asks an ``__in`` of each id once; a plan asks each place it was given."""
    for update in Update.objects.all():
        update.tags.add("shelling", f"tag-{update.pk % 3}")
    ids = [*Update.objects.order_by("pk").values_list("pk", flat=True), -1, 10**12, 7]
    chosen = [ids[i] for i in picks]
    if chosen:
        same(_prepared_taggings, *chosen)
    else:
        assert _prepared_taggings() == []


_prepared_taggings = PreparedQuery(_taggings)


@pytest.mark.django_db(transaction=True)
def test_a_plan_learnt_in_one_thread_serves_the_others(rows):
    """gunicorn's threads share the plans, each with a connection of its own."""
    prepared = PreparedQuery(
        lambda moment, briefing_id: (
            Update.objects.published(moment)
            .filter(briefing_id=briefing_id)
            .select_related("briefing")
            .order_by("pk")
        )
    )
    seen = []

    def ask(offset: int) -> None:
        try:
            for minutes in range(-120, 120, 13):
                moment = NOW + dt.timedelta(minutes=minutes + offset, microseconds=offset)
                for briefing in rows[:3]:
                    got = prepared(moment, briefing.pk)
                    expected = list(prepared.build(moment, briefing.pk))
                    assert [(u.pk, u.posted_at, u.briefing.title) for u in got] == [
                        (u.pk, u.posted_at, u.briefing.title) for u in expected
                    ]
                    seen.append(len(got))
        finally:
            connection.close()

    thread = threading.Thread(target=ask, args=(0,))  # learns the plan
    thread.start()
    thread.join()
    threads = [threading.Thread(target=ask, args=(n,)) for n in range(1, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 5 * 3 * len(range(-120, 120, 13))
    assert prepared.plans[prepared.key(NOW, rows[0].pk)] is not None
    assert any(seen)


def test_a_distinct_query_ordered_by_another_column_gives_only_its_own(rows):
    """The ORM selects the column it orders by as well, and leaves it out of the rows."""
    prepared = PreparedQuery(
        lambda moment: (
            Update.objects.filter(posted_at__lte=moment)
            .order_by("briefing__title", "pk")
            .distinct()
            .values_list("pk")
        )
    )
    same(prepared, NOW)


class _Hung(BaseException):
    """Not an Exception: nothing on the way may take it for a reason to fall back."""


@contextmanager
def at_most(seconds: float):
    def hung(*_):
        raise _Hung(f"still learning after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("frozen", ["mock", "freezegun"])
def test_a_stopped_clock_neither_hangs_learning_nor_stops_a_plan_for_good(rows, frozen):
    """Tests stop the clock (``mock.patch`` of ``timezone.now``, freezegun): learning waits
    for it to move. It gives the ORM's rows then, and learns once the clock runs again."""
    prepared = PreparedQuery(_posted_since.build)
    stopped = (
        mock.patch("django.utils.timezone.now", return_value=NOW)
        if frozen == "mock"
        else freeze_time(NOW)
    )
    with stopped, at_most(5):
        same(prepared, NOW)
    same(prepared, NOW)
    assert prepared.plans[prepared.key(NOW)] is not None


@pytest.fixture
def page(rows):
    """The first briefing of ``rows`` with updates scheduled on either side of NOW and of
    its DST change, to the microsecond, and a briefing it resembles published at NOW."""
    briefing = rows[0]
    for minutes in (-90, -1, 0, 1, 45, 90):
        UpdateFactory(
            briefing=briefing,
            posted_at=NOW - dt.timedelta(hours=3),
            publish_at=NOW + dt.timedelta(minutes=minutes, microseconds=minutes % 7),
            is_key_event=minutes > 0,
        )
    other = BriefingFactory(published_at=NOW)
    Resemblance.objects.create(briefing=briefing, other=other, kind="related", score=0.5)
    return briefing


@EXAMPLES
@given(moment=aware_moments)
def test_a_briefing_pages_queries_at_any_moment_give_what_the_orm_gives(page, moment):
    """The page's own prepared queries, every attribute of their rows, at moments around
    the scheduled updates."""
    for prepared, values in (
        (views._update_count, (moment, page.pk)),
        (views._pinned_and_key_events, (moment, page.pk)),
        (views._also_reported_as, (moment, page.pk)),
        (views._prepared_page(0), (moment, page.pk)),
        (_published_with_version_moments, (moment, page.slug)),
    ):
        assert attributes(prepared(*values)) == attributes(prepared.build(*values))
        assert prepared.plans[prepared.key(*values)] is not None


def test_a_plan_is_learnt_again_when_a_test_changes_a_setting(rows, settings):
    """What the query is built from besides its values is frozen into its plan: a setting
    a test changes is read again, as the ORM reads it."""
    settings.NEWSROOM_REVIEW_LIMIT = 3
    prepared = PreparedQuery(
        lambda moment: (
            Update.objects.filter(
                posted_at__lte=moment, position__lt=settings.NEWSROOM_REVIEW_LIMIT
            )
            .order_by("pk")
            .values_list("pk")
        )
    )
    same(prepared, NOW)
    settings.NEWSROOM_REVIEW_LIMIT = 5
    same(prepared, NOW)


def test_a_long_running_process_still_prepares_queries_of_32_bit_columns(rows, monkeypatch):
    """After 200,000 probes (a long suite forgets its plans at every setting it changes),
    an int probe still fits a 32-bit column: PostgreSQL's range check (EmptyResultSet) would
    leave every new plan of one to the ORM."""
    monkeypatch.setattr(prepared_module, "_steps", count(200_000))
    tags = PreparedQuery(
        lambda object_id: TaggedItem.objects.filter(object_id=object_id).values_list("tag_id")
    )
    same(tags, rows[0].pk)
    assert tags.plans[tags.key(rows[0].pk)] is not None
