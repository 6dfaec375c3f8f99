"""Time notations of live logs (briefings/importing/timestamps.py): parsed values and the
aware UTC instant each gives for a document's date."""

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.importing import timestamps as ts
from briefings.importing.dates import find_date_header, find_date_in_text
from briefings.importing.timestamps import Stamp, find_stamp, is_relative_stamp
from briefings.importing.zones import find_zone_declaration, to_utc, tzinfo_for, zone_for

NEW_YORK = "America/New_York"
LONDON = "Europe/London"
KYIV = "Europe/Kyiv"
NAIROBI = "Africa/Nairobi"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def assert_utc(moment: datetime, expected: datetime) -> None:
    assert moment == expected
    assert moment.tzinfo is UTC
    assert moment.utcoffset() == timedelta(0)


# --- one notation at a time -------------------------------------------------------------


def test_update_stamp_on_its_own_line():
    stamp = find_stamp("UPDATE 1700 GMT:")
    assert stamp == Stamp(
        clock=time(17, 0),
        zone="UTC",
        day=None,
        partial_day=None,
        style="update",
        rest="",
        raw="UPDATE 1700 GMT:",
    )
    assert_utc(to_utc(date(2024, 11, 13), stamp.clock, stamp.zone), utc(2024, 11, 13, 17, 0))


@pytest.mark.parametrize(
    ("line", "clock", "zone", "rest"),
    [
        (
            "UPDATE 1515 GMT: Russia says it took the village",
            time(15, 15),
            "UTC",
            "Russia says it took the village",
        ),
        ("update 1515 gmt — Kyiv reports blasts", time(15, 15), "UTC", "Kyiv reports blasts"),
        ("Updated at 0915 BST", time(9, 15), LONDON, ""),
    ],
)
def test_update_stamp_variants(line, clock, zone, rest):
    stamp = find_stamp(line)
    assert (stamp.style, stamp.clock, stamp.zone, stamp.rest) == ("update", clock, zone, rest)


def test_twelve_hour_clock_with_dot_and_zone():
    stamp = find_stamp("5.51pm GMT")
    assert (stamp.style, stamp.clock, stamp.zone, stamp.rest) == ("clock", time(17, 51), "UTC", "")
    assert_utc(to_utc(date(2022, 2, 25), stamp.clock, stamp.zone), utc(2022, 2, 25, 17, 51))


@pytest.mark.parametrize("line", ["17:51", "17.51"])
def test_bare_24_hour_clock_takes_the_documents_zone(line):
    stamp = find_stamp(line)
    assert stamp == Stamp(time(17, 51), None, None, None, "clock", raw=line)
    # No zone on the line: the briefing's zone applies (Kyiv, UTC+2 in February).
    assert_utc(to_utc(date(2022, 2, 25), stamp.clock, KYIV), utc(2022, 2, 25, 15, 51))


def test_clock_with_headline_on_the_same_line_keeps_the_headline():
    line = "10:30 a.m. Russian forces advance on Kharkiv…"
    stamp = find_stamp(line)
    assert stamp.style == "clock"
    assert stamp.clock == time(10, 30)
    assert stamp.zone is None
    assert stamp.rest == "Russian forces advance on Kharkiv…"
    assert_utc(to_utc(date(2024, 11, 13), stamp.clock, NEW_YORK), utc(2024, 11, 13, 15, 30))


def test_update_stamp_with_zone_and_date_at_a_paragraphs_start():
    paragraph = (
        "Update 11:35 p.m. EST Feb. 28: The U.S. said it would send more aid.\n"
        "Officials gave no figure."
    )
    stamp = find_stamp(paragraph.splitlines()[0])
    assert stamp.style == "update"
    assert stamp.clock == time(23, 35)
    assert stamp.zone == NEW_YORK
    assert stamp.day is None
    assert stamp.partial_day == (2, 28)
    assert stamp.rest == "The U.S. said it would send more aid."
    month, day = stamp.partial_day
    # 23:35 EST on 28 February is already 1 March in UTC.
    assert_utc(to_utc(date(2022, month, day), stamp.clock, stamp.zone), utc(2022, 3, 1, 4, 35))


def test_update_stamp_with_full_date():
    stamp = find_stamp("Update 11:35 p.m. EST, Feb. 28, 2022: text")
    assert (stamp.day, stamp.partial_day, stamp.rest) == (date(2022, 2, 28), None, "text")


