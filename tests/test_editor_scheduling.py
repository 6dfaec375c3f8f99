"""Scheduling from the editors' screens: a time to come in the quick post schedules the
update instead of publishing it, and a scheduled or newly published update is stamped with
the moment it goes live unless someone chose its time (issue 15, item 6)."""

import datetime as dt
import zoneinfo
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from briefings import services
from briefings.models import Status, Update

from .admin_forms import form_data
from .factories import BriefingFactory, UpdateFactory
from .roles import role_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _url(name, *args):
    return reverse(f"admin:briefings_{name}", args=args)


def _in_kyiv_later(hours=3):
    later = timezone.now() + dt.timedelta(hours=hours)
    return timezone.localtime(later, zoneinfo.ZoneInfo("Europe/Kyiv"))


def test_a_time_to_come_in_the_quick_post_schedules_the_update(editor_client, client):
    briefing = BriefingFactory(time_zone="Europe/Kyiv")
    later = _in_kyiv_later()
    response = editor_client.post(
        _url("briefing_post_update", briefing.pk),
        {
            "body": "Talks resume this afternoon.",
            "posted_at": f"{later:%Y-%m-%d %H:%M}",
            "_publish": 1,
        },
        follow=True,
    )
    update = Update.objects.get(body="Talks resume this afternoon.")
    due = later.replace(second=0, microsecond=0)
    assert update.status == Status.PUBLISHED
    assert update.publish_at == due and update.posted_at == due
    page = response.content.decode()
    assert f"Scheduled the update for {due.day} {due:%b %Y, %H:%M} (Europe/Kyiv)" in page
    assert "Published the update" not in page
    # Readers: not on the briefing's page, no permalink, until it is due; then both.
    assert "Talks resume" not in client.get(briefing.get_absolute_url()).content.decode()
    assert client.get(update.get_absolute_url()).status_code == 404
    with mock.patch("django.utils.timezone.now", return_value=due + dt.timedelta(seconds=1)):
        assert "Talks resume" in client.get(briefing.get_absolute_url()).content.decode()
        assert client.get(update.get_absolute_url()).status_code == 200


def test_a_time_already_past_publishes_at_once(editor_client, client):
    briefing = BriefingFactory(time_zone="UTC")
    earlier = timezone.now() - dt.timedelta(minutes=30)
    editor_client.post(
        _url("briefing_post_update", briefing.pk),
        {"body": "Already happened.", "posted_at": f"{earlier:%Y-%m-%d %H:%M}", "_publish": 1},
    )
    update = Update.objects.get(body="Already happened.")
    assert update.publish_at is None and update.status == Status.PUBLISHED
    assert client.get(update.get_absolute_url()).status_code == 200


def test_a_contributors_time_to_come_stays_a_draft(db):
    contributor = role_user("Contributor", "c")
    client = Client()
    client.force_login(contributor)
    briefing = BriefingFactory()
    later = timezone.now() + dt.timedelta(hours=2)
    response = client.post(
        _url("briefing_post_update", briefing.pk),
        {"body": "For later.", "posted_at": f"{later:%Y-%m-%d %H:%M}", "_draft": 1},
        follow=True,
    )
    update = Update.objects.get(body="For later.")
    assert update.status == Status.DRAFT and update.publish_at is None
    assert "an editor reviews and publishes it" in response.content.decode()


