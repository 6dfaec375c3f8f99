"""Actor matching, proposals and quotes, and near-duplicate detection (pure)."""

from pathlib import Path

import pytest

from briefings.importing import similarity
from briefings.importing.clean import clean_text
from briefings.importing.match import find_actors
from briefings.importing.quotes import find_quotes

from .test_parse import REGISTRY

SEEDS = Path(__file__).resolve().parents[2] / "fixtures"


def actors(text):
    return [
        (m.entry.name if m.entry else None, m.proposed_name)
        for m in find_actors(text, REGISTRY).actors
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Foreign Minister Sybiha met allies.", "Andrii Sybiha"),
        ("Andrii Sybhia spoke.", "Andrii Sybiha"),
        ("Sybiga emphasized air defence.", "Andrii Sybiha"),
        ("President Zelenskiy spoke.", "Volodymyr Zelensky"),
        ("President Zelenskyy spoke.", "Volodymyr Zelensky"),
        ("Volodymyr Zelensky spoke.", "Volodymyr Zelensky"),
        ("ZELENSKY spoke.", "Volodymyr Zelensky"),
        ("Viktor Orban spoke.", "Viktor Orbán"),
    ],
)
def test_aliases_case_diacritics_and_misspellings(text, name):
    assert [found for found, _ in actors(text)] == [name]


@pytest.mark.parametrize(
    "text", ["Dmitry Ushakov said talks would go on.", "Envoy Dmitry Ushakov arrived."]
)
def test_a_different_given_name_is_proposed_with_a_warning_never_merged(text):
    matches = find_actors(text, REGISTRY)
    [match] = matches.actors
    assert match.entry is None and match.proposed_name == "Dmitry Ushakov"
    assert "Yuri Ushakov" in matches.warnings[0]
    assert actors("Yuri Ushakov said talks would go on.") == [("Yuri Ushakov", "")]


def test_unknown_titled_or_quoted_people_are_proposed():
    assert actors("Italian Prime Minister Giorgio Rossi arrived.") == [(None, "Giorgio Rossi")]
    assert actors("Talks matter, Petro Kovalenko said.") == [(None, "Petro Kovalenko")]


@pytest.mark.parametrize(
    "text",
    [
        "The Biden administration agreed.",
        "The United States announced sanctions.",
        "Reuters said the talks stalled.",
        "On Monday Kyiv said nothing.",
    ],
)
def test_no_proposals_for_articles_places_or_outlets(text):
    assert all(entry for entry, _ in actors(text)), actors(text)


def test_acronym_us_is_not_the_pronoun():
    assert actors("Tell us what happened.") == []


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        (
            "Blinken said, “We will adapt and adjust.”",
            "Antony Blinken",
            "We will adapt and adjust.",
        ),
        ("“We will adapt,” Blinken told reporters.", "Antony Blinken", "We will adapt,"),
        ("“Enough of this,” said Sybiha on Tuesday.", "Andrii Sybiha", "Enough of this,"),
        (
            "President Trump called the talks “reasonably good” yet he cautioned that "
            "“it does take two to tango,” with Jared Kushner nearby.",
            "Donald Trump",
            "it does take two to tango,",
        ),
        (
            "Mr. Ushakov, an aide to Putin, spoke later. He said the talks had "
            "“helped make things clearer.”",
            "Yuri Ushakov",
            "helped make things clearer.",
        ),
    ],
)
def test_quotes_are_attributed_to_their_speaker(text, speaker, words):
    matches = find_actors(text, REGISTRY)
    quotes = [(q.speaker.entry.name, q.text) for q in find_quotes(text, matches) if q.speaker.entry]
    assert (speaker, words.strip(" ,")) in quotes


def test_a_quote_without_a_speaker_is_not_stored():
    text = "The Kremlin described the talks as “no compromise” on Tuesday."
    assert find_quotes(text, find_actors(text, REGISTRY)) == []


def _fingerprint(name):
    text = clean_text((SEEDS / name).read_text(encoding="utf-8")).text
    return similarity.fingerprint(text)


def test_a_rewrite_is_a_duplicate():
    resemblance = similarity.compare(
        _fingerprint("001_bbe6e142eb0c3a87.txt"), _fingerprint("004_68a0b921f12cf4f1.txt")
    )
    assert resemblance.kind == "duplicate"
    assert resemblance.word_jaccard >= similarity.DUPLICATE_JACCARD


def test_two_outlets_on_the_same_event_are_related_not_duplicates():
    resemblance = similarity.compare(
        _fingerprint("000_af71793bb371fe68.txt"), _fingerprint("003_e4b5d5cdae9297de.txt")
    )
    assert resemblance.kind == "related"


def test_different_stories_do_not_resemble():
    assert (
        similarity.compare(
            _fingerprint("002_51635e4d9e4636c5.txt"), _fingerprint("001_bbe6e142eb0c3a87.txt")
        )
        is None
    )
