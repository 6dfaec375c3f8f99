"""The fourth round of reading rules for actors and outlets: each rule is written for a
class of wording (the role of the words in the sentence), and tested here with composed
sentences — other names, other outlets, other wordings than the documents it was learnt
from — and with the counter-examples it must leave alone (pure: no database)."""

import pytest

from briefings.importing.attribution import attribute
from briefings.importing.match import find_actors
from briefings.importing.names import RegistryEntry

from .test_parse import REGISTRY, starter_registry


def cited(text):
    return [c.name for c in attribute(text, REGISTRY.is_outlet).citations]


def found(text):
    body = attribute(text, REGISTRY.is_outlet).text
    return [
        (m.entry.name, "known") if m.entry else (m.proposed_name, m.proposed_kind)
        for m in find_actors(body, REGISTRY).actors
    ]


def names(text):
    return [name for name, _ in found(text)]


# Outlets ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "outlets"),
    [
        (
            "Shelling hit the border post, the district chief says. [Phnom Penh Post]",
            ["Phnom Penh Post"],
        ),
        ("Two bridges were closed after the storm. [Kyodo; NHK]", ["Kyodo", "NHK"]),
        ("Turnout reached 61%, the commission said. [Source: Anadolu]", ["Anadolu"]),
        ("Troops crossed the river overnight, officials said (Source: Reuters).", ["Reuters"]),
    ],
)
def test_a_trailing_list_in_square_brackets_cites(text, outlets):
    assert cited(text) == outlets


@pytest.mark.parametrize(
    "text",
    [
        "The minister met the envoy in Oslo. [Updated]",
        "Crowds gathered outside the palace. (Video)",
        "He said he would publish [the full report](https://example.org/report).",
    ],
)
def test_an_editors_label_in_brackets_cites_nobody(text):
    assert cited(text) == []


@pytest.mark.parametrize(
    ("text", "outlets"),
    [
        # an outlet's possessive before its staff or its product, in any sentence
        ("The home side's chances, according to Bloomberg's forecaster, are 60%.", ["Bloomberg"]),
        ("The BBC's political editor Chris Mason says the vote is lost.", ["The BBC"]),
        ("Reuters cameras captured the moment the bridge fell.", ["Reuters"]),
        ("Smoke rose over the port, Al Jazeera footage showed.", ["Al Jazeera"]),
        # a sentence's new subject after a full stop the capitals ran across
        (
            "Crowds burnt the offices of the Ruling League. Meduza reported that he fled.",
            ["Meduza"],
        ),
        # an outlet whose name starts with a capital beyond ASCII
        ("Floods forced thousands from their homes, ČTK reported.", ["ČTK"]),
        # newsroom words of other languages, and a blog's name
        (
            "Protesters for and against the bill gathered outside the congress (Agencia Andina).",
            ["Agencia Andina"],
        ),
        (
            "The case returns to the trial court for a ruling on immunity (Lawfareblog).",
            ["Lawfareblog"],
        ),
    ],
)
def test_outlets_by_their_role_and_their_words(text, outlets):
    assert cited(text) == outlets


@pytest.mark.parametrize(
    "text",
    [
        "Hamas's political analysts said the offer was a trap.",
        "Kenya's count showed twelve dead.",
        "Trains run again, operator Grand Service Express says.",
    ],
)
def test_an_actors_possessive_or_a_companys_name_cites_nobody(text):
    assert cited(text) == []


@pytest.mark.parametrize(
    ("text", "outlets"),
    [
        ("Three soldiers were wounded, the army said, citing Reuters.", ["Reuters"]),
        (
            "Speaking on BBC Radio 4's Today programme, the minister said talks would resume.",
            ["BBC Radio 4"],
        ),
        ("Writing in Le Monde, the economist argued for a wealth tax.", ["Le Monde"]),
        ("In an op-ed for The Atlantic, the senator argued for new sanctions.", ["The Atlantic"]),
        ("In an interview published in Der Spiegel, the chancellor said no.", ["Der Spiegel"]),
    ],
)
def test_known_outlets_by_the_verb_or_noun_that_makes_them_a_source(text, outlets):
    assert cited(text) == outlets


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said, citing Kowalczyk, that the talks were off.",
        "He was speaking on Monday in Kyiv.",
    ],
)
def test_a_person_or_a_day_after_the_same_words_cites_nobody(text):
    assert cited(text) == []


