"""Prepared queries (briefings/prepared.py): SQL made once, run with new values. They must
give what the ORM gives for every value, and run through the ORM when their values are not
plain parameters of one SQL text."""

import datetime as dt
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefings import views
from briefings.models import Briefing, Resemblance, Status, Update
from briefings.models.changes import _published_with_version_moments
from briefings.prepared import PreparedQuery
from briefings.templatetags.fragments import _prepared_taggings, _taggings
from images.models import LeadImage
from images.templatetags.images_tags import _lead_image

from .factories import BriefingFactory, UpdateFactory
from .images_helpers import stored_image

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def rows(results) -> list:
    """Tuples as they are; model instances as their id and every attribute they carry."""
    return [
        tuple(r)
        if isinstance(r, tuple)
        else (r.pk, sorted((k, v) for k, v in vars(r).items() if not k.startswith("_")))
        for r in results
    ]


def same_as_the_orm(prepared: PreparedQuery, *values) -> list:
    results = prepared(*values)
    assert prepared.plans[prepared.key(*values)] is not None  # prepared, not the ORM
    assert rows(results) == rows(prepared.build(*values))
    return results


@pytest.fixture
def briefing():
    briefing = BriefingFactory(published_at=NOW - dt.timedelta(days=1))
    for minutes, pinned, key in ((50, False, True), (40, True, False), (30, False, False)):
        UpdateFactory(
            briefing=briefing,
            posted_at=NOW - dt.timedelta(minutes=minutes),
            is_pinned=pinned,
            is_key_event=key,
        )
    # Scheduled for an hour after NOW, and a draft: neither is seen before its time.
    UpdateFactory(briefing=briefing, posted_at=NOW, publish_at=NOW + dt.timedelta(hours=1))
    UpdateFactory(briefing=briefing, posted_at=NOW, status=Status.DRAFT)
    for update in Update.objects.filter(briefing=briefing):
        update.tags.add("shelling", "curfew")
    briefing.tags.add("war", "energy")
    # Published before NOW by the fixture's clock, not by the real one (which moves on).
    other = BriefingFactory(published_at=NOW - dt.timedelta(days=1))
    draft = BriefingFactory(status=Status.DRAFT, published_at=None)
    for target in (other, draft):
        Resemblance.objects.create(briefing=briefing, other=target, kind="related", score=0.5)
    return briefing


@pytest.mark.parametrize("at", [NOW, NOW + dt.timedelta(hours=2)])
def test_a_briefing_pages_prepared_queries_give_what_the_orm_gives(briefing, at):
    """At NOW and after the scheduled update came due: the moment is a parameter, not a
    moment frozen into the SQL when it was made."""
    shown = 4 if at > NOW else 3
    page = same_as_the_orm(views._prepared_page(0), at, briefing.pk)
    assert len(page) == shown
    assert same_as_the_orm(views._update_count, at, briefing.pk) == [(shown,)]
    marked = same_as_the_orm(views._pinned_and_key_events, at, briefing.pk)
    assert [(u.is_pinned, u.is_key_event) for u in marked] == [(True, False), (False, True)]
    assert [name for _, _, name in same_as_the_orm(views._briefing_tags, briefing.pk)] == [
        "war",
        "energy",
    ]
    # The draft briefing it resembles is never named.
    assert len(same_as_the_orm(views._also_reported_as, at, briefing.pk)) == 1
    ids = [u.pk for u in page]
    assert len(same_as_the_orm(_prepared_taggings, *ids)) == 2 * len(ids)
    (state,) = same_as_the_orm(_published_with_version_moments, at, briefing.slug)
    assert state.latest_change is not None


def test_the_moment_and_the_address_change_between_calls(briefing):
    before = _published_with_version_moments(NOW, briefing.slug)
    assert [b.pk for b in before] == [briefing.pk]
    assert _published_with_version_moments(NOW - dt.timedelta(days=2), briefing.slug) == []
    assert _published_with_version_moments(NOW, "no-such-briefing") == []


def test_a_prepared_query_asks_what_the_orm_asks(briefing):
    with CaptureQueriesContext(connection) as prepared:
        views._pinned_and_key_events(NOW, briefing.pk)
    with CaptureQueriesContext(connection) as orm:
        list(views._pinned_and_key_events.build(NOW, briefing.pk))
    assert len(prepared) == len(orm) == 1
    assert prepared[0]["sql"].split("WHERE")[0] == orm[0]["sql"].split("WHERE")[0]


def test_a_query_that_reads_the_clock_itself_runs_through_the_orm(briefing, caplog):
    """published() given no moment reads the clock: the SQL would freeze that moment, so
    the query is not prepared and the update that comes due is still seen."""
    clock = PreparedQuery(
        lambda briefing_id: Update.objects.published().filter(briefing_id=briefing_id)
    )
    with caplog.at_level(logging.WARNING, logger="briefings.prepared"):
        assert len(clock(briefing.pk)) == 3 + (timezone.now() > NOW + dt.timedelta(hours=1))
    assert clock.plans[clock.key(briefing.pk)] is None
    assert "reads the clock" in caplog.text or "does not explain" in caplog.text


def test_a_value_in_the_sql_text_runs_through_the_orm(briefing):
    sliced = PreparedQuery(lambda n: Update.objects.order_by("pk")[:n])
    assert len(sliced(2)) == 2
    assert len(sliced(3)) == 3
    assert sliced.plans[sliced.key(3)] is None


def test_ids_for_an_in_are_prepared_by_their_count(briefing):
    ids = list(Update.objects.values_list("pk", flat=True))
    assert len(_prepared_taggings(*ids[:2])) == 4
    assert len(_prepared_taggings(*ids[2:4])) == 4
    assert _prepared_taggings.plans[_prepared_taggings.key(*ids[:2])] is not None
    assert sorted(_prepared_taggings(*ids[:3])) == sorted(_taggings(*ids[:3]))


def test_a_briefing_taken_down_is_not_found_by_a_prepared_query(briefing):
    assert _published_with_version_moments(NOW, briefing.slug)
    Briefing.objects.filter(pk=briefing.pk).update(status=Status.DRAFT)
    assert _published_with_version_moments(NOW, briefing.slug) == []


def test_a_prepared_query_fills_the_rows_it_selects_with_its_own(briefing, settings, tmp_path):
    """The lead image and its picture in one query, as select_related() gives them."""
    settings.MEDIA_ROOT = tmp_path
    assert same_as_the_orm(_lead_image, briefing.pk) == []
    image = stored_image(caption="The harbour")
    LeadImage.objects.create(briefing=briefing, image=image)
    (lead,) = same_as_the_orm(_lead_image, briefing.pk)
    with CaptureQueriesContext(connection) as asked:
        assert lead.image.caption == "The harbour"
    assert len(asked) == 0
