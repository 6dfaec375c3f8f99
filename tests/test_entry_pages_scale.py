"""An actor's, a source's and a tag's page, and the site feed, read bounded amounts whatever
the data's size (issue 14): their updates are found the cheaper of two ways
(``UpdateQuerySet.referred_to_by``) and numbered by stored counts, and an actor's chart and
"often mentioned with" read its latest mentions only, and say so."""

import datetime as dt

import feedparser
import pytest
from django.utils import timezone
from taggit.models import TaggedItem

from briefings import views
from briefings.models import Mention, Status, TagUse, Update
from tests.factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    MentionFactory,
    SourceFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2024, 11, 13, 15, 15, tzinfo=dt.UTC)


def _updates_of_every_kind(actor, source):
    """Published updates (two sharing a minute), and updates readers may not see: a draft,
    a scheduled one, one in a draft briefing and one in a briefing not yet due; each
    mentioning ``actor``, citing ``source`` and tagged "war". Returns the visible ones,
    newest first."""
    briefing = BriefingFactory()
    hidden = [
        UpdateFactory(briefing=briefing, status=Status.DRAFT, posted_at=T0),
        UpdateFactory(
            briefing=briefing, posted_at=T0, publish_at=timezone.now() + dt.timedelta(days=1)
        ),
        UpdateFactory(briefing=BriefingFactory(status=Status.DRAFT), posted_at=T0),
        UpdateFactory(
            briefing=BriefingFactory(published_at=timezone.now() + dt.timedelta(days=1)),
            posted_at=T0,
        ),
    ]
    visible = [
        UpdateFactory(briefing=briefing, posted_at=T0 - dt.timedelta(minutes=minutes))
        for minutes in (30, 0, 10, 10, 20)
    ]
    for update in [*hidden, *visible]:
        MentionFactory(update=update, actor=actor)
        CitationFactory(update=update, source=source)
        update.tags.add("war")
    return sorted(visible, key=lambda u: (u.posted_at, u.pk), reverse=True)


def _taggings():
    return TaggedItem.objects.filter(
        content_type__app_label="briefings", content_type__model="update", tag__slug="war"
    )


@pytest.mark.parametrize(
    "rows,key",
    [
        (lambda actor, source: Mention.objects.filter(actor=actor), "update"),
        (lambda actor, source: source.citations.all(), "update"),
        (lambda actor, source: _taggings(), "object_id"),
    ],
    ids=["mentions", "citations", "taggings"],
)
def test_both_ways_find_the_same_published_updates_in_the_same_order(rows, key):
    actor, source = ActorFactory(is_reviewed=True), SourceFactory(is_reviewed=True)
    expected = [u.pk for u in _updates_of_every_kind(actor, source)]
    rows = rows(actor, source)
    published = Update.objects.published_in_order()
    # A large count walks the newest updates; a count of 0 starts from the rows.
    walked = published.referred_to_by(rows, key, count=10**6, reach=30)
    from_rows = published.referred_to_by(rows, key, count=0, reach=30)
    # The walk checks the briefing and the rows with EXISTS; the other lists the rows.
    assert str(walked.query).count("EXISTS") == 2
    assert str(from_rows.query).count("EXISTS") == 1 and " IN (SELECT" in str(from_rows.query)
    for found in (walked, from_rows):
        assert list(found.newest_first().values_list("pk", flat=True)) == expected
    # newest_only: the newest ``reach`` picked from the rows first, the same as the first
    # ``reach`` of the whole list, whatever the reach.
    for reach in (1, 2, len(expected), len(expected) + 5):
        newest = published.referred_to_by(rows, key, count=0, reach=reach, newest_only=True)
        assert list(newest.newest_first().values_list("pk", flat=True)) == expected[:reach]


def test_published_in_order_is_published():
    actor, source = ActorFactory(is_reviewed=True), SourceFactory(is_reviewed=True)
    _updates_of_every_kind(actor, source)
    assert set(Update.objects.published_in_order()) == set(Update.objects.published())


@pytest.mark.parametrize("feed", ["site", "actor", "source", "tag"])
@pytest.mark.parametrize("many", [False, True], ids=["from the rows", "walking"])
def test_feeds_keep_out_what_readers_may_not_see(client, feed, many):
    actor, source = ActorFactory(is_reviewed=True), SourceFactory(is_reviewed=True)
    visible = _updates_of_every_kind(actor, source)
    if many:  # stored counts as of an entry named a million times: the feed walks
        type(actor).objects.update(mention_count=10**6)
        type(source).objects.update(citation_count=10**6)
        TagUse.objects.update(update_count=10**6)
    url = {
        "site": "/feeds/updates.atom",
        "actor": f"{actor.get_absolute_url()}updates.atom",
        "source": f"{source.get_absolute_url()}updates.atom",
        "tag": "/tags/war/updates.atom",
    }[feed]
    entries = feedparser.parse(client.get(url).content).entries
    assert [entry.link.rsplit("/", 2)[-2] for entry in entries] == [str(u.pk) for u in visible]


@pytest.mark.parametrize("kind", ["actor", "source", "tag"])
def test_pages_are_numbered_by_the_stored_count(client, kind):
    actor, source = ActorFactory(is_reviewed=True), SourceFactory(is_reviewed=True)
    briefing = BriefingFactory()
    updates = []
    for n in range(views.UPDATES_PER_PAGE + 1):
        update = UpdateFactory(
            briefing=briefing, posted_at=T0 - dt.timedelta(minutes=n), headline=f"Number {n}"
        )
        MentionFactory(update=update, actor=actor)
        CitationFactory(update=update, source=source)
        update.tags.add("war")
        updates.append(update)
    UpdateFactory(briefing=briefing, status=Status.DRAFT)  # counted by nothing
    url = {
        "actor": actor.get_absolute_url(),
        "source": source.get_absolute_url(),
        "tag": "/tags/war/",
    }[kind]
    first = client.get(url).content.decode()
    assert "Page 1 of 2" in first and "Number 0" in first and "Number 30" not in first
    second = client.get(url + "?page=2").content.decode()
    assert "Page 2 of 2" in second and "Number 30" in second and "Number 29" not in second
    assert client.get(url + "?page=last").content.decode().count("Number 30") >= 1
    assert client.get(url + "?page=3").status_code == 404


def test_an_actor_page_says_its_chart_and_companions_read_the_latest_mentions(client, monkeypatch):
    actor, rutte, sybiha = (ActorFactory(is_reviewed=True) for _ in range(3))
    rutte.name, sybiha.name = "Mark Rutte", "Andrii Sybiha"
    rutte.save(), sybiha.save()
    for hours in (2, 1, 0):  # oldest first: the latest mentions are the newest updates'
        update = UpdateFactory(posted_at=T0 - dt.timedelta(hours=hours))
        MentionFactory(update=update, actor=actor)
        # Rutte only in the oldest update, outside a window of the latest two mentions.
        MentionFactory(update=update, actor=rutte if hours == 2 else sybiha)

    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Mentions in published updates: 3 mentions from" in page
    assert "The latest" not in page and "Mark Rutte" in page

    monkeypatch.setattr(views.EntryUpdatesList, "window", 2)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "The latest 2 mentions in published updates: 2 mentions from 13 Nov, 14:00" in page
    assert f"In the latest 2 mentions of {actor.name}." in page
    assert 'Andrii Sybiha</a> <span class="count">2' in page and "Mark Rutte" not in page
    # The list of updates still holds all three.
    assert page.count('class="update-summary') == 3 or page.count(actor.name) >= 3
