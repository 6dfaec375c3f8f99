"""Stored counts (briefings.models.counts) equal the counts recomputed from the published()
rule after any sequence of changes: saves, deletes, publishing, scheduling and time passing,
tags, merges and imports."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings import services
from briefings.models import (
    Actor,
    Briefing,
    Citation,
    Mention,
    Source,
    Status,
    Update,
    counts,
    settle_due_counts,
    tags_in_use,
)
from tests.factories import ActorFactory, BriefingFactory, SourceFactory, UpdateFactory

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
START = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
TAGS = ["sanctions", "air defence", "talks"]


def pick(rows, i):
    rows = list(rows)
    return rows[i % len(rows)] if rows else None


def new_update(state, i, j):
    briefing = pick(Briefing.objects.all(), i)
    if briefing is None:
        return
    now = timezone.now()
    kind = j % 4
    update = UpdateFactory(
        briefing=briefing,
        status=Status.DRAFT if kind == 1 else Status.PUBLISHED,
        publish_at={2: now + dt.timedelta(minutes=15), 3: now - dt.timedelta(minutes=5)}.get(kind),
    )
    update.tags.add(TAGS[j % len(TAGS)])
    Mention.objects.create(update=update, actor=pick(Actor.objects.all(), i + j))


def set_update_status(state, i, j):
    update = pick(Update.objects.all(), i)
    if update is not None:
        update.status = Status.PUBLISHED if j % 2 else Status.DRAFT
        update.save()


def reschedule(state, i, j):
    update = pick(Update.objects.all(), i)
    if update is not None:
        update.publish_at = timezone.now() + dt.timedelta(minutes=5 * j) if j % 3 else None
        update.status = Status.PUBLISHED
        update.save()


def delete_update(state, i, j):
    update = pick(Update.objects.all(), i)
    if update is not None:
        update.delete()


def mention(state, i, j):
    update, actor = pick(Update.objects.all(), i), pick(Actor.objects.all(), j)
    if update is not None and actor is not None:
        Mention.objects.get_or_create(update=update, actor=actor)


def unmention(state, i, j):
    row = pick(Mention.objects.all(), i)
    if row is not None:
        row.delete()


def move_mention(state, i, j):
    row, actor = pick(Mention.objects.all(), i), pick(Actor.objects.all(), j)
    if row is None:
        return
    taken = actor is None or Mention.objects.filter(update=row.update_id, actor=actor).exists()
    if not taken:
        row.actor = actor
        row.save()


def cite(state, i, j):
    update, source = pick(Update.objects.all(), i), pick(Source.objects.all(), j)
    if update is not None and source is not None:
        Citation.objects.get_or_create(update=update, source=source)


def uncite(state, i, j):
    row = pick(Citation.objects.all(), i)
    if row is not None:
        row.delete()


def tag(state, i, j):
    owner = pick([*Update.objects.all(), *Briefing.objects.all()], i)
    if owner is not None:
        owner.tags.add(TAGS[j % len(TAGS)])


def untag(state, i, j):
    owner = pick([*Update.objects.all(), *Briefing.objects.all()], i)
    if owner is not None:
        if j % 2:
            owner.tags.remove(TAGS[j % len(TAGS)])
        else:
            owner.tags.clear()


def publish_briefing(state, i, j):
    briefing = pick(Briefing.objects.all(), i)
    if briefing is not None:
        briefing.status = Status.PUBLISHED
        briefing.published_at = timezone.now() + dt.timedelta(minutes=10 * (j % 3 - 1))
        briefing.save()


def unpublish_briefing(state, i, j):
    briefing = pick(Briefing.objects.all(), i)
    if briefing is not None:
        briefing.status = Status.DRAFT
        briefing.save()


def delete_briefing(state, i, j):
    if Briefing.objects.count() > 1:
        pick(Briefing.objects.all(), i).delete()


def merge(state, i, j):
    keep, other = pick(Actor.objects.all(), i), pick(Actor.objects.all(), j)
    if keep is not None and other is not None and keep.pk != other.pk:
        services.merge_into(keep, [other])
    elif Actor.objects.count() < 3:
        ActorFactory()


def review(state, i, j):
    actor = pick(Actor.objects.all(), i)
    if actor is not None:
        actor.is_reviewed = bool(j % 2)
        actor.save()


def wait(state, i, j):
    state["clock"].tick(dt.timedelta(minutes=4 * (j + 1)))


OPERATIONS = [
    new_update,
    set_update_status,
    reschedule,
    delete_update,
    mention,
    unmention,
    move_mention,
    cite,
    uncite,
    tag,
    untag,
    publish_briefing,
    unpublish_briefing,
    delete_briefing,
    merge,
    review,
    wait,
]
STEPS = st.lists(
    st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 7), st.integers(0, 7)), max_size=30
)


def assert_counts_right():
    assert counts.differences() == []
    # The lists' rule from stored counts is public(), the rule of every other surface.
    for model in (Actor, Source):
        assert set(model.objects.listed()) == set(model.objects.public())


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_stored_counts_equal_recomputed_counts_after_any_changes(steps):
    cache.clear()
    with freeze_time(START) as clock, transaction.atomic():
        published = BriefingFactory(published_at=START - dt.timedelta(hours=1))
        BriefingFactory(status=Status.DRAFT, published_at=None)
        ActorFactory.create_batch(3)
        SourceFactory.create_batch(2)
        UpdateFactory(briefing=published)
        state = {"clock": clock}
        for operation, i, j in steps:
            operation(state, i, j)
        # What came due while nothing was saved is counted by the next list request.
        settle_due_counts()
        assert_counts_right()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_a_scheduled_update_is_counted_by_the_first_list_request_after_it_comes_due(client):
    cache.clear()
    with freeze_time(START) as clock:
        actor = ActorFactory(name="Kaja Kallas")
        update = UpdateFactory(publish_at=START + dt.timedelta(minutes=30))
        Mention.objects.create(update=update, actor=actor)
        update.tags.add("sanctions")
        assert "Kaja Kallas" not in client.get("/actors/").text  # not before readers see it
        assert not tags_in_use().exists()
        clock.tick(dt.timedelta(minutes=31))
        assert "Kaja Kallas" in client.get("/actors/").text
        assert [t.name for t in tags_in_use()] == ["sanctions"]
        actor.refresh_from_db()
        assert actor.mention_count == 1
        assert Briefing.objects.get().update_count == 1
        assert_counts_right()


@pytest.mark.django_db
def test_what_came_due_is_read_on_the_indexes_of_what_is_not_counted():
    """Every list and sitemap request asks what came due first: it must read the partial
    indexes of uncounted rows, not walk every published briefing (SQLite's planner took the
    (status, published_at) index while the partial one held only published_at: ~1 ms a
    request at 5,000 briefings)."""
    BriefingFactory.create_batch(30)
    for briefing in Briefing.objects.all():
        UpdateFactory(briefing=briefing)
    settle_due_counts()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")  # tables this small are read whole
    try:
        briefings, updates = counts.due_uncounted(timezone.now())
        assert "briefing_uncounted" in briefings.explain()
        assert "update_uncounted" in updates.explain()
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET enable_seqscan")


@pytest.mark.django_db
def test_merging_actors_moves_their_counts():
    keep, other = ActorFactory(), ActorFactory()
    both = UpdateFactory()
    for actor in (keep, other):
        Mention.objects.create(update=both, actor=actor)
    Mention.objects.create(update=UpdateFactory(), actor=other)
    Mention.objects.create(update=UpdateFactory(status=Status.DRAFT), actor=other)
    services.merge_into(keep, [other])
    keep.refresh_from_db()
    assert keep.mention_count == 2  # one of each published update; the draft's is not shown
    assert_counts_right()


@pytest.mark.django_db
def test_a_save_of_an_instance_loaded_earlier_keeps_the_stored_count():
    actor = ActorFactory()
    loaded = Actor.objects.get(pk=actor.pk)
    Mention.objects.create(update=UpdateFactory(), actor=actor)
    loaded.title = "Foreign Minister"
    loaded.save()
    loaded.refresh_from_db()
    assert loaded.mention_count == 1


@pytest.mark.django_db
def test_import_counts_what_it_loads_and_rebuild_counts_agrees():
    call_command("import_briefings", "--publish", str(FIXTURES))
    assert Actor.objects.filter(mention_count__gt=0).exists()
    assert_counts_right()
    # Imported again with the entries' citations and mentions replaced: still right.
    Update.objects.filter(pk__in=Update.objects.values("pk")[:3]).update(body="changed")
    call_command("import_briefings", "--publish", str(FIXTURES))
    assert_counts_right()


@pytest.mark.django_db
def test_rebuild_counts_repairs_counts_written_behind_djangos_back(capsys):
    update = UpdateFactory()
    Mention.objects.create(update=update, actor=ActorFactory())
    Actor.objects.update(mention_count=7)  # a write that bypasses the change points
    with pytest.raises(CommandError, match="stored counts are wrong"):
        call_command("rebuild_counts", "--check")
    call_command("rebuild_counts")
    assert "Counted 1 updates" in capsys.readouterr().out
    call_command("rebuild_counts", "--check")
    assert_counts_right()
