"""Who an entry cites: datelines, closing dashes, "via"/"per", Markdown links, one source
per outlet whatever its spelling, and outlets the registry does not know (pure)."""

from datetime import date

import pytest

from briefings.importing.attribution import attribute
from briefings.importing.parse import parse_document

from .test_parse import REGISTRY


def cited(text):
    return [c.name for c in attribute(text, REGISTRY.is_outlet).citations]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("KYIV, Nov 13 (Reuters) - Andriy Yermak said the grid could not wait.", ["Reuters"]),
        ("ROSTOV-ON-DON, Russia, June 24 (Reuters) - Prigozhin spoke.", ["Reuters"]),
        ("MOSCOW, June 24 (AFP) – The mayor declared Monday a day off.", ["AFP"]),
        ("Headline\nKYIV (AP) — Sirens sounded.", ["AP"]),
        ("TOKYO, March 3 (Kyodo) - Ministers met.", ["Kyodo"]),
        ("The General Staff reported 180 assaults. — Kyiv Independent", ["Kyiv Independent"]),
        ("Gladkov said power lines were damaged. — *Nasha Niva*", ["Nasha Niva"]),
        ("Orbán backed Fico in a radio interview, via Meduza.", ["Meduza"]),
        ("Two civilians were killed, per RIA Novosti. A child was hurt.", ["RIA Novosti"]),
        ("ISW assesses that the treaty binds Belarus.", ["ISW"]),
        ("Talks stalled, according to the Moscow Times.", ["Moscow Times"]),
        ("A strike on a bridge. via [Ukrainska Pravda](https://www.pravda.com.ua/eng/)", None),
        ("Troops advanced, according to the mapping project [DeepState](https://x.example).", None),
        ("Ushakov said it was not the time. ([The Associated Press](https://apnews.com/))", None),
    ],
)
def test_attribution_styles(text, names):
    expected = names or [text.split("[")[1].split("]")[0]]
    assert cited(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky spoke to the nation via Telegram.",
        "He said — and this matters — that Kyiv would hold. — Jane Doe",
        "Zelensky said the talks would go on.",
        "Russia's defence ministry said drones were downed.",
    ],
)
def test_no_citation_where_no_outlet_is_named(text):
    assert cited(text) == []


def test_a_closing_dash_and_a_trailing_link_leave_the_text_and_keep_the_url():
    result = attribute(
        "Ushakov said it was not the time. ([The Associated Press](https://apnews.com/))",
        REGISTRY.is_outlet,
    )
    assert result.text == "Ushakov said it was not the time."
    assert result.citations[0].url == "https://apnews.com/"
    assert attribute("Assaults went on. — Kyiv Independent", REGISTRY.is_outlet).text == (
        "Assaults went on."
    )


@pytest.mark.parametrize(
    "spelling", ["AP", "the AP", "AP News", "Associated Press", "The Associated Press"]
)
def test_every_spelling_of_an_outlet_is_one_source(spelling):
    assert REGISTRY.source(spelling).name == "AP News"


def test_a_headline_only_entry_cites_in_its_headline():
    doc = parse_document(
        "Election night: race calls\n\n7:00 p.m.\nPolls close in Virginia and Georgia.\n\n"
        "11:20 p.m. — Harris wins Virginia, AP projects\n\n"
        "11:45 p.m.\nLong lines are reported at some precincts in Atlanta.\n",
        default_date=date(2024, 11, 5),
        is_outlet=REGISTRY.is_outlet,
    )
    (call,) = [e for e in doc.entries if "Harris" in e.headline]
    assert not call.body.strip()  # a headline-only entry
    assert [c.name for c in call.citations] == ["AP"]
    assert call.headline == "Harris wins Virginia, AP projects"  # it keeps its words


