"""Issue 13: stamps recognised by the shape of their line and the rhythm of the page, dates
and zones read from the whole document. The cases are generated from the notations' parts
(clocks × dates × decorations, every military zone letter, every UTC offset, every place the
tables know, every ambiguous day of a year), not listed one document at a time."""

import datetime as dt
import itertools

import pytest

from briefings.importing import dates, zones
from briefings.importing import timestamps as ts
from briefings.importing.parse import LIVE, parse_document
from briefings.importing.stamp_shape import read_bare_stamp

UTC = dt.UTC


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


def times(doc):
    return [e.posted_at for e in doc.entries]


CLOCKS = [("05:58", dt.time(5, 58)), ("17.51", dt.time(17, 51)), ("5:58 p.m.", dt.time(17, 58))]
DAYS = [
    ("17.11.2024", dt.date(2024, 11, 17)),
    ("2024-11-17", dt.date(2024, 11, 17)),
    ("17 November 2024", dt.date(2024, 11, 17)),
    ("Nov 17, 2024", dt.date(2024, 11, 17)),
    ("", None),
]
WRAPS = ["{}", "[{}]", "({})", "**{}**", "▸ {}", "### {}", "{} |"]


@pytest.mark.parametrize(("clock", "day", "wrap"), list(itertools.product(CLOCKS, DAYS, WRAPS)))
def test_a_line_that_is_only_a_stamp_is_read_whatever_its_order_and_decoration(clock, day, wrap):
    for inner in {f"{day[0]} {clock[0]}".strip(), f"{clock[0]}, {day[0]}".strip(" ,")}:
        stamp = ts.find_stamp(wrap.format(inner))
        assert stamp is not None, wrap.format(inner)
        assert (stamp.clock, stamp.day) == (clock[1], day[1]), wrap.format(inner)


@pytest.mark.parametrize("line", ["Match starts at 19:45", "Polls close 7:00 p.m. in Ohio"])
def test_words_beside_a_time_make_a_sentence_not_a_stamp(line):
    assert read_bare_stamp(line) is None


def test_a_name_beside_the_time_is_its_author_and_counters_before_it_close_the_line():
    assert ts.find_stamp("Marta Kowalczyk — 19:40").author == "Marta Kowalczyk"
    assert ts.find_stamp("👁 61.2K  edited  22:54").style == "end"
    assert ts.find_stamp("PINNED · 11:02").clock == dt.time(11, 2)


@pytest.mark.parametrize("letter", "ABCDEFGHIKLMNOPQRSTUVWXYZ")
def test_a_date_time_group_carries_its_day_time_and_zone(letter):
    stamp = ts.find_stamp(f"251610{letter}MAR25 - The talks ended.")
    assert (stamp.day, stamp.clock, stamp.rest) == (
        dt.date(2025, 3, 25),
        dt.time(16, 10),
        "The talks ended.",
    )
    local = dt.datetime.combine(stamp.day, stamp.clock, UTC)
    east_hours = (local - zones.to_utc(stamp.day, stamp.clock, stamp.zone)) / dt.timedelta(hours=1)
    east, west = "ABCDEFGHIKLM", "NOPQRSTUVWXY"
    want = 0 if letter == "Z" else east.find(letter) + 1 or -(west.index(letter) + 1)
    assert east_hours == want


@pytest.mark.parametrize("hours", range(-12, 15))
def test_an_iso_stamp_keeps_its_own_offset(hours):
    sign = "+" if hours >= 0 else "-"
    stamp = ts.find_stamp(f"▸ 2025-05-16T16:05{sign}{abs(hours):02d}:00")
    assert zones.to_utc(stamp.day, stamp.clock, stamp.zone) == utc(2025, 5, 16, 16, 5) - (
        dt.timedelta(hours=hours)
    )


def _ambiguous_days(year):
    day = dt.date(year, 1, 1)
    while day.year == year:
        if day.day <= 12 and day.day != day.month:
            yield day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("day", list(_ambiguous_days(2025))[::7])
