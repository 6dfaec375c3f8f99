"""Readers that do not depend on having seen a layout: stamps found by the rhythm of a page
(inline_stamps.py) and zones found from where a page is (places.py, GeoNames). Tested on
documents composed here, never on the corpus files."""

from datetime import UTC, date, datetime

import pytest

from briefings.importing import dating, places
from briefings.importing.clean import clean_text
from briefings.importing.datelines import find_dateline
from briefings.importing.document import Line
from briefings.importing.inline_stamps import split_inline_stamps
from briefings.importing.parse import parse_document


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def read(text, **kwargs):
    return parse_document(clean_text(text).text, **kwargs)


def times(doc):
    return [e.posted_at for e in doc.entries]


# Stamps opening or closing an entry's first line ------------------------------------------

LEDE = "Harbour Vote 2023: the count through the night\n\nAll times are Lisbon time.\n\n"


@pytest.mark.parametrize(
    "opening",
    [
        "{clock} {text}",  # "21:03 The count has begun …"
        "{clock} — {text}",
        "{clock}: {text}",
        "+++ {clock} Uhr: {text} +++",
        "{clock} | {text}",
    ],
)
def test_clocks_opening_paragraphs_stamp_the_entries(opening):
    entries = [
        ("19:10", "Polls have closed across the district and counting starts at once."),
        ("20:45", "The first ballot boxes arrive at the sports hall under police escort."),
        ("22:30", "Turnout reached 61 per cent, the electoral office said."),
    ]
    body = "\n\n".join(opening.format(clock=c, text=t) for c, t in entries)
    doc = read(LEDE + body + "\n", default_date=date(2023, 10, 8))
    assert times(doc) == [
        utc(2023, 10, 8, 18, 10),
        utc(2023, 10, 8, 19, 45),
        utc(2023, 10, 8, 21, 30),
    ]
    assert doc.entries[2].body.startswith("Turnout reached 61 per cent")


def test_headlines_that_end_with_their_clock_stamp_the_entries():
    text = LEDE + (
        "Counting begins in the sports hall (19.10)\n"
        "The first boxes were opened under the eyes of party observers.\n\n"
        "Mayor concedes [21.40]\n"
        "The outgoing mayor told supporters the result was clear.\n\n"
        "Turnout the highest since 1999 (22.05)\n"
        "The electoral office put turnout at 61 per cent.\n"
    )
    doc = read(text, default_date=date(2023, 10, 8))
    assert times(doc) == [
        utc(2023, 10, 8, 18, 10),
        utc(2023, 10, 8, 20, 40),
        utc(2023, 10, 8, 21, 5),
    ]
    assert [e.headline for e in doc.entries] == [
        "Counting begins in the sports hall",
        "Mayor concedes",
        "Turnout the highest since 1999",
    ]


def test_newest_first_clocks_crossing_midnight_are_one_rhythm():
    text = LEDE + (
        "00:40 The last district has declared and the Greens hold the town hall.\n\n"
        "23:15 Recounts are under way in two wards after narrow margins.\n\n"
        "21:50 Exit polls put the Greens eight points ahead of the Liberals.\n"
    )
    doc = read(text, default_date=date(2023, 10, 8))
    assert times(doc) == [
        utc(2023, 10, 8, 23, 40),
        utc(2023, 10, 8, 22, 15),
        utc(2023, 10, 8, 20, 50),
    ]


def test_a_day_in_brackets_after_the_clock_stays_with_the_stamp():
    text = LEDE + (
        "22:10 — Counting is slow in the northern wards, officials said.\n\n"
        "23:35 — The Greens claim victory before the official figures.\n\n"
        "00:20 (Monday) — The electoral office confirms the Greens have won.\n"
    )
    doc = read(text, default_date=date(2023, 10, 8))
    assert times(doc)[-1] == utc(2023, 10, 8, 23, 20)
    assert doc.entries[-1].body.startswith("The electoral office confirms")


def test_one_paragraph_opening_with_a_time_is_a_sentence():
    text = (
        "Museum night returns\n\n"
        "The city's museums stay open late on Saturday for the first time since 2019.\n\n"
        "19:00 Doors open at the harbour museum, with free entry until midnight.\n\n"
        "Tickets for the boat tour can be booked online from Monday.\n"
    )
    doc = read(text, default_date=date(2023, 10, 8))
    assert doc.kind == "article"


def test_a_programme_whose_times_jump_about_is_not_a_log():
    lines = [
        Line(1, "09:00 Registration opens in the main hall."),
        Line(2, ""),
        Line(3, "14:00 Panel on coastal flooding with the regional authority."),
        Line(4, ""),
        Line(5, "10:30 Keynote by the minister of the environment."),
        Line(6, ""),
        Line(7, "11:15 Coffee and posters in the foyer."),
        Line(8, ""),
        Line(9, "08:30 Breakfast for speakers in the hotel."),
    ]
    assert split_inline_stamps(lines, lambda text: False, live=False) == lines


def test_a_page_with_stamps_on_their_own_lines_keeps_its_layout():
    lines = [
        Line(1, "18:00"),
        Line(2, "Polls close."),
        Line(3, ""),
        Line(4, "19:00"),
        Line(5, "Counting starts."),
        Line(6, ""),
        Line(7, "20:00"),
        Line(8, "Results come in."),
        Line(9, ""),
        Line(10, "21:00 Turnout was 61 per cent, the office said."),
    ]
    is_stamp = {"18:00", "19:00", "20:00"}.__contains__
    assert split_inline_stamps(lines, is_stamp, live=False) == lines


