"""The general mechanisms behind the importer's readings: zones named by any place the
tables know, stamps however they are decorated, toolbars by the words on their buttons."""

from datetime import date, time

import pytest

from briefings.importing import chrome, dating, zones
from briefings.importing import timestamps as ts


@pytest.mark.parametrize("place", sorted({*zones.CITY_ZONES, *zones.COUNTRY_ZONES}))
@pytest.mark.parametrize(
    "phrase",
    [
        "All times are {} time.",
        "Times below are {} time (local), as the page says.",
        "All times {} time",
    ],
)
def test_zone_declared_by_any_known_place(place, phrase):
    line = phrase.format(place.title())
    assert zones.find_zone_in_sentence(line) == zones.CITY_ZONES.get(
        place, zones.COUNTRY_ZONES.get(place)
    )


@pytest.mark.parametrize("country", sorted(zones.COUNTRY_ZONES))
def test_a_country_is_a_zone_only_as_its_time(country):
    assert zones.find_zone_in_sentence(f"At times {country.title()} has said no.") is None


@pytest.mark.parametrize("name", sorted(zones.ZONES))
def test_zone_abbreviation_after_the_declaring_words(name):
    written = name.upper() if name in zones.CAPITALS_ONLY_ZONES else name  # "ART", never "art"
    assert zones.find_zone_in_sentence(
        f"Oct. 1, 2024. All times local ({written})."
    ) == zones.zone_for(name)


def test_prose_with_the_word_times_declares_nothing():
    assert zones.find_zone_in_sentence("at times central banks moved first") is None


@pytest.mark.parametrize("opening, closing", sorted(ts._PAIRS.items()))
def test_decorated_stamp_reads_as_its_clock(opening, closing):
    stamp = ts.find_stamp(f"{opening}13:05{closing}")
    assert stamp is not None and stamp.clock == time(13, 5)


@pytest.mark.parametrize("opening, closing", [("**", "*"), ("[", ")")])
def test_unpaired_decoration_is_left_alone(opening, closing):
    assert ts.undecorate(f"{opening}13:05{closing}") == f"{opening}13:05{closing}"


def test_posted_at_a_bare_clock_is_an_entry_stamp_and_with_a_date_the_page_time():
    assert ts.find_stamp("Posted at 22:05").style == "clock"
    assert ts.find_stamp("Posted at 22:05 BST").zone == "Europe/London"
    assert ts.find_stamp("Posted on 13 November 2024 at 22:05").style == "meta"


def test_headline_then_clock_is_a_stamp_with_its_headline():
    stamp = ts.find_stamp("Sirens across the north — 19:35")
    assert (stamp.clock, stamp.style, stamp.rest) == (
        time(19, 35),
        "glued",
        "Sirens across the north",
    )
    dating_line = ts.find_stamp("Updated: 18/11/2024 - 19:45 CET")
    assert dating_line is None or dating_line.style != "glued"


def test_yearless_date_in_a_meta_line_takes_the_year_from_elsewhere():
    lines = ["Daily update", "Data as of 4th December, 14:00 UTC", "", "- Text.", "© 2024 Someone"]
    assert dating.find_document_date(lines).day == date(2024, 12, 4)


# Words that open a call to action on their own ("Subscribe to …") are that rule's business.
@pytest.mark.parametrize(
    "word", sorted(w for w in chrome._BUTTONS if not chrome._CALL_TO_ACTION.match(w))
)
def test_a_toolbar_is_chrome_and_a_sentence_opening_with_its_word_is_not(word):
    assert chrome.line_reason(f"{word.title()}  Share") is not None
    sentence = f"{word.title()} was the word the minister used on Tuesday in Kyiv."
    assert chrome.line_reason(sentence) is None


def test_a_zone_declaration_survives_the_notice_it_is_glued_to():
    from briefings.importing.clean import clean_text

    result = clean_text("Title here\nThis live blog is now closed. All times in CEST.\n\nText.")
    assert "All times in CEST." in result.text
    assert "This live blog is now closed." not in result.text
    assert clean_text(result.text).text == result.text


def test_a_masthead_with_its_menu_is_chrome_and_a_short_label_with_a_headline_is_not():
    assert chrome.line_reason("CENTRE FOR EASTERN POLICY | Research Events About")
    assert chrome.line_reason("NATO | Allies agree new plan") is None


@pytest.mark.parametrize("count", [2, 5, 12])
def test_numbered_items_are_a_digest_whatever_their_count(count):
    from briefings.importing.parse import parse_document

    items = "\n\n".join(
        f"{n}) Item {n} happened in Kyiv, officials said." for n in range(1, count + 1)
    )
    doc = parse_document(f"Morning brief\n\nTHE TOP LINES\n\n{items}\n")
    assert doc.kind == "digest"
    assert [e.body for e in doc.entries] == [
        f"Item {n} happened in Kyiv, officials said." for n in range(1, count + 1)
    ]


def test_a_number_in_brackets_inside_a_sentence_is_no_item():
    from briefings.importing.document import is_bullet

    assert not is_bullet("2)Tariffs took effect")  # no space after the mark
    assert not is_bullet("Tariffs (2) took effect")
    assert not is_bullet("2024) was the year")  # four digits: a year, not an item