def test_the_weekday_on_its_line_settles_a_numeric_date_that_reads_both_ways(day):
    other = dt.date(day.year, day.day, day.month)  # the other reading
    if other.weekday() == day.weekday():
        pytest.skip("both readings fall on the same weekday")
    weekday = f"{day:%A}"
    for order, text in (
        ("dmy", f"{day.day}/{day.month}/{day:%y}"),
        ("mdy", f"{day.month}/{day.day}/{day:%y}"),
    ):
        line = f"{weekday} | {text} | Issue 212"
        assert dates.numeric_order([line]) == order
        assert dates.dates_in(line, order) == [day]


def test_a_date_that_reads_one_way_only_settles_the_others():
    doc = parse_document(
        "Talks\nAll times GMT\n\n11/03/2025\n\n09:30\nTalks began.\n\n"
        "13/03/2025\n\n10:15\nThe Kremlin answered.\n"
    )
    assert times(doc) == [utc(2025, 3, 11, 9, 30), utc(2025, 3, 13, 10, 15)]


def test_a_span_of_days_starts_on_its_first():
    assert dates.dates_in("NIGHT WATCH, 25-26 AUGUST 2024") == [dt.date(2024, 8, 25)]
    assert dates.partial_dates_in("the night of 6–7 March") == [(3, 6)]


@pytest.mark.parametrize("place", sorted(zones.CITY_ZONES))
def test_a_place_s_clock_named_in_the_header_is_the_page_s_zone(place):
    doc = parse_document(
        f"Channel log\nMessages as posted ({place.title()} time)\n\n"
        "[17.01.2024 10:00]\nFirst message here.\n\n[17.01.2024 11:00]\nSecond message here.\n"
    )
    want = zones.to_utc(dt.date(2024, 1, 17), dt.time(10), zones.CITY_ZONES[place])
    assert times(doc)[0] == want


@pytest.mark.parametrize("place", sorted(p for p in zones.CITY_ZONES if " " not in p))
def test_all_times_local_are_the_dateline_city_s(place):
    doc = parse_document(
        f"The night log\n\n{place.upper()} — Our correspondent reports through the night.\n"
        "All times local.\n\n2215 hrs — Sirens sound.\n\n2340 hrs — Explosions heard.\n",
        default_date=dt.date(2024, 1, 17),
    )
    want = zones.to_utc(dt.date(2024, 1, 17), dt.time(22, 15), zones.CITY_ZONES[place])
    assert times(doc)[0] == want
    assert all(not e.is_original_entry for e in doc.entries)  # the lede speaks of the page


def test_the_zone_of_the_page_s_own_time_and_of_its_one_zoned_stamp_carry_to_bare_clocks():
    doc = parse_document(
        "# Live: aid paused\n\n*Updated 4:05 p.m. ET, March 4, 2025*\n\n"
        "### 3:50 p.m.\n\nZelensky wrote to Trump.\n\n### 1:12 p.m.\n\nA plan was set out.\n"
    )
    assert times(doc) == [utc(2025, 3, 4, 20, 50), utc(2025, 3, 4, 18, 12)]
    doc = parse_document(
        "Exchange\nWire desk · 24 August 2024\n\n16:40 EEST — Soldiers came home.\n\n"
        "14:05 — Officials confirmed it.\n\n11:30 — Crowds gathered.\n"
    )
    assert times(doc) == [
        utc(2024, 8, 24, 13, 40),
        utc(2024, 8, 24, 11, 5),
        utc(2024, 8, 24, 8, 30),
    ]


def test_a_log_runs_in_the_order_of_the_instants_its_clocks_name():
    doc = parse_document(
        "Four capitals\nMonday 20 January 2025\n\nMoscow, 15:05 MSK\nPutin spoke.\n\n"
        "Washington, 12:03 EST\nTrump was sworn in.\n\nKyiv, 19:55 EET\nZelensky spoke.\n\n"
        "Washington, 19:45 EST\nOrders were signed.\n"
    )
    assert times(doc) == [
        utc(2025, 1, 20, 12, 5),
        utc(2025, 1, 20, 17, 3),
        utc(2025, 1, 20, 17, 55),
        utc(2025, 1, 21, 0, 45),
    ]