def test_dated_stamp_with_the_zone_declared_once():
    zone = find_zone_declaration("All times Eastern")
    assert zone == NEW_YORK
    stamp = find_stamp("Mar 02, 9:29 pm")
    assert stamp == Stamp(time(21, 29), None, None, (3, 2), "dated", raw="Mar 02, 9:29 pm")
    document_date = date(2022, 2, 25)
    day = date(document_date.year, *stamp.partial_day)
    assert_utc(to_utc(day, stamp.clock, stamp.zone or zone), utc(2022, 3, 3, 2, 29))


def test_dated_stamp_with_year_and_weekday():
    stamp = find_stamp("Tuesday, March 1, 2022, 9:29 pm")
    assert (stamp.style, stamp.day, stamp.clock) == ("dated", date(2022, 3, 1), time(21, 29))


def test_two_zones_for_the_same_instant():
    line = "10am EST, 6pm EAT"
    stamp = find_stamp(line)
    assert (stamp.style, stamp.clock, stamp.zone) == ("clock", time(10, 0), NEW_YORK)
    assert stamp.second_zone_mismatch is False
    groups = ts.CLOCK_STAMP.match(line).groupdict()
    assert (groups["hour2"], groups["ampm2"], zone_for(groups["zone2"])) == ("6", "pm", NAIROBI)
    day = date(2022, 2, 25)
    first = to_utc(day, stamp.clock, stamp.zone)
    second = to_utc(day, time(18, 0), zone_for(groups["zone2"]))
    assert_utc(first, utc(2022, 2, 25, 15, 0))
    assert first == second


def test_two_zones_with_text_and_slash():
    stamp = find_stamp("10 a.m. EST / 6 p.m. EAT: Talks begin")
    assert (stamp.clock, stamp.zone, stamp.rest) == (time(10, 0), NEW_YORK, "Talks begin")
    assert stamp.second_zone_mismatch is False


def test_two_zones_that_disagree_are_flagged():
    stamp = find_stamp("10am EST, 9pm EAT")
    assert stamp.clock == time(10, 0)
    assert stamp.zone == NEW_YORK
    assert stamp.second_zone_mismatch is True


@pytest.mark.parametrize(
    ("line", "author", "zone", "expected"),
    [
        (
            "Thomas Kingsley25 February 2022 10:55",
            "Thomas Kingsley",
            None,
            utc(2022, 2, 25, 10, 55),
        ),
        (
            "Thomas Kingsley 25 February 2022, 10:55",
            "Thomas Kingsley",
            None,
            utc(2022, 2, 25, 10, 55),
        ),
        # In summer the London clock is an hour ahead of UTC.
        ("Jane Doe14 July 2022 10:55", "Jane Doe", None, utc(2022, 7, 14, 9, 55)),
        ("Thomas Kingsley25 February 2022 10:55 GMT", "Thomas Kingsley", "UTC", None),
    ],
)
def test_trailing_stamp_with_author_glued_on(line, author, zone, expected):
    stamp = find_stamp(line)
    assert stamp.style == "trailing"
    assert stamp.author == author
    assert stamp.clock == time(10, 55)
    assert stamp.zone == zone
    assert stamp.rest == ""
    if expected is None:
        expected = datetime.combine(stamp.day, stamp.clock, tzinfo=UTC)
    assert_utc(to_utc(stamp.day, stamp.clock, stamp.zone or LONDON), expected)


def test_clock_and_author_under_a_headline():
    lines = ["Blasts heard in central Kyiv", "03:42 , Author Name"]
    assert find_stamp(lines[0]) is None
    stamp = find_stamp(lines[1])
    assert stamp.style == "headline-clock"
    assert stamp.clock == time(3, 42)
    assert stamp.author == "Author Name"
    assert stamp.rest == ""
    assert stamp.zone is None
    assert_utc(to_utc(date(2024, 11, 13), stamp.clock, KYIV), utc(2024, 11, 13, 1, 42))


@pytest.mark.parametrize(
    ("line", "clock"),
    [
        ("12:30 a.m. Overnight strikes", time(0, 30)),
        ("12 pm GMT", time(12, 0)),
        ("3PM EST", time(15, 0)),
        ("3 P.M. EST", time(15, 0)),
        ("17h30 CET", time(17, 30)),
        ("1515 GMT: Text", time(15, 15)),
    ],
)
def test_clock_spellings(line, clock):
    assert find_stamp(line).clock == clock


# --- date headers, zone declarations, dates in titles, relative stamps ---------------------