def test_a_participle_opening_the_sentence_is_no_part_of_a_name():
    assert ("Dmitro Halchenko", "person") in found(
        "Quoting Dmitro Halchenko, TASS said talks were over."
    )


@pytest.mark.parametrize(
    ("text", "outlets"),
    [
        ("Two tankers were struck in the strait overnight.\nSource: Reuters", ["Reuters"]),
        ("Two tankers were struck in the strait.\n**Sources:** AP, Kyodo", ["AP", "Kyodo"]),
        ("Two tankers were struck in the strait overnight, officials said (with AFP).", ["AFP"]),
        ("Two tankers were struck overnight. With reporting from AP and AFP.", ["AP", "AFP"]),
        ("Two tankers were struck overnight, per reports in Haaretz.", ["Haaretz"]),
    ],
)
def test_outlets_by_a_source_label_or_the_reporting_they_lent(text, outlets):
    assert cited(text) == outlets


@pytest.mark.parametrize(
    "text",
    [
        "Two tankers were struck overnight. (Reporting by Ana Ruiz; Editing by Tom Hale)",
        "Two tankers were struck overnight.\nSource: Ministry of Defence",
        "Two tankers were struck overnight.\nSource: Telegram",
    ],
)
def test_a_wires_staff_or_a_states_body_under_a_source_label_cites_nobody(text):
    assert cited(text) == []


# People -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Tomasz Wrobel came through the qualifying round in third place.", "Tomasz Wrobel"),
        ("Greta Lindqvist again rejected calls to step aside.", "Greta Lindqvist"),
        ("The cross came in and Jonas Albrecht stretches to turn it home.", "Jonas Albrecht"),
        ("Amara Okafor has withdrawn from the race.", "Amara Okafor"),
        ("Rafael Quintero finally took the lead on the last lap.", "Rafael Quintero"),
    ],
)
def test_a_person_shaped_name_as_the_subject_of_a_finite_verb_is_a_person(text, person):
    assert (person, "person") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Senate Republicans chose a new leader on Wednesday.",
        "House Democrats rejected the bill.",
    ],
)
def test_a_body_or_a_noun_after_the_name_is_no_subject(text):
    assert not any(kind == "person" for _, kind in found(text))


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Incumbent Tomas Varga came third and conceded.", "Tomas Varga"),
        ("Outgoing President Mira Halvorsen said the count was fair.", "Mira Halvorsen"),
        ("Supreme Leader Reza Mousavian said the strikes would be answered.", "Reza Mousavian"),
    ],
)
def test_an_adjective_of_office_is_a_title_not_part_of_the_name(text, person):
    assert names(text)[:1] == [person]


