import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from briefings.models import Briefing, Citation, Status, Update, unique_slug

from .factories import BriefingFactory, CitationFactory, SourceFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def test_published_briefing_gets_published_at():
    briefing = Briefing.objects.create(title="Talks in Brussels", status=Status.PUBLISHED)
    assert briefing.published_at is not None
    assert briefing.slug == "talks-in-brussels"


def test_slugs_are_unique():
    first = BriefingFactory(title="Talks")
    second = BriefingFactory(title="Talks")
    assert (first.slug, second.slug) == ("talks", "talks-2")
    assert unique_slug(Briefing, "Talks") == "talks-3"


def test_one_original_entry_per_briefing():
    briefing = BriefingFactory()
    UpdateFactory(briefing=briefing, is_original_entry=True)
    UpdateFactory(briefing=BriefingFactory(), is_original_entry=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        UpdateFactory(briefing=briefing, is_original_entry=True)


def test_import_key_is_unique_but_may_be_null():
    UpdateFactory(import_key=None)
    UpdateFactory(import_key=None)
    UpdateFactory(import_key="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        UpdateFactory(import_key="a" * 64)


def test_a_source_is_cited_once_per_update():
    citation = CitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(update=citation.update, source=citation.source)


def test_published_briefing_needs_published_at_in_the_database():
    briefing = BriefingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Briefing.objects.filter(pk=briefing.pk).update(published_at=None)


def test_coverage_cannot_end_before_it_starts():
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        BriefingFactory(coverage_start=now, coverage_end=now - dt.timedelta(hours=1))


def test_published_is_the_visibility_rule():
    now = timezone.now()
    visible = UpdateFactory()
    draft = UpdateFactory(status=Status.DRAFT)
    scheduled = UpdateFactory(publish_at=now + dt.timedelta(hours=1))
    due = UpdateFactory(publish_at=now - dt.timedelta(seconds=1))
    in_draft_briefing = UpdateFactory(briefing=BriefingFactory(status=Status.DRAFT))
    in_scheduled_briefing = UpdateFactory(
        briefing=BriefingFactory(published_at=now + dt.timedelta(hours=1))
    )
    published = set(Update.objects.published())
    assert visible in published and due in published
    assert not {draft, scheduled, in_draft_briefing, in_scheduled_briefing} & published
    assert set(Briefing.objects.published()) == {
        u.briefing for u in (visible, draft, scheduled, due)
    }


def test_live_means_a_live_log_without_an_end():
    now = timezone.now()
    open_log = BriefingFactory()
    ended = BriefingFactory(coverage_end=now - dt.timedelta(minutes=1))
    ends_later = BriefingFactory(coverage_end=now + dt.timedelta(hours=1))
    digest = BriefingFactory(kind=Briefing.Kind.DIGEST)
    assert set(Briefing.objects.live()) == {open_log, ends_later}
    assert open_log.is_live and ends_later.is_live
    assert not ended.is_live and not digest.is_live


def test_reading_order_newest_first_original_entry_last():
    briefing = BriefingFactory()
    start = timezone.now() - dt.timedelta(hours=10)
    original = UpdateFactory(briefing=briefing, posted_at=start, is_original_entry=True)
    early = UpdateFactory(briefing=briefing, posted_at=start + dt.timedelta(hours=1))
    late = UpdateFactory(briefing=briefing, posted_at=start + dt.timedelta(hours=8))
    # An original entry is last even when its time is later than an update's.
    original.posted_at = start + dt.timedelta(hours=9)
    original.save()
    assert list(briefing.updates.in_reading_order()) == [late, early, original]


def test_same_time_entries_keep_document_order():
    briefing = BriefingFactory()
    moment = timezone.now() - dt.timedelta(hours=1)
    entries = [UpdateFactory(briefing=briefing, posted_at=moment, position=i) for i in range(3)]
    assert list(briefing.updates.in_reading_order()) == entries


def test_body_html_is_rendered_on_save():
    update = UpdateFactory(body="**Drones** downed")
    assert update.body_html == "<p><strong>Drones</strong> downed</p>"
    update.body = "_changed_"
    update.save(update_fields=["body"])
    update.refresh_from_db()
    assert update.body_html == "<p><em>changed</em></p>"


def test_citation_roles_split_in_order():
    update = UpdateFactory()
    nbc, reuters, euractiv = (SourceFactory(name=n) for n in ("NBC News", "Reuters", "Euractiv"))
    Citation.objects.create(update=update, source=euractiv, role="see_also", position=2)
    Citation.objects.create(update=update, source=nbc, role="primary", position=0)
    Citation.objects.create(update=update, source=reuters, role="see_also", position=1)
    update = Update.objects.for_display().get(pk=update.pk)
    primary, see_also = update.cited()
    assert [c.source.name for c in primary] == ["NBC News"]
    assert [c.source.name for c in see_also] == ["Reuters", "Euractiv"]


def test_zone_label_shows_utc_as_gmt_and_summer_time():
    from briefings.models import zone_label

    summer = dt.datetime(2024, 7, 1, 12, tzinfo=dt.UTC)
    winter = dt.datetime(2024, 11, 13, 15, 15, tzinfo=dt.UTC)
    assert zone_label(winter, "UTC") == "GMT"
    assert zone_label(summer, "Europe/London") == "BST"
    assert zone_label(winter, "Europe/Kyiv") == "EET"
    assert zone_label(winter, "America/New_York") == "EST"
