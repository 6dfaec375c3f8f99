"""People and organisations the registry does not know: the named-entity step, spellings,
and what is never proposed (pure: no database)."""

import json

import pytest

from briefings.importing import entities
from briefings.importing.match import find_actors, prepare_actors
from briefings.importing.names import PERSON, Registry, RegistryEntry, spelling

from .test_parse import REGISTRY, REGISTRY_FILE


def found(text, registry=REGISTRY):
    return [
        (m.entry.name, "known") if m.entry else (m.proposed_name, m.proposed_kind)
        for m in find_actors(text, registry).actors
    ]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Sergei Shoygu", "Sergey Shoigu"),
        ("Vitali Klychko", "Vitali Klitschko"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy"),
        ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
        ("Oleksandr Syrskyi", "Oleksandr Syrsky"),
        ("Mykhailo Podolyak", "Mykhailo Podoliak"),
    ],
)
def test_transliterations_share_a_spelling_key(one, other):
    assert spelling(one) == spelling(other)


@pytest.mark.parametrize(("one", "other"), [("Yuri Ushakov", "Dmitry Ushakov")])
def test_different_given_names_keep_different_keys(one, other):
    assert spelling(one) != spelling(other)


def test_unknown_people_are_proposed_and_their_later_spellings_folded():
    text = (
        "Defence Minister Sergei Shoygu met troops near Bakhmut. Later, Shoigu said the "
        "offensive would go on, and Shoygu's deputy left."
    )
    matches = find_actors(text, REGISTRY).actors
    assert {(m.proposed_name, m.proposed_kind) for m in matches} == {("Sergei Shoygu", PERSON)}
    assert [m.surface for m in matches] == ["Sergei Shoygu", "Shoigu", "Shoygu"]
    assert matches[0].proposed_aliases == ["Shoygu"]


def test_a_proposed_person_answers_to_the_surname_in_later_entries():
    registry = Registry(actors=[RegistryEntry("1", "Alexander Lukashenka", [], PERSON, False)])
    assert found("Lukashenko said Minsk would not join.", registry) == [
        ("Alexander Lukashenka", "known")
    ]
    assert found("Lukashenka's office denied it.", registry) == [("Alexander Lukashenka", "known")]


def test_namesakes_with_another_given_name_stay_apart():
    text = "Olena Zelenska visited the school, and Volodymyr Zelensky spoke later."
    assert ("Volodymyr Zelensky", "known") in found(text)
    assert all(name != "Volodymyr Zelensky" for name, kind in found("Olena Zelenska said so."))
    assert found("Dmitry Ushakov said talks would go on.") == [("Dmitry Ushakov", PERSON)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nato allies met in Brussels.", "NATO"),
        ("Leaders of the Group of Seven agreed.", "G7"),
        ("The G-7 agreed.", "G7"),
        ("Wagner fighters left Rostov.", "Wagner Group"),
        ("The Wagner Group said it would withdraw.", "Wagner Group"),
    ],
)
def test_organisation_spellings_fold_through_the_registry(text, name):
    assert (name, "known") in found(text)


def test_unknown_organisations_are_proposed_as_organisations():
    text = "Russia's Freedom Foundation says two of its volunteers were detained."
    assert ("Freedom Foundation", "organisation") in found(text)
    # A state's own committee is named, not proposed (the corpus leaves such bodies out).
    text = "Russia's National Anti-Terrorism Committee says two civilians were killed."
    assert ("National Anti-Terrorism Committee", "organisation") not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces recently advanced near Pokrovsk, Kurakhove, and Velyka Novosilka.",
        "Warsaw Chopin, Modlin and Lublin airports suspend operations.",
        "Reuters said the talks stalled, and the Moscow Times agreed.",
        "By Olena Harmash and Tom Balmforth",
        "Reporting by Olena Harmash; Editing by Gareth Jones",
        "Photograph: Genya Savilov/AFP/Getty Images",
        "Emergency workers in Dnipro on Thursday (AP Photo/Efrem Lukatsky)",
        "Christina Harward, Angelica Evans, Nicole Wolkov, and Frederick W. Kagan",
        "From Shaun Walker in Kyiv:",
        "MINSK, June 24 (Reuters) - The press service said the advance would halt.",
        "Putin spoke at 18:40 Greenwich Mean Time on Thursday.",
        "Sign up to First Edition",
    ],
)
def test_places_outlets_writers_and_page_furniture_are_never_proposed(text):
    assert [name for name, kind in found(text) if kind != "known"] == []


def test_people_with_a_title_a_speech_verb_or_an_apposition_are_proposed():
    assert found("Kremlin spokesman Dmitry Peskov declined to comment.")[-1] == (
        "Dmitry Peskov",
        PERSON,
    )
    assert found("Alexei Smirnov, the acting governor of the Kursk region, spoke.") == [
        ("Alexei Smirnov", PERSON)
    ]
    assert ("JD Vance", PERSON) in found("Vice-President JD Vance accuses Zelensky of it.")


def test_a_document_is_recognised_in_one_batch(monkeypatch):
    texts = [
        "Talks with Dmitry Peskov went on for an hour.",
        "The envoy later met Oleh Syniehubov in Kharkiv.",
        "Zelensky thanked NATO.",  # the registry explains every name: not sent
        "Prime Minister Giorgio Rossi arrived.",  # the title settles it: not sent
    ]
    batches = []
    tag = entities._tag
    monkeypatch.setattr(
        entities, "_tag", lambda sentences: batches.append(sentences) or tag(sentences)
    )
    monkeypatch.setattr(entities, "_cache", {})
    prepare_actors(texts, REGISTRY)
    assert len(batches) == 1 and len(batches[0]) == 2
    results = [find_actors(text, REGISTRY) for text in texts]
    assert len(batches) == 1  # everything came from the batch
    assert [m.proposed_name for m in results[0].actors] == ["Dmitry Peskov"]
    assert [m.proposed_name for m in results[1].actors] == ["Oleh Syniehubov"]


def test_every_registry_alias_resolves_to_its_own_entry():
    data = json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))
    for group, lookup in (("sources", REGISTRY.source), ("actors", REGISTRY.actor)):
        for entry in data[group]:
            for alias in [entry["name"], *entry.get("aliases", [])]:
                assert lookup(alias).name == entry["name"], (group, alias)


def test_a_known_surname_inside_a_longer_unknown_name_is_not_that_person():
    registry = Registry(
        actors=[
            RegistryEntry("1", "Vitaliy Kim", [], PERSON, False),
            RegistryEntry("2", "Joe Biden", ["Biden"], PERSON),
        ]
    )
    assert found("Talks with Kim Jong Un went on for an hour.", registry) == [
        ("Kim Jong Un", PERSON)
    ]
    assert found("The Biden Administration agreed.", registry) == [("Joe Biden", "known")]