def test_two_paragraphs_are_enough_on_a_page_that_calls_itself_live():
    text = (
        "Live: storm Ingrid reaches the coast\n\n"
        "07:40 Gusts of 140 km/h were measured on the lighthouse at dawn.\n\n"
        "08:15 The ferry company cancelled all crossings until the afternoon.\n"
    )
    doc = read(text, default_date=date(2023, 10, 8), default_zone="Europe/Oslo")
    assert times(doc) == [utc(2023, 10, 8, 5, 40), utc(2023, 10, 8, 6, 15)]


# Zones from where a page is ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "zone"),
    [
        ("Sri Lanka", "Asia/Colombo"),
        ("Tromsø", "Europe/Oslo"),
        ("Washington", "America/Los_Angeles"),  # the state: the city is in the short tables
        ("Georgia", "Asia/Tbilisi"),  # the country: GeoNames' countries come before states
        ("Nepal", "Asia/Kathmandu"),
        ("Canada", None),  # six zones
        ("Brazil", "America/Sao_Paulo"),  # many zones, nearly all people on one clock
        ("Russia", None),  # eleven clocks
        ("Narnia", None),
    ],
)
def test_places_name_their_clock(name, zone):
    assert places.zone_of(name) == zone


@pytest.mark.parametrize(
    ("line", "zone"),
    [
        ("All times are Sri Lanka time.", "Asia/Colombo"),
        ("Updates from our desk (Tromsø time)", "Europe/Oslo"),
        ("Times on this page are Nepal time, UTC+5:45.", "Asia/Kathmandu"),
    ],
)
def test_a_place_no_table_lists_declares_the_zone(line, zone):
    assert dating.find_document_zone(["Storm watch", line, "", "07:40", "Gusts."]) == (
        zone,
        "declared",
    )


def test_a_dateline_in_capitals_names_any_city():
    found = find_dateline("TROMSØ — The northern lights festival opened on Friday.")
    assert found and found.zone == "Europe/Oslo"
    assert find_dateline("Most — the largest part of the harvest was lost.") is None


def test_a_place_and_a_date_opening_the_lede_give_the_zone():
    lines = [
        "Cup final as it happened",
        "",
        "Bergen, Saturday 3 June 2023. The home side meet the champions.",
        "",
        "20:15 Kick-off.",
        "",
        "21:55 Full time.",
    ]
    assert dating.find_document_zone(lines) == ("Europe/Oslo", "dateline")


def test_the_places_a_page_names_give_its_zone_when_they_agree():
    text = (
        "Port strike ends\n\n"
        "Dockworkers in Tacoma and Seattle voted to return to work, the union said in "
        "Washington state on Monday.\n\n9:40 a.m.\nThe first ships were unloaded.\n"
    )
    assert dating.find_document_zone(text.split("\n")) == ("America/Los_Angeles", "places")


def test_places_that_disagree_give_no_zone():
    text = (
        "Talks in Geneva\n\nDiplomats from Kyiv, Washington and Tokyo met in Geneva on "
        "Monday.\n\n9:40\nThe talks began.\n"
    )
    assert dating.find_document_zone(text.split("\n")) == (None, "")


def test_zones_that_keep_the_same_clock_count_as_one():
    text = "Floods in Opole and Dresden\n\nWarsaw and Berlin sent help to Wrocław.\n\n9:40\nRain.\n"
    zone, how = dating.find_document_zone(text.split("\n"))
    assert how == "places" and zone in {"Europe/Warsaw", "Europe/Berlin"}


@pytest.mark.parametrize(
    ("masthead", "zone"),
    [
        ("The Hobart Evening Herald", "Australia/Hobart"),
        ("Bergen Daily Tribune", "Europe/Oslo"),
        ("Korea Business Times", "Asia/Seoul"),
    ],
)
def test_a_paper_keeps_the_clock_of_the_place_in_its_name(masthead, zone):
    lines = [masthead, "", "Harbour fire", "", "9.40pm", "Crews reached the pier."]
    assert dating.find_document_zone(lines) == (zone, "places")


def test_papers_of_different_places_cited_in_a_text_give_no_zone():
    text = "According to the Bergen Daily Tribune and the Korea Business Times, 9.40pm."
    assert dating.find_document_zone([text]) == (None, "")


def test_a_state_named_like_a_city_or_a_country_votes_only_when_the_text_says_state():
    state = "Fires in Washington state: crews from Spokane and Yakima.\n\n9:40\nSmoke.\n"
    capital = "Talks in Washington: the senator spoke.\n\n9:40\nVote.\n"
    assert dating.find_document_zone(state.split("\n"))[0] == "America/Los_Angeles"
    assert dating.find_document_zone(capital.split("\n"))[0] == "America/New_York"
    georgia = "Storm in the state of Georgia: Savannah and Atlanta.\n\n9:40\nRain.\n"
    assert dating.find_document_zone(georgia.split("\n"))[0] == "America/New_York"


def test_zones_that_keep_one_clock_on_the_page_s_day_count_as_one():
    text = "Storm warning\n\nSydney and Brisbane braced for the storm.\n\n9:40\nRain.\n"
    lines = text.split("\n")
    may, january = date(2025, 5, 3), date(2025, 1, 3)
    assert dating.find_document_zone(lines, may) == ("Australia/Brisbane", "places")
    assert dating.find_document_zone(lines, january) == (None, "")  # Sydney keeps summer time
