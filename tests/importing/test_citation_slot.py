"""The citation slot of a digest: once a page cites outlets in one place item after item,
an outlet the registry does not know, in that place, is cited too."""

from briefings.importing.citation_slot import slot_outlets

KNOWN = {"Reuters", "BBC News"}.__contains__


def test_an_unknown_name_in_the_slot_known_outlets_use_is_an_outlet():
    bodies = [
        "Ministers agreed a fund (Reuters).",
        "The bank held its rate (Harbour Gazette; see also BBC News).",
        "Dockworkers ended their strike (Kveldsposten).",
    ]
    assert slot_outlets(bodies, KNOWN) == {"Reuters", "Harbour Gazette", "BBC News", "Kveldsposten"}


def test_a_slot_of_three_items_needs_no_known_outlet():
    bodies = [f"Item {n} happened. — Nordic Daily" for n in range(3)]
    assert slot_outlets(bodies, KNOWN) == {"Nordic Daily"}


def test_one_item_is_no_slot():
    assert slot_outlets(["Talks resumed (Kveldsposten).", "Rain fell all day."], KNOWN) == set()


def test_places_in_the_slot_are_no_outlets():
    bodies = ["Strikes hit the grid (Kharkiv).", "A drone fell (Odesa).", "Sirens (Reuters)."]
    assert slot_outlets(bodies, KNOWN) == {"Reuters"}


def test_sentences_in_brackets_are_no_slot():
    bodies = [
        "The vote passed (the opposition walked out).",
        "Turnout rose (it was 61 per cent).",
        "Talks went on (Reuters).",
    ]
    assert slot_outlets(bodies, KNOWN) == set()