def test_a_newest_first_log_s_top_entry_is_dated_by_the_page_s_last_update():
    doc = parse_document(
        "Leaders in Kyiv – as it happened\n\nTue 25 Feb 2025 00.52 GMT\n"
        "First published on Mon 24 Feb 2025 06.40 GMT\n\n00.41 GMT\nWe close this blog.\n\n"
        "22.15 GMT\nMacron spoke in Washington.\n\n06.40 GMT\nWelcome to our coverage.\n"
    )
    assert times(doc) == [
        utc(2025, 2, 25, 0, 41),
        utc(2025, 2, 24, 22, 15),
        utc(2025, 2, 24, 6, 40),
    ]


def test_stamps_that_close_their_entries_are_read_from_the_page_s_rhythm():
    doc = parse_document(
        "Channel copy, 6–7 March 2025\nKyiv time.\n\nMarch 6\n\n"
        "Air force: drones over Sumy region, moving west.\n👁 61.2K  22:54\n\n"
        "Monitoring channels warn of a missile strike.\n👁 74.9K  edited  23:47\n\nMarch 7\n\n"
        "Explosions in Kyiv region and Ternopil.\n👁 102K  01:20\n"
    )
    assert [e.body.split(".")[0] for e in doc.entries] == [
        "Air force: drones over Sumy region, moving west",
        "Monitoring channels warn of a missile strike",
        "Explosions in Kyiv region and Ternopil",
    ]
    assert times(doc) == [utc(2025, 3, 6, 20, 54), utc(2025, 3, 6, 21, 47), utc(2025, 3, 6, 23, 20)]


def test_a_label_over_every_entry_and_a_clock_out_of_the_page_s_rhythm_are_not_entries():
    doc = parse_document(
        "Talks stall\nAll times are UK time.\nLast updated 30 March 2025\n\n"
        "Post\n14:20\nTrump threatens tariffs\nDonald Trump said he was angry.\n\n"
        "Post\n09:10\nDavid Lammy said pressure would continue.\n\n"
        "Post\n00:45\nDebris fell in Kyiv.\n"
    )
    assert [e.headline for e in doc.entries] == ["Trump threatens tariffs", "", ""]
    doc = parse_document(
        "Oval Office clash\nFebruary 28, 2025\n\n5:30 PM ET\nZelensky left early.\n"
        "02:14 - Source: WKNX\n\n4:58 PM ET\nVance spoke.\n\n4:15 PM ET\nMacron spoke.\n"
    )
    assert times(doc) == [
        utc(2025, 2, 28, 22, 30),
        utc(2025, 2, 28, 21, 58),
        utc(2025, 2, 28, 21, 15),
    ]


def test_one_stamp_under_a_live_label_in_capitals_is_a_live_log():
    doc = parse_document(
        "● LIVE REPORTING\nMartial law declared in South Korea\nSeoul, December 3, 2024\n\n"
        "11:05 p.m. KST\nPresident Yoon Suk Yeol declared emergency martial law.\n"
    )
    assert doc.kind == LIVE and times(doc) == [utc(2024, 12, 3, 14, 5)]


def test_the_page_time_after_a_label_dates_relative_stamps():
    doc = parse_document(
        "Leaders react\nLive | Page updated 11:20 CET, Wednesday 6 November 2024\n\n"
        "12m ago\nRutte congratulated Trump.\n\n34m ago\nMacron spoke with Trump.\n"
    )
    assert times(doc) == [utc(2024, 11, 6, 10, 20), utc(2024, 11, 6, 9, 58)]


SUBJECTS = [
    "All times",
    "Timestamps",
    "Times shown",
    "All times in this live blog",
    "Times on this page",
    "Time zone:",
]


@pytest.mark.parametrize(
    ("subject", "name"), list(itertools.product(SUBJECTS, sorted(zones.ZONES)))
)
def test_the_words_that_declare_a_page_s_clock_before_any_zone_name(subject, name):
    verb = "" if subject.endswith(":") else " are"
    line = f"{subject}{verb} {name.upper() if len(name) <= 4 else name.title()}."
    assert zones.find_zone_in_sentence(line) == zones.zone_for(name), line


@pytest.mark.parametrize("name", ["Europe/Amsterdam", "Asia/Tokyo", "America/Chicago", "UTC"])
def test_a_front_matter_time_zone_is_read_as_written(name):
    assert zones.find_zone_declaration(f"timezone: {name}") == name
    assert zones.find_zone_declaration("timezone: Europe/Atlantis") is None


