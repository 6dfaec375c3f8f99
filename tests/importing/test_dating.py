"""Issue 13: dates and zones read from the whole document; never a live log dated today."""

import datetime as dt

import pytest

from briefings.importing.dating import find_document_date, find_document_zone
from briefings.importing.parse import LIVE, parse_document

UTC = dt.UTC


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


def times(doc):
    return [e.posted_at for e in doc.entries]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Kyiv briefing\n\nKYIV, Nov 13 (Reuters) - Talks went on. © 2024 Reuters", (2024, 11, 13)),
        ("Title\n\nNovember 13, 2024 3:21 PM GMT+0 Updated 2 hours ago\n\nText.", (2024, 11, 13)),
        ("Title\n\nPublished On 19 Nov 202419 Nov 2024\n\nText.", (2024, 11, 19)),
        ("Title\nWATCH LOG 17 JUL 2023 | ALL TIMES ZULU\n\n0415Z — Traffic halted.", (2023, 7, 17)),
        ("Title\n\nText one.\n\nText two.\n\nLast updated: 14:02 BST, 3 March 2023", (2023, 3, 3)),
        ("Channel\n\nUkrainska Pravda, [28.12.2023 23:48]\nBombers took off.", (2023, 12, 28)),
    ],
)
def test_the_date_is_found_wherever_the_document_states_it(text, day):
    found = find_document_date(text.split("\n"))
    assert found is not None and found.day == dt.date(*day)
    assert not found.guessed


def test_a_date_in_prose_only_is_a_guess_and_said_so():
    found = find_document_date(["Notes", "", "Aid must arrive before Jan. 20, 2025, they say."])
    assert found.day == dt.date(2025, 1, 20) and found.guessed


def test_no_date_anywhere_is_none_never_today():
    assert find_document_date(["Title", "", "17:51 Sirens in Kyiv.", "18:02 All clear."]) is None


@pytest.mark.parametrize(
    ("lines", "zone"),
    [
        (["Live", "Strikes began at dawn (all times Kyiv, GMT+2)."], ("Europe/Kyiv", "declared")),
        (["Log", "WATCH LOG 17 JUL 2023 | ALL TIMES ZULU"], ("UTC", "declared")),
        (["Story", "MOSCOW, June 24 (Reuters) - Wagner fighters"], ("Europe/Moscow", "dateline")),
        (["Story", "It was the first time in Kyiv that the grid failed."], (None, "")),
    ],
)
def test_zones_declared_in_a_sentence_or_implied_by_a_dateline(lines, zone):
    assert find_document_zone(lines) == zone


def test_a_live_log_dated_only_in_its_last_line():
    doc = parse_document(
        "Overnight attacks\n\n18:40 Sirens in Kyiv.\n\n17:55 Drones over Sumy.\n\n"
        "Last updated: 18:45 GMT, 21 November 2024\n"
    )
    assert doc.kind == LIVE and not doc.needs_date
    assert times(doc) == [utc(2024, 11, 21, 18, 40), utc(2024, 11, 21, 17, 55)]


def test_a_live_log_dated_by_its_dateline_and_zoned_by_its_lede():
    doc = parse_document(
        "Kyiv under attack\n\nKYIV, Nov 13, 2024 (AP) — Explosions shook the capital "
        "overnight (all times Kyiv time).\n\n09:10 Metro stations open as shelters.\n\n"
        "08:05 Air raid alert across Ukraine.\n"
    )
    assert doc.time_zone == "Europe/Kyiv"
    assert times(doc) == [utc(2024, 11, 13, 7, 10), utc(2024, 11, 13, 6, 5)]


def test_a_live_log_without_any_date_needs_one_and_gets_no_time():
    doc = parse_document("Overnight attacks\n\n18:40 Sirens in Kyiv.\n\n17:55 Drones over Sumy.\n")
    assert doc.needs_date
    assert times(doc) == [None, None]
    given = parse_document(
        "Overnight attacks\n\n18:40 Sirens in Kyiv.\n\n17:55 Drones over Sumy.\n",
        default_date=dt.date(2024, 11, 21),
    )
    assert not given.needs_date and times(given)[0] == utc(2024, 11, 21, 18, 40)


def test_military_time_and_a_zulu_header():
    doc = parse_document(
        "Black Sea watch\nWATCH LOG 17 JUL 2023 | ALL TIMES ZULU\n\n"
        "0415Z — Traffic halted on the bridge.\n\n1015 hrs — The grain deal is suspended.\n"
    )
    assert times(doc) == [utc(2023, 7, 17, 4, 15), utc(2023, 7, 17, 10, 15)]


def test_headline_glued_to_a_published_at_stamp():
    doc = parse_document(
        "Putin speaks\n\nLive\n\n"
        "Putin: new missile 'cannot be stopped'published at 18:40 Greenwich Mean Time "
        "21 November 2024\n\nIn a short address, Putin spoke.\n\n"
        "Zelensky: 'partners must respond'published at 17:55 Greenwich Mean Time "
        "21 November 2024\n\nUkraine's president asked for air defence.\n"
    )
    assert [(e.headline, e.posted_at) for e in doc.entries] == [
        ("Putin: new missile 'cannot be stopped'", utc(2024, 11, 21, 18, 40)),
        ("Zelensky: 'partners must respond'", utc(2024, 11, 21, 17, 55)),
    ]


@pytest.mark.parametrize(
    ("lines", "day", "source"),
    [
        (["Title", "", "Text.", "", "Updated: November 13, 2024"], (2024, 11, 13), "header"),
        (
            ["Title", "", "Kyiv at dusk, 13 November 2024 (Photo: X/AFP)", "", "Text."],
            (2024, 11, 13),
            "note",
        ),
        (
            ["Title", "", "09:10, 20 November (EET)", "Text.", "", "© 2024 Desk"],
            (2024, 11, 20),
            "partial",
        ),
        (
            ["Title", "", "Text.", "", "Page last updated 21/11/2024 00:20"],
            (2024, 11, 21),
            "header",
        ),
    ],
)
def test_dates_in_footers_captions_and_stamps_without_a_year(lines, day, source):
    found = find_document_date(lines)
    assert (found.day, found.source) == (dt.date(*day), source)