# Organisations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("She leads the United People's Front, which won 40 seats.", "United People's Front"),
        ("Leaders of the Coastal Workers' Party met on Monday.", "Coastal Workers' Party"),
        ("The Rural Women's Union said it would march.", "Rural Women's Union"),
    ],
)
def test_a_common_nouns_possessive_is_inside_an_organisations_name(text, organisation):
    assert (organisation, "organisation") in found(text)


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("The Uganda Red Cross said 40 homes were destroyed.", "Uganda Red Cross"),
        (
            "Amnesty International Nigeria accused the army of abuses.",
            "Amnesty International Nigeria",
        ),
        ("Asia CDC confirmed the first cases on Friday.", "Asia CDC"),
    ],
)
def test_a_states_or_regions_name_on_a_known_organisation_names_its_branch(text, organisation):
    assert found(text) == [(organisation, "organisation")]


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("The World Health Organization's Nigeria office warned of cholera.", "Nigeria"),
        ("In Europe NATO allies met on Tuesday.", "NATO"),
        ("Volunteers from Nigeria Amnesty International visited later.", "Amnesty International"),
    ],
)
def test_a_possessive_or_a_place_preposition_keeps_the_known_names_apart(text, known):
    assert (known, "known") in found(text)


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("The Bar Society of Malawi said the arrests were unlawful.", "Bar Society of Malawi"),
        ("Offices of the Freedom League were set on fire.", "Freedom League"),
        ("Images analysed by the Coastal Forensics Lab show the damage.", "Coastal Forensics Lab"),
    ],
)
def test_society_league_and_lab_head_an_organisations_name(text, organisation):
    assert (organisation, "organisation") in found(text)


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Two other ministers of Brit Hadasha resigned in protest.", "Brit Hadasha"),
        ("Lawmakers of the Zelena Volya walked out of the chamber.", "Zelena Volya"),
    ],
)
def test_a_partys_people_in_office_make_it_an_organisation(text, organisation):
    assert (organisation, "organisation") in found(text)


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Troops clashed with the Blue Army militia near the river.", "Blue Army"),
        ("The Kachin Liberation Army rebels seized the pass.", "Kachin Liberation Army"),
    ],
)
def test_a_group_noun_after_an_army_makes_an_armed_group(text, organisation):
    assert (organisation, "organisation") in found(text)


def test_a_states_army_stays_no_actor():
    assert names("Ukrainian Army units held the line near the river.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The strikes, which Israel calls Iron Dawn, continued overnight.",
        "The exercise, codenamed Northern Shield, began on Monday.",
        "The ruling ended the 40-year-old Dorrance doctrine on agency power.",
    ],
)
def test_what_a_naming_verb_gives_a_thing_is_no_actor(text):
    assert [n for n in names(text) if n not in ("Israel",)] == []


def test_a_man_named_is_still_a_person():
    assert ("Oleg Petrenko", "person") in found(
        "A man named Oleg Petrenko was detained at the border."
    )


def test_a_given_name_before_another_name_is_no_misspelt_surname():
    registry = starter_registry()
    registry.add_actor(RegistryEntry("n1", "Nico Halvorsen", ["Halvorsen"], "person"))
    text = "The deal was signed with Halvorson Kiprop's party on Friday."
    matched = [m.entry.name for m in find_actors(text, registry).actors if m.entry]
    assert "Nico Halvorsen" not in matched
    # alone, the same spelling is still read as the known surname misspelt
    alone = "Talks resumed, Halvorson said on Friday."
    assert [m.entry.name for m in find_actors(alone, registry).actors if m.entry] == [
        "Nico Halvorsen"
    ]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Voting ended, and in Brussels Commissioner Anna Lindqvist said a deal was close.",
            "Anna Lindqvist",
        ),
        (
            "Later in Kyiv Foreign Minister Dmytro Halchenko said the talks would go on.",
            "Dmytro Halchenko",
        ),
    ],
)
def test_a_place_prepositions_name_ends_at_a_title(text, person):
    assert (person, "person") in found(text)


def test_a_place_prepositions_name_ends_with_its_sentence():
    text = "Connectivity fell sharply in Ruritania. Borvik Telecom said two cables had failed."
    assert "Borvik Telecom" in names(text)


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("NetWatchers reported a major disruption to internet access.", "NetWatchers"),
        ("Later, BrightMark confirmed the outage had ended.", "BrightMark"),
    ],
)
def test_a_joined_capitalised_word_that_acts_is_an_organisation(text, organisation):
    assert (organisation, "organisation") in found(text)


