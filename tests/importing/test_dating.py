"""Issue 13: dates and zones read from the whole document; never a live log dated today."""

import datetime as dt

import pytest

from briefings.importing import zones
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
    # no zone stated: the clock of Kyiv, the one city of a zone the log names
    assert not given.needs_date and times(given)[0] == utc(2024, 11, 21, 16, 40)


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


@pytest.mark.parametrize(
    ("lines", "zone"),
    [
        (["Night log", "Rolling log. Local (Odesa) time."], "Europe/Kyiv"),
        (["#desk", "Topic: Floods · all times Valencia · corrections in thread"], "Europe/Madrid"),
        (["Live", "All times Chiang Mai (GMT+7). Refresh for the latest."], "Etc/GMT-7"),
        (["Live", "Posted: Jan 5, 2025 09:12 AM IST"], "Asia/Kolkata"),
        (["Live", "All times are Bangkok time."], "Asia/Bangkok"),
    ],
)
def test_a_zone_named_once_in_the_header_in_any_wording(lines, zone):
    assert find_document_zone(lines) == (zone, "declared")


def test_the_latest_of_a_page_s_own_times_places_a_newest_first_log():
    # Published one day, modified the next: the top entry sits before the modification.
    doc = parse_document(
        "Vote in parliament\n\nIssued on: 13/02/2025 - 23:10 Modified: 14/02/2025 - 18:30\n"
        "All times are Paris time.\n\n18:05: Result announced in the chamber today.\n\n"
        "09:40: Debate opens on the motion this morning.\n"
    )
    assert times(doc) == [utc(2025, 2, 14, 17, 5), utc(2025, 2, 14, 8, 40)]


def test_an_oldest_first_log_ends_before_the_page_s_last_update():
    doc = parse_document(
        "Night of the vote\n\nOldest first. All times are Korea Standard Time.\n\n"
        "[21:50] The session opens in the chamber.\n\n[23:15] A recess is called by the chair.\n\n"
        "[02:05] The motion passes by a wide margin.\n\n"
        "Last updated 9 March 2025, 02:30 (KST)\n"
    )
    assert times(doc) == [
        utc(2025, 3, 8, 12, 50),
        utc(2025, 3, 8, 14, 15),
        utc(2025, 3, 8, 17, 5),
    ]


def test_a_pinned_entry_stays_out_of_the_log_s_order():
    doc = parse_document(
        "Count night live\n\nUpdated: February 10, 2025 / 1:20 AM EST / Desk News\n\n"
        "Pinned\n5:00 p.m. ET\nWelcome to our coverage of the count tonight across the state.\n\n"
        "1:05 a.m. ET\nThe governor concedes in a short speech to supporters.\n\n"
        "11:30 p.m. ET\nThe first county reports its full count after a long delay.\n"
    )
    assert times(doc) == [
        utc(2025, 2, 9, 22, 0),
        utc(2025, 2, 10, 6, 5),
        utc(2025, 2, 10, 4, 30),
    ]
    assert all(e.headline != "Pinned" for e in doc.entries)


def test_a_date_glued_to_its_label_is_read():
    found = find_document_date(["Key events, day 900", "", "Published3 Aug 20243 Aug 2024"])
    assert found.day == dt.date(2024, 8, 3)


def test_ambiguous_numeric_dates_on_a_page_in_american_time_are_month_first():
    doc = parse_document(
        "Reactions\nLive coverage · all times Eastern\n\n"
        "03/04/2025 9:10 AM EST\nThe first leader congratulated the winner.\n\n"
        "03/04/2025 11:40 AM EST\nMarkets opened higher after the result.\n"
    )
    assert times(doc) == [utc(2025, 3, 4, 14, 10), utc(2025, 3, 4, 16, 40)]


def test_a_date_without_its_year_is_in_the_year_nearest_the_page_s_date():
    doc = parse_document(
        "Channel posts, New Year's night\nExported 02.01.2025 09:30 · times shown in Kyiv time\n\n"
        "December 31\n\n23:48 Alert in the capital, go to shelters!\n\n"
        "January 1\n\n01:15 The alert is over.\n"
    )
    assert times(doc) == [utc(2024, 12, 31, 21, 48), utc(2024, 12, 31, 23, 15)]


def _log_naming(*places):
    entries = "\n\n".join(
        f"{clock}\nSupporters gathered in {place} as the first results came in."
        for clock, place in zip(("22.00", "23.15"), [*places, places[-1]], strict=False)
    )
    return f"Election night: results as they come in\nThursday 4 July 2024\n\n{entries}\n"


@pytest.mark.parametrize("city", sorted(zones.CITY_ZONES))
def test_a_log_that_names_no_zone_keeps_the_clock_of_the_one_city_it_names(city):
    doc = parse_document(_log_naming(city.title()))
    zone = zones.CITY_ZONES[city]
    assert doc.time_zone == zone
    assert doc.entries[0].posted_at == zones.to_utc(dt.date(2024, 7, 4), dt.time(22, 0), zone)
    assert any("the places the page names" in w for w in doc.warnings)


def test_cities_of_two_zones_name_no_zone_and_a_given_zone_wins():
    assert parse_document(_log_naming("London", "Kyiv")).time_zone == "UTC"
    given = parse_document(_log_naming("London"), default_zone="Europe/Kyiv")
    assert given.time_zone == "Europe/Kyiv"