def test_the_change_form_stamps_a_scheduled_draft_with_its_time(editor_client):
    """A draft left with the stamp it got when it was created reads its scheduled time."""
    briefing = BriefingFactory()
    update = UpdateFactory(briefing=briefing, status=Status.DRAFT, body="Embargoed.")
    Update.objects.filter(pk=update.pk).update(posted_at=update.created_at)  # never typed
    later = (timezone.now() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    url = _url("update_change", update.pk)
    data = form_data(editor_client.get(url), "update_form")
    data.update(
        status=Status.PUBLISHED, publish_at_0=f"{later:%Y-%m-%d}", publish_at_1=f"{later:%H:%M:%S}"
    )
    assert editor_client.post(url, data).status_code == 302
    update.refresh_from_db()
    assert update.publish_at == later and update.posted_at == later


def test_the_change_form_keeps_a_time_the_editor_typed(editor_client):
    briefing = BriefingFactory()
    update = UpdateFactory(briefing=briefing, status=Status.DRAFT, body="Embargoed.")
    Update.objects.filter(pk=update.pk).update(posted_at=update.created_at)
    later = (timezone.now() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    typed = (timezone.now() - dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    url = _url("update_change", update.pk)
    data = form_data(editor_client.get(url), "update_form")
    data.update(
        status=Status.PUBLISHED,
        publish_at_0=f"{later:%Y-%m-%d}",
        publish_at_1=f"{later:%H:%M:%S}",
        posted_at_0=f"{typed:%Y-%m-%d}",
        posted_at_1=f"{typed:%H:%M:%S}",
    )
    assert editor_client.post(url, data).status_code == 302
    update.refresh_from_db()
    assert update.publish_at == later and update.posted_at == typed


def test_publishing_a_draft_stamps_it_with_the_moment_it_goes_live(db, editor):
    draft = UpdateFactory(status=Status.DRAFT, body="Written at ten.")
    written = timezone.now() - dt.timedelta(hours=4)
    Update.objects.filter(pk=draft.pk).update(posted_at=written, created_at=written)
    chosen = UpdateFactory(status=Status.DRAFT, body="Stamped by its writer.")
    chosen_at = chosen.posted_at
    before = timezone.now()
    services.set_status(
        Update.objects.filter(pk__in=[draft.pk, chosen.pk]), Status.PUBLISHED, editor
    )
    draft.refresh_from_db()
    chosen.refresh_from_db()
    assert draft.posted_at >= before  # the moment it went live, not the draft's creation
    assert chosen.posted_at == chosen_at  # a time someone set is kept


def test_an_update_readers_already_see_keeps_its_stamp(db):
    update = UpdateFactory(status=Status.PUBLISHED)
    Update.objects.filter(pk=update.pk).update(posted_at=update.created_at)
    update.refresh_from_db()
    update.publish_at = timezone.now() + dt.timedelta(hours=1)
    assert services.stamp_going_live(update) is False


def test_a_rescheduled_update_moves_its_stamp_with_its_schedule(db):
    first = (timezone.now() + dt.timedelta(hours=1)).replace(microsecond=0)
    update = UpdateFactory(status=Status.PUBLISHED, publish_at=first, posted_at=first)
    second = first + dt.timedelta(hours=2)
    update.publish_at = second
    assert services.stamp_going_live(update) is True
    assert update.posted_at == second


def test_a_scheduled_update_reaches_a_cached_page_when_due(editor_client, client):
    """The cached state of a briefing knows when its next scheduled update is due, so the
    page changes at that moment without anyone saving anything."""
    briefing = BriefingFactory()
    later = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    editor_client.post(
        _url("briefing_post_update", briefing.pk),
        {"body": "Due later.", "posted_at": f"{later:%Y-%m-%d %H:%M}", "_publish": 1},
    )
    assert "Due later." not in client.get(briefing.get_absolute_url()).content.decode()
    with mock.patch("django.utils.timezone.now", return_value=later + dt.timedelta(seconds=1)):
        assert "Due later." in client.get(briefing.get_absolute_url()).content.decode()


@pytest.mark.parametrize("model", ["update", "briefing"])
def test_saving_a_form_unchanged_keeps_its_times_in_a_zone_away_from_utc(editor_client, model):
    """The change form shows and reads its times in the briefing's zone: saved as loaded,
    nothing moves. (The zone was active while the form was read but not while its
    TemplateResponse was rendered, so the widgets showed UTC and each save moved every time
    back by the zone's offset: 2 h in Kyiv.)"""
    kyiv = zoneinfo.ZoneInfo("Europe/Kyiv")
    moment = dt.datetime(2024, 11, 13, 15, 15, tzinfo=kyiv)
    briefing = BriefingFactory(time_zone="Europe/Kyiv", published_at=moment)
    update = UpdateFactory(briefing=briefing, posted_at=moment, publish_at=moment)
    obj = update if model == "update" else briefing
    url = _url(f"{model}_change", obj.pk)
    page = editor_client.get(url)
    data = form_data(page, f"{model}_form")
    field = "posted_at" if model == "update" else "published_at"
    assert data[f"{field}_1"] == "15:15:00", "the widget shows the time in the briefing's zone"
    assert editor_client.post(url, data).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == moment
    if model == "update":
        assert obj.publish_at == moment


def test_publishing_a_contributors_draft_for_later_schedules_it(editor_client, client):
    """A contributor's time to come stays a draft; the editor's Publish action schedules it
    for that time, instead of showing it at once stamped hours ahead."""
    briefing = BriefingFactory()
    later = (timezone.now() + dt.timedelta(hours=3)).replace(second=0, microsecond=0)
    draft = UpdateFactory(briefing=briefing, status=Status.DRAFT, posted_at=later, body="Later.")
    response = editor_client.post(
        _url("update_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Published 1 updates (1 scheduled: readers see them at their time)." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert (draft.status, draft.publish_at, draft.posted_at) == (Status.PUBLISHED, later, later)
    assert "Later." not in client.get(briefing.get_absolute_url()).content.decode()
    with mock.patch("django.utils.timezone.now", return_value=later + dt.timedelta(seconds=1)):
        assert Update.objects.published().filter(pk=draft.pk).exists()


def test_the_change_form_schedules_a_time_to_come_published_without_a_schedule(
    editor_client, client
):
    """Published in the full form with a stamp still to come and no "publish at": scheduled
    for the stamp, as the quick post and the Publish action do, never shown hours ahead."""
    briefing = BriefingFactory(time_zone="UTC")
    later = (timezone.now() + dt.timedelta(hours=3)).replace(second=0, microsecond=0)
    update = UpdateFactory(briefing=briefing, status=Status.DRAFT, posted_at=later, body="Later.")
    url = _url("update_change", update.pk)
    data = form_data(editor_client.get(url), "update_form")
    data.update(status=Status.PUBLISHED, publish_at_0="", publish_at_1="")
    response = editor_client.post(url, data, follow=True)
    assert f"Scheduled for {later.day} {later:%b %Y, %H:%M}" in response.content.decode()
    update.refresh_from_db()
    assert (update.status, update.publish_at, update.posted_at) == (
        Status.PUBLISHED,
        later,
        later,
    )
    assert "Later." not in client.get(briefing.get_absolute_url()).content.decode()
