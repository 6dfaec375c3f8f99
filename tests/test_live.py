"""The poll endpoint of live briefings: cursors, changes, removals, caching headers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.live import from_cursor
from briefings.models import CHANGE_OVERLAP, Status, to_cursor

from .factories import BriefingFactory, CitationFactory, CorrectionFactory, UpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing():
    return BriefingFactory(slug="live", title="Kharkiv live")


def poll(client, briefing, after=None, **headers):
    url = reverse("briefings:live", args=[briefing.slug])
    return client.get(url, {"after": after} if after is not None else {}, headers=headers)


def past(seconds):
    return timezone.now() - dt.timedelta(seconds=seconds)


def age(update, seconds):
    """Move an update's last change into the past, as if the reader saw it long ago."""
    type(update).objects.filter(pk=update.pk).update(updated_at=past(seconds))


def test_the_page_carries_the_cursor_and_the_script(client, briefing):
    update = UpdateFactory(briefing=briefing)
    page = client.get(briefing.get_absolute_url()).content.decode()
    update.refresh_from_db()
    assert f'data-cursor="{to_cursor(update.updated_at)}"' in page
    assert "briefings/live.js" in page
    assert "Refresh for the latest updates" in page  # without JavaScript


def test_an_ended_briefing_does_not_poll(client):
    ended = BriefingFactory(coverage_end=past(60))
    UpdateFactory(briefing=ended)
    page = client.get(ended.get_absolute_url()).content.decode()
    assert "live.js" not in page and "data-live-url" not in page
    assert poll(client, ended, "0").json()["live"] is False


def test_new_updates_since_the_cursor_arrive_with_their_html(client, briefing):
    old = UpdateFactory(briefing=briefing, body="Old news.")
    age(old, 60)
    cursor = poll(client, briefing).json()["cursor"]
    new = UpdateFactory(briefing=briefing, headline="Sirens in Kyiv", body="Take cover.")
    CitationFactory(update=new)
    data = poll(client, briefing, cursor).json()
    assert [u["id"] for u in data["updates"]] == [new.pk]
    assert "Sirens in Kyiv" in data["updates"][0]["html"]
    assert f'id="update-{new.pk}"' in data["updates"][0]["html"]
    assert data["removed"] == []
    assert int(data["cursor"]) > int(cursor)
    assert data["live"] is True


def test_edits_and_corrections_are_changes(client, briefing):
    update = UpdateFactory(briefing=briefing)
    age(update, 60)
    cursor = poll(client, briefing).json()["cursor"]
    assert poll(client, briefing, cursor).json()["updates"] == []
    CorrectionFactory(update=update, text="The number of drones was 12, not 21.")
    data = poll(client, briefing, cursor).json()
    assert [u["id"] for u in data["updates"]] == [update.pk]
    assert "12, not 21" in data["updates"][0]["html"]


def test_unpublished_and_deleted_updates_are_removed(client, briefing):
    keep, hide, delete = UpdateFactory.create_batch(3, briefing=briefing)
    for update in (keep, hide, delete):
        age(update, 60)
    cursor = poll(client, briefing).json()["cursor"]
    hide.status = Status.DRAFT
    hide.save()
    delete_pk = delete.pk
    delete.delete()
    data = poll(client, briefing, cursor).json()
    assert data["updates"] == []
    assert data["removed"] == sorted([hide.pk, delete_pk])


def test_only_updates_that_were_once_public_are_removed(client, briefing):
    """Drafts and scheduled updates that never came due leave no id in ``removed``."""
    later = timezone.now() + dt.timedelta(hours=1)
    draft = UpdateFactory(briefing=briefing, status=Status.DRAFT)
    scheduled = UpdateFactory(briefing=briefing, publish_at=later)
    deleted_draft = UpdateFactory(briefing=briefing, status=Status.DRAFT)
    was_public = UpdateFactory(briefing=briefing)
    deleted_public = UpdateFactory(briefing=briefing)
    rescheduled = UpdateFactory(briefing=briefing)
    never_public = {draft.pk, scheduled.pk, deleted_draft.pk}
    once_public = {was_public.pk, deleted_public.pk, rescheduled.pk}
    was_public.status = Status.DRAFT
    was_public.save()
    rescheduled.publish_at = later
    rescheduled.save()
    deleted_draft.delete()
    deleted_public.delete()
    draft.body = "Edited, still a draft."
    draft.save()
    removed = set(poll(client, briefing, "1").json()["removed"])
    assert removed == once_public
    assert not removed & never_public


def test_a_scheduled_update_appears_when_due_without_a_save(client, briefing):
    scheduled = UpdateFactory(briefing=briefing, publish_at=timezone.now() + dt.timedelta(hours=1))
    age(scheduled, 60)
    cursor = poll(client, briefing).json()["cursor"]
    assert poll(client, briefing, cursor).json()["updates"] == []
    type(scheduled).objects.filter(pk=scheduled.pk).update(publish_at=past(1))
    data = poll(client, briefing, cursor).json()
    assert [u["id"] for u in data["updates"]] == [scheduled.pk]


