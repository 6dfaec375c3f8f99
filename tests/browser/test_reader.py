"""What a reader sees in Chromium: stamps that carry their day, the stream's filters out of
the way on a phone, and a new update arriving with the same stamp as the others."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ..factories import BriefingFactory, UpdateFactory

pytestmark = pytest.mark.django_db(transaction=True)
WAIT = 10_000  # ms


def test_every_stamp_not_from_today_shows_its_day(page, live_server):
    briefing = BriefingFactory(time_zone="Europe/Kyiv")
    zone = zoneinfo.ZoneInfo(briefing.time_zone)
    now = timezone.now()
    for days in (0, 1, 2, 800):
        UpdateFactory(briefing=briefing, posted_at=now - dt.timedelta(days=days, minutes=5))
    page.goto(live_server.url + briefing.get_absolute_url())
    today = now.astimezone(zone).date().isoformat()
    stamps = page.locator("article.update time").evaluate_all(
        "times => times.map(t => [t.getAttribute('datetime'), t.innerText])"
    )
    assert len(stamps) == 4
    for moment, text in stamps:
        day = dt.datetime.fromisoformat(moment)
        if moment[:10] == today:
            assert str(day.year) not in text, text  # today's stamp is its clock alone
        else:
            assert f"{day.day} {day:%b %Y}, {day:%H:%M}" in text, text
    expect(page.locator(".day-divider")).to_have_count(len({m[:10] for m, _ in stamps}))


def test_the_streams_filters_are_folded_on_a_phone_and_open_on_a_desktop(page, live_server):
    UpdateFactory(headline="Something happened")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/updates/")
    expect(page.get_by_label("Actor")).to_be_hidden()
    expect(page.get_by_text("Something happened")).to_be_in_viewport()
    page.get_by_text("Filter updates").click()
    expect(page.get_by_label("Actor")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/updates/")
    expect(page.get_by_label("Actor")).to_be_visible()


def test_a_new_update_arrives_with_its_stamp_under_a_new_days_divider(page, live_server, settings):
    settings.NEWSROOM_POLL_SECONDS = 1
    briefing = BriefingFactory(coverage_start=timezone.now() - dt.timedelta(days=3))
    UpdateFactory(briefing=briefing, posted_at=timezone.now() - dt.timedelta(days=2))
    page.goto(live_server.url + briefing.get_absolute_url())
    expect(page.locator(".day-divider")).to_have_count(1)
    new = UpdateFactory(briefing=briefing, headline="Just in")
    article = page.locator(f"#{new.anchor}")
    expect(article).to_be_visible(timeout=WAIT)
    expect(page.locator(".day-divider")).to_have_count(2)
    expect(page.locator(".day-divider").first).to_contain_text("Today")
    expect(page.locator(".briefing__updated time")).to_have_text(
        article.locator(".update__time time").inner_text()
    )
