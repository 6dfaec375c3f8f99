"""The parser on each document shape, structure and attribution style (pure: no database)."""

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.importing.attribution import attribute
from briefings.importing.names import Registry, RegistryEntry
from briefings.importing.parse import ARTICLE, DIGEST, LIVE, parse_document

UTC = dt.UTC
REGISTRY_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "registry.json"


def starter_registry() -> Registry:
    data = json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))
    return Registry(
        sources=[
            RegistryEntry(e["name"], e["name"], e.get("aliases", []), e.get("kind", ""))
            for e in data["sources"]
        ],
        actors=[
            RegistryEntry(e["name"], e["name"], e.get("aliases", []), e.get("kind", ""))
            for e in data["actors"]
        ],
    )


REGISTRY = starter_registry()


def parse(text, **kwargs):
    return parse_document(text, is_outlet=REGISTRY.is_outlet, **kwargs)


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


# Live logs ------------------------------------------------------------------------------


def test_update_blocks_newest_first_with_original_entry():
    doc = parse(
        "Kharkiv under fire, November 13, 2024\n\n"
        "UPDATE 1515 GMT:\n\nRescuers pulled two people from the rubble.\n\n"
        "UPDATE 0724 GMT:\n\nA missile hit a residential block overnight.\n\n"
        "ORIGINAL ENTRY: Russia attacked Kharkiv with glide bombs.\n"
    )
    assert doc.kind == LIVE
    assert doc.date == dt.date(2024, 11, 13)
    assert [(e.posted_at, e.is_original_entry) for e in doc.entries] == [
        (utc(2024, 11, 13, 15, 15), False),
        (utc(2024, 11, 13, 7, 24), False),
        (doc.entries[2].posted_at, True),
    ]
    assert doc.entries[2].body == "Russia attacked Kharkiv with glide bombs."
    assert doc.entries[0].body == "Rescuers pulled two people from the rubble."


def test_coverage_line_and_map_credit_are_briefing_fields():
    doc = parse(
        "Ukraine War, Day 994: Talks in Brussels\n"
        "Wednesday’s Coverage: Blinken Meets NATO Allies\n"
        "Map: Institute for the Study of War\n\n"
        "UPDATE 0900 GMT:\n\nAllies met.\n\nUPDATE 0800 GMT:\n\nAllies gathered.\n",
        default_date=dt.date(2024, 11, 13),
    )
    assert doc.previous_title == "Wednesday’s Coverage: Blinken Meets NATO Allies"
    assert doc.credit == "Map: Institute for the Study of War"
    assert all("Coverage" not in e.body and "Map:" not in e.body for e in doc.entries)


def test_clock_headline_on_one_line_with_zone_declared_once():
    doc = parse(
        "Live: storm hits the coast\nAll times Eastern.\n\n"
        "10:30 a.m. Power cut across the county\nCrews are out.\n\n"
        "9:05 a.m. Evacuation ordered\nResidents were told to leave.\n",
        default_date=dt.date(2024, 1, 15),
    )
    assert doc.kind == LIVE
    first, second = doc.entries
    assert first.headline == "Power cut across the county"
    assert first.posted_at == utc(2024, 1, 15, 15, 30)  # EST is UTC−5 in January
    assert second.posted_at == utc(2024, 1, 15, 14, 5)


def test_multi_day_log_with_date_headers_and_lede():
    doc = parse(
        "Russia-Ukraine war: day by day\n\n"
        "Our reporters follow the war from Kyiv.\n\n"
        "Friday 25 February 2022\n\n"
        "17:51 Sirens sounded in Kyiv.\n\n"
        "Thursday 24 February 2022\n\n"
        "23:10 Ukraine announced martial law.\n",
        default_zone="UTC",
    )
    assert doc.standfirst == "Our reporters follow the war from Kyiv."
    assert [e.posted_at for e in doc.entries] == [
        utc(2022, 2, 25, 17, 51),
        utc(2022, 2, 24, 23, 10),
    ]


def test_trailing_stamp_with_author_glued_to_it():
    doc = parse(
        "Ukraine live\n\n"
        "Explosions were heard in Kyiv.\n"
        "Thomas Kingsley25 February 2022 10:55\n\n"
        "Ukraine closed its airspace.\n"
        "Thomas Kingsley25 February 2022 09:40\n",
        default_zone="UTC",
    )
    assert [(e.posted_at, e.byline) for e in doc.entries] == [
        (utc(2022, 2, 25, 10, 55), "Thomas Kingsley"),
        (utc(2022, 2, 25, 9, 40), "Thomas Kingsley"),
    ]
    assert doc.entries[0].body == "Explosions were heard in Kyiv."


def test_malformed_stamp_is_a_warning_not_a_crash():
    doc = parse("Live\n\nUPDATE 2561 GMT:\n\nSomething.\n\nUPDATE 1200 GMT:\n\nElse.\n")
    assert doc.entries  # nothing raised, text kept
    assert "Something." in " ".join(e.body for e in doc.entries)