def test_drafts_never_reach_the_endpoint(client, briefing):
    UpdateFactory(briefing=briefing, status=Status.DRAFT, body="SENTINEL draft")
    response = poll(client, briefing, "0")
    assert "SENTINEL" not in response.content.decode()
    draft = BriefingFactory(status=Status.DRAFT)
    assert poll(client, draft, "0").status_code == 404


def test_readers_who_are_up_to_date_share_one_url_and_get_304(client, briefing):
    update = UpdateFactory(briefing=briefing)
    age(update, 60)
    first = poll(client, briefing, "0")
    cursor = first.json()["cursor"]
    again = poll(client, briefing, cursor)
    assert again["Cache-Control"] == "public, max-age=5, stale-while-revalidate=10"
    assert again["Last-Modified"]
    other_reader = poll(client, briefing, cursor)
    assert other_reader["ETag"] == again["ETag"]
    revalidated = poll(client, briefing, cursor, if_none_match=again["ETag"])
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    UpdateFactory(briefing=briefing)
    changed = poll(client, briefing, cursor, if_none_match=again["ETag"])
    assert changed.status_code == 200 and len(changed.json()["updates"]) == 1
    assert "Set-Cookie" not in changed.headers


@pytest.mark.parametrize(
    "validator",
    [
        lambda etag: etag,
        lambda etag: f"W/{etag}",  # what nginx hands back after gzip
        lambda etag: f'"other", W/{etag}',
        lambda etag: "*",
    ],
    ids=["strong", "weak", "in a list", "any"],
)
def test_every_matching_validator_gets_a_304_at_the_same_cost(
    client, briefing, django_assert_num_queries, validator
):
    update = UpdateFactory(briefing=briefing)
    age(update, 60)
    etag = poll(client, briefing, "1")["ETag"]
    # The briefing's version from the cache, and nothing else: no query.
    with django_assert_num_queries(0):
        response = poll(client, briefing, "1", if_none_match=validator(etag))
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_a_validator_that_does_not_match_gets_the_answer(client, briefing):
    UpdateFactory(briefing=briefing)
    response = poll(client, briefing, "1", if_none_match='W/"1.2.1", "other"')
    assert response.status_code == 200 and len(response.json()["updates"]) == 1


def test_if_modified_since_gets_a_304_until_the_next_change(client, briefing):
    update = UpdateFactory(briefing=briefing)
    age(update, 60)
    age(briefing, 60)
    last_modified = poll(client, briefing, "1")["Last-Modified"]
    assert poll(client, briefing, "1", if_modified_since=last_modified).status_code == 304
    UpdateFactory(briefing=briefing)
    assert poll(client, briefing, "1", if_modified_since=last_modified).status_code == 200


def test_changes_just_before_the_cursor_are_sent_again(client, briefing):
    update = UpdateFactory(briefing=briefing)
    cursor = to_cursor(update.updated_at + CHANGE_OVERLAP / 2)
    assert [u["id"] for u in poll(client, briefing, cursor).json()["updates"]] == [update.pk]


@pytest.mark.parametrize(
    "after",
    [
        "abc",
        "-1",
        "1.5",
        "１２",
        "9" * 40,
        "0x10",
        " 1",
        "9" * 18,  # past year 9999: not a moment Python can hold
        str(int(to_cursor(dt.datetime.max.replace(tzinfo=dt.UTC))) + 1),
    ],
)
def test_a_malformed_cursor_is_a_400_json_error(client, briefing, after):
    response = poll(client, briefing, after)
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]


# The client and briefing fixtures hold no per-example state, so sharing them is safe.
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    after=st.one_of(
        st.text(max_size=50),
        # Numbers of every size up to and past the 18 digits a cursor may have.
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.integers(min_value=0, max_value=18).flatmap(
            lambda n: st.text("0123456789", min_size=n, max_size=n)
        ),
    )
)
def test_no_cursor_causes_a_server_error(client, briefing, after):
    response = poll(client, briefing, after.replace("\x00", ""))
    assert response.status_code in (200, 400)


def test_cursor_round_trip():
    moment = dt.datetime(2024, 11, 13, 15, 15, 0, 123456, tzinfo=dt.UTC)
    assert from_cursor(to_cursor(moment)) == moment
    latest = dt.datetime.max.replace(tzinfo=dt.UTC)
    assert from_cursor(to_cursor(latest)) == latest


def test_the_latest_cursor_is_a_poll_like_any_other(client, briefing):
    UpdateFactory(briefing=briefing)
    latest = to_cursor(dt.datetime.max.replace(tzinfo=dt.UTC))
    response = poll(client, briefing, latest)
    assert response.status_code == 200 and response.json()["updates"] == []


@pytest.mark.parametrize("n", [1, 30])
def test_query_count_does_not_grow(client, briefing, django_assert_num_queries, n):
    for update in UpdateFactory.create_batch(n, briefing=briefing):
        CitationFactory(update=update)
    # The briefing and its latest change in one query (briefings.cache needs it cheap).
    # + one each for the updates' embedded posts (embeds/) and photos (images/).
    with django_assert_num_queries(8 + 2):
        assert len(poll(client, briefing, "1").json()["updates"]) == n