@pytest.mark.parametrize(
    ("line", "day", "partial"),
    [
        ("Friday 25 February 2022", date(2022, 2, 25), None),
        ("Friday 25 February 2022.", date(2022, 2, 25), None),
        ("Fri, 25 Feb 2022", date(2022, 2, 25), None),
        ("November 14, 2024", date(2024, 11, 14), None),
        ("March 1, 2022", date(2022, 3, 1), None),
        ("2024-11-14", date(2024, 11, 14), None),
        ("Tuesday 1 March", None, (3, 1)),
        ("Nov. 14", None, (11, 14)),
        ("Friday's talks ended", None, None),
        ("February 30, 2022", None, None),
        ("32 March", None, None),
    ],
)
def test_date_headers(line, day, partial):
    assert find_date_header(line) == (day, partial)


@pytest.mark.parametrize("line", ["Friday 25 February 2022", "November 14, 2024"])
def test_a_date_header_is_not_a_stamp(line):
    assert find_stamp(line) is None


@pytest.mark.parametrize(
    ("line", "zone"),
    [
        ("All times Eastern", NEW_YORK),
        ("All times are Kyiv time", KYIV),
        ("(All times GMT)", "UTC"),
        ("Times in EST", NEW_YORK),
        ("All times in CET", "Europe/Brussels"),
        ("Times shown in BST (UTC+1)", LONDON),
        ("All times UTC+2", "Etc/GMT-2"),
        ("All times GMT+5:30", "UTC+05:30"),
        ("All times UTC+15", None),
        ("All the times we met", None),
    ],
)
def test_zone_declarations(line, zone):
    assert find_zone_declaration(line) == zone


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("Russia-Ukraine war live, November 13, 2024", date(2024, 11, 13)),
        ("Ukraine live: 25 February 2022 as it happened", date(2022, 2, 25)),
        ("Ukraine live: day 3", None),
        ("Live, February 30, 2022", None),
    ],
)
def test_date_in_a_title(title, day):
    assert find_date_in_text(title) == day


@pytest.mark.parametrize(
    "line", ["36m ago", "2 hours ago", "Updated 5 mins ago", "an hour ago", "just now", "1h ago"]
)
def test_relative_stamps_are_recognised_and_not_read_as_clocks(line):
    assert is_relative_stamp(line)
    assert find_stamp(line) is None


@pytest.mark.parametrize("line", ["36 men ago", "2 hours of talks", "17:51", "UPDATE 1700 GMT:"])
def test_not_relative_stamps(line):
    assert not is_relative_stamp(line)


# --- zones resolved for the document's date -----------------------------------------------

WINTER = date(2024, 1, 15)
SUMMER = date(2024, 7, 15)


@pytest.mark.parametrize(
    ("abbreviation", "iana", "winter_utc_hour", "summer_utc_hour"),
    [
        # American outlets write "EST" all year; in July it is read as EDT.
        ("EST", NEW_YORK, 15, 14),
        ("EDT", NEW_YORK, 15, 14),
        ("BST", LONDON, 10, 9),
        ("GMT", "UTC", 10, 10),
        ("UTC", "UTC", 10, 10),
        ("CET", "Europe/Brussels", 9, 8),
        ("CEST", "Europe/Brussels", 9, 8),
        ("EET", KYIV, 8, 7),
        ("Kyiv time", KYIV, 8, 7),
        ("EAT", NAIROBI, 7, 7),
        ("MSK", "Europe/Moscow", 7, 7),
    ],
)
def test_zone_resolved_for_summer_and_winter(abbreviation, iana, winter_utc_hour, summer_utc_hour):
    stamp = find_stamp(f"10:00 {abbreviation}")
    assert stamp.clock == time(10, 0)
    assert stamp.zone == iana
    assert_utc(to_utc(WINTER, stamp.clock, stamp.zone), utc(2024, 1, 15, winter_utc_hour))
    assert_utc(to_utc(SUMMER, stamp.clock, stamp.zone), utc(2024, 7, 15, summer_utc_hour))


