"""Activity charts: bars per hour, day, month or year, chosen by the span; pages that show
them say in words what the bars show; the cost stays bounded."""

import calendar
from datetime import UTC, datetime, timedelta

import pytest

from briefings import charts
from briefings.models import Briefing

from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    MentionFactory,
    SourceFactory,
    UpdateFactory,
)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_day_of_entries_is_charted_by_the_hour_with_empty_hours_between():
    moments = [at(2024, 11, 13, 9, 5), at(2024, 11, 13, 9, 40), at(2024, 11, 13, 12, 0)]
    chart = charts.activity(moments, "UTC", "update")
    assert chart.unit == "hour"
    assert [bar.count for bar in chart.bars] == [2, 0, 0, 1]
    assert chart.first == "13 Nov, 09:00" and chart.last == "13 Nov, 12:00"
    assert chart.summary == (
        "3 updates from 13 Nov, 09:00 to 13 Nov, 12:00, by hour; the most, 2, on 13 Nov, 09:00."
    )
    # The tallest bar fills the height; an empty hour has none.
    assert chart.bars[0].height == charts.HEIGHT and chart.bars[1].height == 0


@pytest.mark.parametrize(
    ("span", "unit"),
    [
        (timedelta(hours=47), "hour"),
        (timedelta(days=30), "day"),
        (timedelta(days=400), "month"),
        (timedelta(days=366 * 9), "year"),
    ],
)
def test_the_unit_follows_the_span(span, unit):
    start = at(2020, 1, 1, 8)
    assert charts.activity([start, start + span], "UTC", "mention").unit == unit


def test_hours_are_counted_in_the_briefings_zone():
    # 22:30 and 23:30 UTC on 12 Nov are 00:30 and 01:30 on 13 Nov in Kyiv (UTC+2).
    chart = charts.activity(
        [at(2024, 11, 12, 22, 30), at(2024, 11, 12, 23, 30)], "Europe/Kyiv", "update"
    )
    assert [bar.label for bar in chart.bars] == ["13 Nov, 00:00", "13 Nov, 01:00"]


def test_entries_dated_without_a_clock_never_make_an_hour_bar():
    # 00:00:00 is the importer's mark for "this day, no time given".
    chart = charts.activity([at(2024, 11, 13), at(2024, 11, 14, 15, 0)], "UTC", "update")
    assert chart.unit == "day"
    assert [bar.label for bar in chart.bars] == ["13 Nov 2024", "14 Nov 2024"]


def test_one_bar_is_no_chart():
    assert charts.activity([at(2024, 11, 13, 9, 5), at(2024, 11, 13, 9, 50)], "UTC", "x") is None
    assert charts.activity([], "UTC", "x") is None


def test_key_events_mark_their_bar():
    moments = [at(2024, 11, 13, 9), at(2024, 11, 13, 11)]
    chart = charts.activity(moments, "UTC", "update", highlight=[at(2024, 11, 13, 11)])
    assert [bar.highlighted for bar in chart.bars] == [False, False, True]


def test_months_do_not_skip_or_repeat_across_month_ends():
    chart = charts.activity([at(2024, 1, 31), at(2024, 12, 31)], "UTC", "mention")
    assert [bar.label for bar in chart.bars] == [f"{m} 2024" for m in calendar.month_abbr[1:]]


@pytest.mark.django_db
def test_recent_moments_read_a_bounded_window(monkeypatch):
    briefing = BriefingFactory(status="published", kind=Briefing.Kind.LIVE)
    start = at(2024, 11, 13, 8)
    for minutes in range(5):
        UpdateFactory(briefing=briefing, posted_at=start + timedelta(hours=minutes))
    monkeypatch.setattr(charts, "WINDOW", 3)
    moments = charts.recent_moments(briefing.updates.all())
    assert moments == [start + timedelta(hours=h) for h in (4, 3, 2)]


@pytest.mark.django_db
def test_actor_source_and_live_briefing_pages_show_their_chart_in_words(client):
    briefing = BriefingFactory(status="published", kind=Briefing.Kind.LIVE, time_zone="UTC")
    actor = ActorFactory(is_reviewed=True)
    source = SourceFactory(is_reviewed=True)
    start = at(2024, 11, 13, 8)
    for hours, key in ((0, False), (0, False), (3, True)):
        update = UpdateFactory(
            briefing=briefing,
            status="published",
            posted_at=start + timedelta(hours=hours, minutes=5),
            is_key_event=key,
            headline="Talks resume" if key else "",
        )
        MentionFactory(update=update, actor=actor)
        CitationFactory(update=update, source=source)

    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Mentions in published updates: 3 mentions from 13 Nov, 08:00 to 13 Nov, 11:00" in page
    assert 'role="img"' in page and "<title>13 Nov, 08:00: 2</title>" in page

    page = client.get(source.get_absolute_url()).content.decode()
    assert "Citations in published updates: 3 citations from 13 Nov, 08:00" in page

    page = client.get(briefing.get_absolute_url()).content.decode()
    assert "Updates over time, key events marked: 3 updates" in page
    assert "chart__bar chart__bar--key" in page
    assert "<td>13 Nov, 11:00 (key event)</td>" in page


@pytest.mark.django_db
def test_a_digest_has_no_timeline(client):
    briefing = BriefingFactory(status="published", kind=Briefing.Kind.DIGEST)
    for hours in (0, 5):
        UpdateFactory(briefing=briefing, status="published", posted_at=at(2024, 11, 13, hours + 1))
    page = client.get(briefing.get_absolute_url()).content.decode()
    assert "chart__bars" not in page


def test_a_shared_peak_is_not_given_to_one_bar():
    chart = charts.activity([at(2024, 11, 13, 9), at(2024, 11, 13, 10)], "UTC", "update")
    assert chart.summary.endswith("by hour; at most 1 in one hour.")