def test_a_surnames_prefix_is_no_joined_name():
    assert ("McKinnon", "organisation") not in found("McKinnon rejected the offer on Monday.")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Team news. Julio de la Vega sticks with the side that won on Sunday.",
            "Julio de la Vega",
        ),
        ("Coach Ronald ter Horst said the squad was ready.", "Ronald ter Horst"),
    ],
)
def test_particles_of_several_words_stay_in_a_name(text, person):
    assert (person, "person") in found(text)


def test_a_number_in_roman_letters_is_no_organisation():
    assert "XI" not in names("The coach names the XI that drew with Chile.")
    assert "IV Corps" in names("The IV Corps said it had taken the ridge.")


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Gatwick's chief executive, Ana Ruiz, said the runway would reopen.", "Gatwick"),
        ("The court found that TechFair's members engage in protected speech.", "TechFair"),
        ("Brightwater's shareholders voted against the merger on Monday.", "Brightwater"),
    ],
)
def test_what_only_an_organisation_has_after_its_possessive(text, organisation):
    assert (organisation, "organisation") in found(text)


def test_a_relative_clause_without_its_pronoun_is_an_apposition():
    text = "She rode with volunteers from Silver Wings, the group she founded in 1990."
    assert ("Silver Wings", "organisation") in found(text)


def test_an_outlets_word_opening_a_longer_name_is_that_name():
    text = "Volunteers from the Guardian Wardens, the group he founded, patrolled the subway."
    assert ("Guardian Wardens", "organisation") in found(text)
    assert cited("The Guardian reported that the talks had failed.") == ["The Guardian"]


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        (
            "She leads an alliance built on the Jatika Sangha Peramuna and two smaller groups.",
            "Jatika Sangha Peramuna",
        ),
        ("The deal was opposed by the Tamil Makkal Peravai in Jaffna.", "Tamil Makkal Peravai"),
    ],
)
def test_a_person_takes_no_article_so_the_names_an_organisation(text, organisation):
    assert (organisation, "organisation") in found(text)


def test_a_central_bank_by_its_own_name_is_no_actor():
    assert names("Markets rose after the Federal Reserve would not commit to a cut.") == []


def test_a_name_this_text_opens_a_full_name_with_is_that_persons():
    from briefings.importing.match import prepare_actors

    registry = starter_registry()
    texts = [
        "Wiranto apologises\nPresident Wiranto Sukarno said he was shocked, Kompas reported.",
        "Police chief Agus Budi Wiranto apologised to the family.",
    ]
    prepare_actors(texts, registry)
    first = [m.proposed_name for m in find_actors(texts[0], registry).actors if m.entry is None]
    assert "Agus Budi Wiranto" not in first
    assert "Wiranto Sukarno" in first
    # a surname alone in a text that names nobody else with it is still the document's person
    prepare_actors([*texts, "Wiranto resigned on Friday."], registry)
    third = find_actors("Wiranto resigned on Friday.", registry).actors
    assert [m.proposed_name for m in third] == ["Agus Budi Wiranto"]


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        (
            "The International Union of Red Cross Volunteers (IURCV) has sent funds.",
            "International Union of Red Cross Volunteers",
        ),
        (
            "The Caribbean Council of Amnesty International Groups (CCAIG) said it was alarmed.",
            "Caribbean Council of Amnesty International Groups",
        ),
    ],
)
def test_a_name_its_abbreviation_follows_is_one_organisation(text, organisation):
    assert found(text)[0] == (organisation, "organisation")
    assert "International Committee of the Red Cross" not in names(text)
    assert "Amnesty International" not in names(text)


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Carolina Gas & Water reports 300,000 homes without supply.", "Carolina Gas & Water"),
        ("Shares of Hollis & Brandt fell after the company cut its forecast.", "Hollis & Brandt"),
        ("He worked for Ruiz & Vega in Lima for a decade.", "Ruiz & Vega"),
    ],
)
def test_an_ampersand_joins_a_firms_name(text, organisation):
    assert (organisation, "organisation") in found(text)


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Two officials from his party, the KDP-R, were arrested on Sunday.", "KDP-R"),
        ("Fighters from the militia, the Zaruba, seized the town.", "Zaruba"),
    ],
)
def test_an_organisations_noun_then_its_name_in_apposition(text, organisation):
    assert (organisation, "organisation") in found(text)