def test_no_entry_of_a_newest_first_log_is_later_than_the_page_s_last_update():
    doc = parse_document(
        "Election night live\nUpdated 1:05 a.m. ET, Nov. 6, 2024\n\n12:40 a.m.\nTrump wins "
        "Georgia.\n\n11:20 p.m.\nHarris wins Virginia.\n\n9:02 p.m.\nPolls close in Ohio.\n"
    )
    assert times(doc) == [utc(2024, 11, 6, 5, 40), utc(2024, 11, 6, 4, 20), utc(2024, 11, 6, 2, 2)]
    assert any("crossing midnight" in warning for warning in doc.warnings)


@pytest.mark.parametrize("first", range(7))
def test_a_weekday_beside_the_clock_names_its_day(first):
    monday = dt.date(2025, 2, 24)
    start = monday + dt.timedelta(days=first)
    later = start + dt.timedelta(days=3)
    doc = parse_document(
        f"Strikes\n{start:%A %d %B %Y}, all times GMT\n\n{start:%a} 22:10\nSirens sounded.\n\n"
        f"{later:%A} 08:15\nThe air force reported.\n"
    )
    assert times(doc) == [
        dt.datetime.combine(start, dt.time(22, 10), UTC),
        dt.datetime.combine(later, dt.time(8, 15), UTC),
    ]


HEADER_WRAPS = ["{}", "## {}", "**{}**", "— {} —", "{}:", "Day 3: {}", "[{}]"]
HEADER_DATES = [
    ("Wednesday 6 November 2024", dt.date(2024, 11, 6), None),
    ("6 November 2024 (Wednesday)", dt.date(2024, 11, 6), None),
    ("Wednesday, Nov. 6", None, (11, 6)),
    ("06.11.2024", dt.date(2024, 11, 6), None),
]


@pytest.mark.parametrize(("wrap", "header"), list(itertools.product(HEADER_WRAPS, HEADER_DATES)))
def test_a_date_line_is_read_through_its_decoration(wrap, header):
    assert dates.find_date_header(wrap.format(header[0])) == header[1:]


def test_today_and_yesterday_beside_a_clock_count_from_the_page_s_date():
    doc = parse_document(
        "Overnight strikes\nLast updated 09:20 GMT, 14 November 2024\n\nToday 07:40\nThe air "
        "force reported.\n\nYesterday 23:10\nSirens sounded in Kyiv.\n"
    )
    assert times(doc) == [utc(2024, 11, 14, 7, 40), utc(2024, 11, 13, 23, 10)]


def test_a_pinned_box_above_the_first_stamp_is_the_standfirst_not_an_entry():
    box = (
        "Pinned\nHere's what to know\nThe meeting in the Oval Office was meant to end with the "
        "signing of a minerals agreement, but the two leaders clashed in front of reporters.\n\n"
    )
    entries = "5:30 PM ET\nZelensky left early.\n\n4:58 PM ET\nVance spoke.\n"
    doc = parse_document("Oval Office clash\nFebruary 28, 2025\n\n" + box + entries)
    assert [e.body for e in doc.entries] == ["Zelensky left early.", "Vance spoke."]
    assert "minerals agreement" in doc.standfirst
    # Without its labels too: an untimed lede above the first stamp is the standfirst (the
    # convention decided for every round of the corpus), never an update without a time.
    doc = parse_document(
        "Oval Office clash\nFebruary 28, 2025\n\n" + box.split("\n", 2)[2] + entries
    )
    assert [e.body for e in doc.entries] == ["Zelensky left early.", "Vance spoke."]
    assert "minerals agreement" in doc.standfirst


@pytest.mark.parametrize("separator", [" — ", " | ", " · ", ", "])
def test_a_name_after_the_clock_on_several_entries_is_their_reporter(separator):
    doc = parse_document(
        "EU summit live\n6 March 2025 · All times CET\n\n"
        f"19:40{separator}Marta Kowalczyk\nLeaders endorsed the plan.\n\n"
        f"17:15{separator}Jonas Lindqvist\nOrbán declined.\n\n"
        f"14:05{separator}Marta Kowalczyk\nZelensky arrived.\n\n"
        f"11:30{separator}Jonas Lindqvist\nMacron spoke.\n"
    )
    assert [(e.byline, e.headline) for e in doc.entries] == [
        ("Marta Kowalczyk", ""),
        ("Jonas Lindqvist", ""),
        ("Marta Kowalczyk", ""),
        ("Jonas Lindqvist", ""),
    ]
    assert times(doc)[0] == utc(2025, 3, 6, 18, 40)


