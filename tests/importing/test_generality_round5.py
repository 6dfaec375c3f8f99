"""The fourth round of rules learnt from documents (600–629), each tested on documents
composed here — other outlets, other wording, other numbers — never on the corpus file."""

from datetime import UTC, datetime

import pytest

from briefings.importing import chrome, zones
from briefings.importing.clean import clean_text
from briefings.importing.parse import parse_document


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def read(text, **kwargs):
    return parse_document(clean_text(text).text, **kwargs)


# A clock decorated with a dash or a bullet is a stamp, not a view counter ----------------


@pytest.mark.parametrize("line", ["— 20:17", "– 7.05", "• 09:41 •", "-- 23:59", "» 14:02"])
def test_a_decorated_bare_clock_is_no_counter(line):
    assert chrome.line_reason(line) is None


@pytest.mark.parametrize("line", ["👁 61.2K", "💬 14", "02:14 - Source: Reuters"])
def test_counters_stay_counters(line):
    assert chrome.line_reason(line) == "site chrome (counter)"


def test_headlines_over_dash_clocks_are_stamped_entries():
    text = (
        "Regional cup final: Harbour Town lift the trophy\n\n"
        "All times are Lisbon time.\n\n"
        "Kick-off\n— 18:00\nThe referee gets the final under way in front of a full ground.\n\n"
        "Harbour Town ahead\n— 18:41\nA header from the captain puts the visitors in front.\n\n"
        "Full time\n— 19:52\nHarbour Town hold on for their first cup in 40 years.\n"
    )
    doc = read(text, default_date=datetime(2025, 5, 18).date())
    assert [e.posted_at for e in doc.entries] == [
        utc(2025, 5, 18, 17, 0),
        utc(2025, 5, 18, 17, 41),
        utc(2025, 5, 18, 18, 52),
    ]
    assert doc.entries[1].headline == "Harbour Town ahead"


# Any city the zone database names declares the page's clock, accents or not ----------------


@pytest.mark.parametrize(
    ("line", "zone"),
    [
        ("Times are Brasília time.", "America/Sao_Paulo"),
        ("All times São Paulo time", "America/Sao_Paulo"),
        ("Times below are Bogotá time.", "America/Bogota"),
        ("All times in this blog are Lagos time", "Africa/Lagos"),
        ("Timestamps are Ho Chi Minh time.", "Asia/Ho_Chi_Minh"),
        ("All times are Montevideo time.", "America/Montevideo"),
    ],
)
def test_a_declaration_names_any_city_of_the_zone_database(line, zone):
    assert zones.find_zone_in_sentence(line) == zone


def test_a_database_city_without_time_after_it_declares_nothing():
    assert zones.find_zone_in_sentence("At times Lagos has been flooded.") is None
    assert zones.find_zone_in_sentence("Times in Lima were hard.") is None


def test_the_declared_city_beats_the_cities_the_page_mentions():
    text = (
        "Court rules on the mayor's appeal\n\n"
        "Times are Bogotá time. Newest first.\n\n"
        "21h10\nThe mayor said in Washington that he would appeal again.\n\n"
        "17h45\nThe court in Bogotá upheld the ruling by five votes to two.\n"
    )
    doc = read(text, default_date=datetime(2025, 3, 4).date())
    assert doc.time_zone == "America/Bogota"
    assert [e.posted_at for e in doc.entries] == [utc(2025, 3, 5, 2, 10), utc(2025, 3, 4, 22, 45)]