def test_a_speaker_after_the_noun_stays_a_person():
    assert ("Ana Ruiz", "person") in found("He founded the group, Ana Ruiz said on Monday.")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Datuk Seri Hamzah Rahman said the coalition was stable.", "Hamzah Rahman"),
        ("Frau Ursula Haverkamp said the count was clean.", "Ursula Haverkamp"),
        ("Monsieur Jean-Luc Moreau denied the claims on Tuesday.", "Jean-Luc Moreau"),
        ("Rabbi Yosef Levinsky condemned the attack.", "Yosef Levinsky"),
        ("Shri Rajnath Kumar inaugurated the bridge.", "Rajnath Kumar"),
        ("Herr Haverkamp declined to comment on the talks.", "Haverkamp"),
    ],
)
def test_titles_of_address_of_other_languages_and_faiths_are_not_the_name(text, person):
    assert (person, "person") in found(text)


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("The group's armed wing, the Nasr Brigades, said it had fired rockets.", "Nasr Brigades"),
        ("The Al-Huda Martyrs Brigades claimed the attack.", "Al-Huda Martyrs Brigades"),
    ],
)
def test_plural_brigades_without_a_number_or_a_states_adjective_are_an_armed_group(
    text, organisation
):
    assert (organisation, "organisation") in found(text)


@pytest.mark.parametrize(
    "text", ["The Russian Airborne Brigades advanced.", "The 93rd Brigade said it held."]
)
def test_a_states_brigades_stay_no_actor(text):
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Haruna Motor said sales fell 4% in March.", "Haruna Motor"),
        ("Kestrel Airways said flights would resume on Friday.", "Kestrel Airways"),
    ],
)
def test_a_companys_head_noun_is_no_persons_name(text, organisation):
    assert (organisation, "organisation") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Committee to Protect Reporters condemned the arrest.",
        "The Campaign to Stop Landmine Sales said it would appeal.",
    ],
)
def test_the_rest_of_a_bodys_name_after_to_is_no_person(text):
    assert not any(kind == "person" for _, kind in found(text))


@pytest.mark.parametrize(
    ("text", "club"),
    [
        ("Sporting Madrid beat Dynamo Kyiv 2-0 in the final.", "Sporting Madrid"),
        ("Racing Munich said the striker had torn a ligament.", "Racing Munich"),
        ("Olympic Madrid sacked their coach on Monday.", "Olympic Madrid"),
    ],
)
def test_a_club_named_for_its_city_is_no_person(text, club):
    assert (club, "person") not in found(text)
    assert (club, "organisation") in found(text)


@pytest.mark.parametrize(
    ("byline", "outlets"),
    [
        ("Lena Vogt, Die Zeit | Politics | 3 March 2025", ["Die Zeit"]),
        ("Tomas Berg, Morning Herald | Oslo | 4 March 2025", ["Morning Herald"]),
        ("Ukrainska Pravda, [28.12.2023 23:48]", ["Ukrainska Pravda"]),
        ("Jane Doe, Kyiv", []),
        ("By Ana Ruiz | Politics", []),
        ("Ana Ruiz, news reporter", []),
    ],
)
def test_a_bylines_outlet_among_its_parts_cites_it(byline, outlets):
    from briefings.importing.attribution import signed_by_outlet

    assert [c.name for c in signed_by_outlet(byline, [], REGISTRY.is_outlet)] == outlets


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("How Tomas Brandvik came to sack his finance minister.", "Tomas Brandvik"),
        ("Why Greta Lindqvist quit the race on Friday.", "Greta Lindqvist"),
    ],
)
def test_a_question_word_opening_a_headline_is_no_part_of_a_name(text, name):
    assert names(text) == [name]