@pytest.mark.parametrize(
    ("day", "clock", "zone", "expected"),
    [
        # US clocks go forward on 10 March 2024 at 02:00.
        (date(2024, 3, 10), time(1, 30), NEW_YORK, utc(2024, 3, 10, 6, 30)),
        (date(2024, 3, 10), time(3, 30), NEW_YORK, utc(2024, 3, 10, 7, 30)),
        # Europe on 31 March 2024 at 01:00 UTC.
        (date(2024, 3, 30), time(12, 0), LONDON, utc(2024, 3, 30, 12, 0)),
        (date(2024, 3, 31), time(12, 0), LONDON, utc(2024, 3, 31, 11, 0)),
        (date(2022, 2, 24), time(5, 0), KYIV, utc(2022, 2, 24, 3, 0)),
        (date(2022, 8, 24), time(5, 0), KYIV, utc(2022, 8, 24, 2, 0)),
    ],
)
def test_to_utc_across_dst_changes(day, clock, zone, expected):
    assert_utc(to_utc(day, clock, zone), expected)


@pytest.mark.parametrize(
    ("name", "zone", "offset"),
    [
        ("GMT+2", "Etc/GMT-2", timedelta(hours=2)),
        ("UTC−3", "Etc/GMT+3", timedelta(hours=-3)),
        ("GMT+0", "UTC", timedelta(0)),
        ("UTC+05:30", "UTC+05:30", timedelta(hours=5, minutes=30)),
        ("GMT-3:30", "UTC-03:30", timedelta(hours=-3, minutes=-30)),
    ],
)
def test_offset_zones(name, zone, offset):
    assert zone_for(name) == zone
    local = datetime.combine(WINTER, time(12, 0), tzinfo=tzinfo_for(zone))
    assert local.utcoffset() == offset
    assert_utc(to_utc(WINTER, time(12, 0), zone), utc(2024, 1, 15, 12) - offset)


def test_fixed_offset_tzinfo():
    assert tzinfo_for("UTC+05:30") == timezone(timedelta(hours=5, minutes=30))
    assert tzinfo_for("UTC-03:30") == timezone(-timedelta(hours=3, minutes=30))


@pytest.mark.parametrize("name", [None, "", "XYZ", "GMT+15", "GMT+5:99"])
def test_unknown_zones(name):
    assert zone_for(name) is None


# --- what is not a stamp, and malformed stamps --------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "UPDATE 2561 GMT:",
        "UPDATE 2561 GMT: Something happened",
        "UPDATE 25:61 GMT:",
        "UPDATE 99 GMT:",
        "25:61",
        "24:00",
        "13pm GMT",
        "0:30 pm",
        "1515",
        "17 Ukrainian drones were shot down",
        "10.30 percent of voters",
        "",
        "   ",
    ],
)
def test_malformed_or_prose_lines_give_no_stamp(line):
    assert find_stamp(line) is None


@pytest.mark.parametrize(
    ("line", "day", "partial"),
    [
        ("Update 11:35 p.m. EST Feb. 31, 2022:", None, None),
        ("February 30, 2022 10:00", None, None),
        ("2022-02-30 10:00", None, None),
        ("Mar 32, 9:29 pm", None, None),
    ],
)
def test_impossible_dates_in_a_stamp_are_dropped_not_raised(line, day, partial):
    stamp = find_stamp(line)
    assert (stamp.day, stamp.partial_day) == (day, partial)


def test_an_out_of_range_offset_leaves_the_zone_unknown():
    stamp = find_stamp("5:51 pm UTC+15")
    assert (stamp.clock, stamp.zone) == (time(17, 51), None)


STAMP_PARTS = [
    "UPDATE ", "Update ", "1700", "2561", "25", "99", ":", ".", "pm", "a.m.", " ", "GMT",
    "GMT+", "UTC-", "15", "5:30", "EST", "EAT", ", ", "Feb. ", "30", "31", "00", "2022",
    "February ", "Thomas Kingsley", "Kyiv time", "All times ", "ago", "m", "-", "/", "0", "9",
    "2024-02-30", "−", "\n",
]  # fmt: skip


def _never_raises(text: str) -> None:
    stamp = find_stamp(text)
    if stamp is not None:
        assert isinstance(stamp.clock, time)
        if stamp.zone:
            moment = to_utc(stamp.day or WINTER, stamp.clock, stamp.zone)
            assert moment.tzinfo is UTC
    zone = find_zone_declaration(text)
    if zone:
        assert to_utc(WINTER, time(12, 0), zone).tzinfo is UTC
    find_date_header(text)
    find_date_in_text(text)
    is_relative_stamp(text)


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.sampled_from(STAMP_PARTS), max_size=12).map("".join))
def test_stamp_like_text_never_raises(text):
    _never_raises(text)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text())
def test_arbitrary_text_never_raises(text):
    _never_raises(text)