@pytest.mark.parametrize(
    ("hours", "minutes", "form"),
    [
        (h, m, f)
        for h in (1, 2, 11)
        for m in (5, 40)
        for f in ("{}h {}m ago", "{} hours {} minutes ago", "{} hr, {} mins ago")
    ],
)
def test_a_relative_stamp_in_hours_and_minutes(hours, minutes, form):
    assert ts.relative_minutes(form.format(hours, minutes)) == hours * 60 + minutes


@pytest.mark.parametrize("place", sorted(p for p in zones.CITY_ZONES if " " not in p))
def test_a_known_city_before_a_long_dash_is_a_dateline_and_its_zone(place):
    line = f"{place.title()} — Air defence worked through the night, officials said."
    assert ts.find_dateline(line).zone == zones.CITY_ZONES[place]
    assert ts.find_dateline(f"{place.title()} - which denies it, said so.") is None


@pytest.mark.parametrize(
    "line",
    [
        "Updated Nov. 6, 2024, 1:05 a.m. ET",
        "Updated: 6 November 2024 01:05 GMT",
        "Updated: 18/11/2024 - 19:45 CET",
        "Last updated on November 6, 2024 at 1:05 AM",
    ],
)
def test_an_updated_line_with_a_full_date_is_the_page_s_time_not_an_entry(line):
    assert ts.find_stamp(line).style == "meta"
    assert ts.find_stamp("Updated 14:05: Officials said it").style == "update"


def test_a_stamp_s_ambiguous_numeric_date_is_read_the_way_the_page_writes_dates():
    doc = parse_document(
        "Channel\nAll times CET\n\n[11/02/2025 14:37]\nVance spoke in Paris.\n\n"
        "[13/02/2025 09:10]\nLeaders met again.\n"
    )
    assert times(doc) == [utc(2025, 2, 11, 13, 37), utc(2025, 2, 13, 8, 10)]


# Dates as other conventions write them: spaced dots (Czech, Slovak, Serbian pages) and a
# day, a month's abbreviation and a two-digit year on a line of its own (military and
# aviation logs).
@pytest.mark.parametrize("day", [dt.date(2025, 3, 16), dt.date(2024, 12, 5), dt.date(2023, 1, 31)])
@pytest.mark.parametrize("wrap", ["{}", "Sunday · {}", "{}.", "**{}**"])
def test_a_date_with_spaced_dots_is_read(day, wrap):
    assert dates.dates_in(wrap.format(f"{day.day}. {day.month}. {day.year}")) == [day]


@pytest.mark.parametrize("month", list(range(1, 13)))
@pytest.mark.parametrize("case", [str.upper, str.title])
def test_a_line_that_is_only_a_day_month_and_short_year_dates_its_day(month, case):
    day = dt.date(2024, month, 25)
    line = case(f"{day:%d %b %y}")
    assert dates.dates_in(line) == [day]
    assert dates.find_date_header(line) == (day, None)


@pytest.mark.parametrize(
    "sentence", ["5 May 24 people died", "On 3 March 25 arrived", "25 Dec 24h"]
)
def test_a_short_year_inside_words_is_no_date(sentence):
    assert dates.dates_in(sentence) == []


def test_a_military_log_with_short_year_day_lines_is_dated_and_rolls_its_days():
    doc = parse_document(
        "Incident log\nAll times Zulu.\n\n25 DEC 24\n\n0628Z  A plane comes down.\n"
        "1630Z  Photos show marks.\n\n26 DEC 24\n\n0810Z  Sources speak to Reuters.\n"
    )
    assert times(doc) == [
        utc(2024, 12, 25, 6, 28),
        utc(2024, 12, 25, 16, 30),
        utc(2024, 12, 26, 8, 10),
    ]