def test_out_of_order_entries_keep_document_order_for_ties():
    doc = parse(
        "Live, March 2, 2024\n\nUPDATE 1000 GMT:\n\nB\n\nUPDATE 1200 GMT:\n\nA\n\n"
        "UPDATE 1000 GMT:\n\nC\n"
    )
    assert [e.body for e in doc.entries] == ["B", "A", "C"]
    assert [e.posted_at.hour for e in doc.entries] == [10, 12, 10]


# Digests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["•", "-", "*", "📌", ">", "•\u00a0"])
def test_each_bullet_style_is_one_update(marker):
    space = "" if marker in {"📌", ">"} else " "
    doc = parse(
        "Daily digest\n\nFront line\n\n"
        f"{marker}{space}Russian forces advanced near Pokrovsk. (ISW)\n"
        f"{marker}{space}Ukraine struck a refinery. (Reuters; see also AP)\n"
    )
    assert doc.kind == DIGEST
    assert [e.section for e in doc.entries] == ["Front line", "Front line"]
    assert [[c.name for c in e.citations] for e in doc.entries] == [["ISW"], ["Reuters", "AP"]]


def test_nested_bullets_stay_in_their_parent():
    doc = parse(
        "Digest\n\nAid\n\n"
        "• Germany pledged air defence:\n    ◦ two IRIS-T systems\n    ◦ ammunition\n"
        "• France sent trucks.\n"
    )
    assert len(doc.entries) == 2
    assert "IRIS-T" in doc.entries[0].body and "ammunition" in doc.entries[0].body


def test_key_takeaways_are_key_events_and_author_footer_is_byline():
    doc = parse(
        "Russian Offensive Campaign Assessment\n\nKey Takeaways:\n\n"
        "• Russian forces attacked near Kupiansk.\n• Ukraine hit a depot in Crimea.\n\n"
        "Authors: Jane Doe and John Roe\n"
    )
    assert all(e.is_key_event for e in doc.entries)
    assert doc.byline == "Jane Doe and John Roe"
    assert not any("Authors" in e.body for e in doc.entries)


def test_digest_see_also_list_keeps_order_and_drops_duplicates():
    doc = parse(
        "Digest\n\nDiplomacy\n\n"
        "• Ministers met. (Politico; see also Reuters, Euractiv, Reuters).\n"
        "• Talks stalled. (NBC News)\n"
    )
    first = doc.entries[0]
    assert [(c.name, c.role) for c in first.citations] == [
        ("Politico", "primary"),
        ("Reuters", "see_also"),
        ("Euractiv", "see_also"),
    ]
    assert first.body == "Ministers met."


# Attribution -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reuters: Ukraine hit a refinery.", ["Reuters"]),
        ("ISW: Russian forces advanced.", ["ISW"]),
        ("Ukraine hit a refinery, Reuters reports.", ["Reuters"]),
        ("According to NBC News, talks stalled.", ["NBC News"]),
        ("Talks stalled, CNN reported on Monday.", ["CNN"]),
        ("KYIV (AP) — Sirens sounded.", ["AP"]),
    ],
)
def test_prefix_dateline_and_inline_attribution(text, expected):
    assert [c.name for c in attribute(text, REGISTRY.is_outlet).citations] == expected


def test_photo_credits_are_credits_not_citations():
    result = attribute(
        "Rescuers in Kharkiv.\nPhotograph: Gleb Garanich/Reuters\nSmoke over Kyiv (AFP)",
        REGISTRY.is_outlet,
    )
    assert result.citations == []
    assert result.credits == ["Photograph: Gleb Garanich/Reuters", "AFP"]


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("AP", "AP News"),
        ("Associated Press", "AP News"),
        ("associated press", "AP News"),
        ("ISW", "Institute for the Study of War"),
        ("Kyiv Independent", "The Kyiv Independent"),
        ("THE KYIV INDEPENDENT", "The Kyiv Independent"),
    ],
)
def test_outlet_aliases_resolve(alias, canonical):
    assert REGISTRY.source(alias).name == canonical


def test_acronym_aliases_match_only_in_capitals():
    assert REGISTRY.source("ap") is None


# Articles and odd input ----------------------------------------------------------------


def test_article_is_one_entry_with_byline():
    doc = parse("Blinken in Brussels\nBy Jane Doe\n\nFirst paragraph.\n\nSecond paragraph.\n")
    assert doc.kind == ARTICLE
    assert doc.byline == "Jane Doe"
    assert [e.body for e in doc.entries] == ["First paragraph.\n\nSecond paragraph."]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parsing_never_raises_on_arbitrary_text(text):
    doc = parse(text)
    assert doc.kind in {LIVE, DIGEST, ARTICLE}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "UPDATE 1515 GMT:",
                "UPDATE 9999 GMT:",
                "ORIGINAL ENTRY:",
                "• bullet (Reuters; see also",
                "10:30 a.m. Headline",
                "Thomas Kingsley25 February 2022 10:55",
                "Friday 30 February 2022",
                "All times Eastern",
                "36m ago",
                "Author:",
                "",
                "  ◦ nested",
                "“quote,” Blinken said",
            ]
        ),
        max_size=40,
    )
)
def test_parsing_never_raises_on_shuffled_notations(lines):
    parse("\n".join(lines), default_date=dt.date(2024, 2, 29))