# Outlets by their role in the sentence (third round) ------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a trailing credit after two hyphens, as wires typed on portals write it
        ("The court granted bail to the actor. -- PTI", ["PTI"]),
        ("Parliament rose early. -- Kyodo", ["Kyodo"]),
        # the attribution word opening its own sentence
        ("Forty missiles were fired. Carried by Interfax.", ["Interfax"]),
        ("The talks broke up. Via Tagesschau Online.", ["Tagesschau Online"]),
        # present tense, and an aside between the outlet and its verb
        ("A senior official tells Reuters that the deal is close.", ["Reuters"]),
        ("NHK also projects a majority for the coalition.", ["NHK"]),
        ("Interfax, citing a defence source, reported that two ships left.", ["Interfax"]),
        # every outlet of a list before one verb
        (
            "TASS and Interfax, citing the ministry, report that the bridge is shut.",
            ["TASS", "Interfax"],
        ),
        # a known outlet written in lower case before its verb
        ("The chancellor will call a vote, dpa reported.", ["dpa"]),
        # the outlets an "according to" clause names after its noun
        ("Turnout was 61%, according to the projection shown on ARD and ZDF.", ["ARD", "ZDF"]),
        ("Yes leads, according to a running count by Reuters.", ["Reuters"]),
        # a newsroom noun with its adjective, and the newsroom's adjective is no outlet
        ("Prosecutors opened a case, according to the investigative site Recorder.", ["Recorder"]),
        ("The toll rose, according to the Malian site Maliweb.", ["Maliweb"]),
        (
            "The pro-government military blog Dva Mayora noted the advance in a post.",
            ["Dva Mayora"],
        ),
        # a one-word name ending in a newsroom word, and a newsroom word of another language
        ("Nine people died in the fire, Kavkazpress said.", ["Kavkazpress"]),
        ("Dziennik Polski identified the driver as a local man.", ["Dziennik Polski"]),
        # an unknown outlet of two words that reports
        ("Radio Tamtam reports that the border is closed.", ["Radio Tamtam"]),
        # a Telegram post forwarded from an outlet's regional channel
        ("Forwarded from Suspilne Kharkiv\nQueues formed at the blood centre.", ["Suspilne"]),
        # the name of a newsroom never runs past its sentence
        (
            "The convoy left, per the Associated Press.\n\n*Was this forwarded?*",
            ["Associated Press"],
        ),
        # a newsroom noun followed by its name: the place before it is no outlet
        ("The mayor was hurt in Zvolen, the Slovak news agency TASR reported.", ["TASR"]),
    ],
)
def test_outlets_by_their_role(text, names):
    assert cited(text) == names


@pytest.mark.parametrize(
    "text",
    [
        # a photo credit in parentheses after a caption's full stop
        "The ship strikes the bridge in an image from a livestream. (Screenshot via KTV-2)",
        "Rescuers search the river. (Photo: Marco Ruiz)",
        # a byline that opens its sentence, a channel that is no outlet, a place that reports
        "Reported by the Seoul political desk.",
        "Forwarded from Levant Watch Maps\nThe operation is complete.",
        "Partners in Tawila report that arrivals describe checkpoints.",
        # an actor's estimate, and a site that is a place
        "Turnout was 60%, according to an estimate by the Archive of Public Gatherings.",
        "A missile hit the test site Kapustin Yar, officials said.",
    ],
)
def test_credits_bylines_and_places_cite_nobody(text):
    assert cited(text) == []


def test_a_post_signed_by_an_outlet_cites_it_and_a_person_cites_nobody():
    doc = parse_document(
        "Channel watch: the night of strikes\nAll times Kyiv (UTC+2).\n\n"
        "Ukrinform, [28.12.2023 23:48]\nBombers took off from Olenya.\n\n"
        "Olena Bondar, [29.12.2023 00:10]\nSirens sounded across the east.\n",
        default_date=date(2023, 12, 28),
        is_outlet=REGISTRY.is_outlet,
    )
    assert [e.byline for e in doc.entries] == ["Ukrinform", "Olena Bondar"]
    assert [[c.name for c in e.citations] for e in doc.entries] == [["Ukrinform"], []]


def test_a_source_label_after_a_line_s_last_sentence_cites_and_leaves_the_text():
    known = {"BBC News", "Reuters"}.__contains__
    found = attribute("Talks resumed on Tuesday. Source: BBC News", known)
    assert [c.name for c in found.citations] == ["BBC News"]
    assert found.text == "Talks resumed on Tuesday."
    kept = attribute("The list of sources: the two ministries said nothing.", known)
    assert kept.citations == [] and kept.text.endswith("said nothing.")


def test_per_in_brackets_after_a_sentence_cites():
    found = attribute("Talks resumed on Tuesday. (per Reuters)", {"Reuters"}.__contains__)
    assert [c.name for c in found.citations] == ["Reuters"]
