"""Unknown people and organisations worth proposing as new actors: the named-entity
step's labels, checked against the words around a name."""

import functools
import re

from .attribution import PLATFORMS, attribute, noun_outlets
from .names import (
    GOVERNMENT_FIRST,
    GOVERNMENT_WORDS,
    NOT_NAMES,
    ORGANISATION,
    ORGANISATION_WORDS,
    PERSON,
    PERSON_NOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
    ActorMatch,
    fold,
    is_acronym,
    is_particle,
    without_article,
)
from .sentences import (
    ACTION_VERBS,
    Sentences,
    bare_word,
    is_connector,
    person_shaped,
    speech_follows,
    title_context,
)

# What the named-entity step's labels mean here. PERSON and ORG are proposed (ORG checked
# against the registry's outlets); places and nationalities never are.
NOT_ACTORS = {
    "GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
    "QUANTITY", "EVENT", "LANGUAGE", "LAW", "PRODUCT", "WORK_OF_ART",
}  # fmt: skip
# Words that make an organisation's name an outlet's.
OUTLET_WORDS = {
    "news", "times", "post", "journal", "radio", "television", "tv", "daily", "weekly",
    "gazette", "herald", "tribune", "telegraph", "press", "media", "broadcasting", "pravda",
    "observatory",
}  # fmt: skip
# Words that make a body international, not a state's own: "UN Office for the Coordination
# of Humanitarian Affairs" is an actor, "Interior Ministry" is not.
INTERNATIONAL_WORDS = {"un", "united", "international", "world", "eu", "european", "nato", "global"}
# Words that show a name is an organisation's (ORGANISATION_WORDS also holds places,
# nationalities and days, which do not).
ORGANISATION_EVIDENCE = {
    "house", "commission", "council", "union", "ministry", "office", "department", "parliament",
    "government", "army", "forces", "force", "court", "bank", "agency", "service", "committee",
    "nations", "organization", "alliance", "group", "party", "institute", "centre", "center",
    "foundation", "assembly", "guard", "command", "navy", "mission", "brigade", "battalion",
    "division", "corps", "fleet", "university", "school", "corporation", "inc", "ltd",
    "watch", "rights", "international", "front", "coalition", "federation", "association",
    "authority", "administration", "board", "bureau", "directorate", "police", "intelligence",
    "senate", "congress", "cabinet", "embassy", "operator", "holdings", "airlines", "network",
    "programme", "program", "initiative", "movement", "organisation", "legion", "regiment",
    "staff", "headquarters", "secretariat", "fund", "forum", "church", "club", "company",
    "community", "archive", "archives",
    # scientific bodies: "the US Geological Survey", "the British Antarctic Survey"
    "survey",
    # "the Law Society of Kenya", "the Awami League", "the Yale Humanitarian Research Lab"
    "society", "league", "lab", "laboratory", "trust", "consortium", "collective",
    # the heads of companies' names: "Toyota Motor", "Qatar Airways", "Tata Steel"
    "motor", "motors", "airways", "telecom", "pharma", "pharmaceuticals", "industries",
    "technologies", "petroleum", "steel", "mining", "electric", "logistics", "enterprises",
    "ventures",
}  # fmt: skip
# After a name, these make it a place: "Warsaw Chopin airport".
PLACE_NOUNS = {
    "airport", "airfield", "station", "square", "street", "avenue", "river", "bridge", "region",
    "oblast", "district", "city", "town", "village", "province", "plant", "port", "base",
    "reservoir", "dam", "peninsula", "island", "strait", "sea", "front", "axis", "direction",
    # venues: "the Grand Palais", "Dolmabahce Palace", "the World Forum"
    "palace", "palais", "hall", "hotel", "stadium", "arena", "cathedral", "mosque", "museum",
    "theatre", "theater", "tower", "castle", "residence", "forum", "gardens", "park",
    # divisions of a country: "St Elizabeth parish", "Orange County", "Ishikawa prefecture"
    "parish", "county", "prefecture", "canton", "municipality", "governorate",
}  # fmt: skip
# Institutions that are also buildings: after "at the", "in the", a place ("treated at the
# Shock Trauma Center"); elsewhere an organisation ("the Wilson Center said").
VENUE_HEADS = {
    "center", "centre", "hospital", "clinic", "infirmary", "college", "campus", "prison",
    "jail", "complex", "school", "library", "academy", "terminal", "embassy", "consulate",
}  # fmt: skip
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:at|in|inside|outside|near|to|into|from|outside)[^\S\n]+the[^\S\n]+$"
)
# Before a name, these make it a place: "near Velyka Novosilka", "in Pokrovsk".
PLACE_PREPOSITIONS = {"in", "near", "around", "towards", "toward", "outside", "into", "across"}
# Words after a one-word name that make it an organisation: "Wagner group", "Rybar channel".
ORGANISATION_CUES = {
    "group", "mercenaries", "fighters", "militants", "movement", "militia", "channel",
    "company", "party", "network", "battalion", "brigade", "unit", "chief", "leader",
    "founder", "boss", "commander", "spokesman", "spokeswoman", "spokesperson",
    "gang", "federation", "cartel", "coalition", "alliance", "union", "syndicate",
}  # fmt: skip
# After a name of several words, these make it an organisation's: "the Students Against
# Discrimination movement", "the Sahel Defence Network coalition".
GROUP_CUES = {
    "group", "movement", "militia", "party", "network", "coalition", "alliance", "federation",
    "gang", "cartel", "union", "organisation", "organization", "syndicate", "campaign",
    "mercenaries", "fighters", "militants", "rebels",
}  # fmt: skip
# Nouns that introduce an organisation's name: "energy company DTEK", "the group Hamas".
ORGANISATION_NOUNS = {
    "company", "firm", "group", "operator", "agency", "organisation", "organization",
    "watchdog", "giant", "maker", "manufacturer", "movement", "party",
    "outfit", "militia", "body", "regulator", "utility", "provider", "contractor", "producer",
    "exporter", "importer", "carrier", "airline", "bank", "lender", "insurer", "retailer",
    "miner", "supplier", "conglomerate", "holding", "startup", "automaker", "shipbuilder",
    "refiner", "faction", "bloc", "coalition", "alliance",
}  # fmt: skip
# Capitalised abbreviations that are not organisations.
NOT_ORGANISATIONS = {
    "GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "MSK", "EST", "EDT", "PST", "PDT", "CST",
    "ET", "PT", "AM", "PM", "UPDATE", "BREAKING", "LIVE", "NEW", "WATCH", "READ", "MORE", "TV",
    "ID", "OK", "CEO", "MP", "MPS", "UAV", "UAVS", "HIMARS", "ATACMS", "AI", "GDP", "HQ",
}  # fmt: skip


# Regions that name an organisation's branch as a state does: "Africa CDC".
REGIONS = {"africa", "europe", "asia", "americas", "america", "pacific", "caribbean"}

_LETTERS_AND_NUMBER = re.compile(r"[A-Z]{1,2}\d{1,2}")


def name_like(span, i) -> bool:
    word = bare_word(span.words[i])
    folded = word.casefold()
    if (
        "-" in folded
        and any(part in TITLE_WORDS for part in folded.split("-"))
        and without_article(word) == word  # "al-Sheikh", "Al-Amir": a surname's article
    ):
        return False  # "President-elect", "Ex-President", "Vice-Chancellor"
    if _LETTERS_AND_NUMBER.fullmatch(word):
        return True  # "the G9 gang federation", "M23 fighters": a group's name with a number
    return (
        len(word) >= 2
        and word.replace("-", "").replace("’", "").replace("'", "").replace(".", "").isalpha()
        and folded not in NOT_NAMES | TITLE_WORDS
        and word.upper() not in NOT_ORGANISATIONS
    )


def proposal_at(span, i, registry, sentences) -> tuple[ActorMatch, int] | None:
    """An unknown person or organisation starting at word ``i``, or None."""
    words, offsets, text = span.words, span.offsets, span.text
    initialled = _initial_and_surname(span, i, registry) or _adjective_opens_party(
        span, i, registry
    )
    if initialled and not sentences.in_credits(offsets[i]):
        return initialled
    if not name_like(span, i) or sentences.in_credits(offsets[i]):
        return None
    if _role_before_name(span, i) and fold(words[i]) not in registry.given_names():
        return None  # "Administrator Bill Nelson": the name starts after the job
    # Which words a model would be asked about: two or more name-like words, or an
    # abbreviation, or one word that acts ("Rybar said", "the Wagner group"). The small
    # words of organisations' names join them: "Party of Socialists".
    run = 1
    while i + run < len(words):
        if closes(words[i + run - 1]) or _possessive(words[i + run - 1]):
            break  # "met Putin. Xi said", "Ryabkov, Russia's deputy", "Merz's CDU"
        if name_like(span, i + run) or is_particle(words[i + run]):
            run += 1
        elif (
            (is_connector(words[i + run]) or words[i + run] == "&")
            and words[i + run - 1][-1:] not in ",;:"
            and i + run + 1 < len(words)
            and name_like(span, i + run + 1)
        ):
            run += 2
        else:
            break
    word = bare_word(words[i])
    single_end = offsets[i] + len(word)
    run_end = offsets[i + run - 1] + len(bare_word(words[i + run - 1]))
    if run == 1 and len(word) > 1 and _REGNAL.fullmatch(word):
        return None  # "names the XI", "Part II": a number in Roman letters, not a name
    if fold(span.phrase(i, i + run)) in PLATFORMS or fold(word) in PLATFORMS:
        return None  # "on Telegram", "writing on Truth Social": where people post
    if _NUMBER_AFTER.match(text, run_end) and not _possessive(words[i + run - 1]):
        return None  # "FTSE 100", "CAC 40": an index or a product, not an actor
    if _WHERE_AFTER.match(text, run_end):
        return None  # "a barrage at Kiryat Shmona, where sirens sounded": a place
    if run >= 2 and _EVENT_AFTER.match(text, run_end):
        return None  # "at the European Political Community summit": a meeting's name
    if _VEHICLE_AFTER.match(text, run_end):
        return None  # "the Rail Force One train", "the Akademik Lomonosov vessel"
    if _named_thing_before(text, offsets[i]) or THING_AFTER.match(text, run_end):
        return None  # "the operation, which Israel calls Rising Lion", "the X doctrine"
    if _byline_at(text, offsets[i]):
        return None  # "— by Katrin Vogel, Munich", "AP writer … contributed to this report"
    if _newsroom_at(text, offsets[i]):
        return None  # "the broadcaster NTV": an outlet, not an actor
    if is_acronym(word) and _CLOCK_BEFORE.search(text, max(0, offsets[i] - 14), offsets[i]):
        return None  # "09:00 KST": a time zone
    if is_acronym(word) and re.search(
        r"\bTime[^\S\n]*\($", text[max(0, offsets[i] - 8) : offsets[i]]
    ):
        return None  # "Australian Eastern Standard Time (AEST)": the zone's abbreviation
    if word.isupper() and len(word) >= 4 and _dateline_follows(text, offsets[i]):
        return None  # "BEIRUT —": a dateline's place
    acts = (
        speech_follows(text, single_end, ACTION_VERBS)
        or _cue_follows(text, single_end)
        or (run >= 2 and speech_follows(text, run_end, ACTION_VERBS))  # "Nord Grid says"
        # "Elering, its Estonian counterpart, said": a verb after an aside
        or (run < 2 and _acts_after_aside(text, single_end))
    )
    # "oil producer Lukoil", "grid operator Elering": a company by the noun before it
    introduced = (
        _organisation_noun_before(text, offsets[i])  # "oil producer Gazprom Neft"
        or (run < 2 and _class_follows(text, single_end))
        or _organisation_apposition(text, run_end)
        or _group_follows(text, run_end)  # "the Students Against … movement", "G9 gang"
    )
    ampersand = None
    if run >= 3 and "&" in words[i : i + run]:
        # "Florida Power & Light", "Procter & Gamble": a firm's ampersand joins the words
        # right around it, not a sentence's first word nor a place after it ("Shares of …",
        # "… in Lima")
        k = words.index("&", i)
        if any(is_connector(w) for w in words[i:k]):
            return None  # the firm's name starts after the connector
        last = k + 1
        while last + 1 < i + run and not is_connector(words[last + 1]):
            last += 1
        ampersand = (offsets[i], offsets[last] + len(bare_word(words[last])), "ORG")
        introduced = True
    if _CORPORATE_AFTER.match(text, single_end if run < 2 else run_end):
        introduced = True  # "Heathrow's chief executive", "NetChoice's members": a company
    elif _SHARES_AFTER.match(text, single_end if run < 2 else run_end) or _SHARES_BEFORE.search(
        text, max(0, offsets[i] - 16), offsets[i]
    ):
        # "Airbnb shares fell", "shares in Ocado" — not "Indian shares fell" (a market's)
        entity = sentences.entity_at(offsets[i])
        introduced = entity is None or entity[2] not in NOT_ACTORS
    if (
        run < 2
        and not introduced
        and _CAMEL.fullmatch(word)
        and (acts or _subject_of_verb(span, i, single_end))
    ):
        introduced = True  # "NetBlocks reported a disruption": a company's joined words
    # "founder of Georgian Dream", "a member of the Party of Regions": whose member a
    # person is, is an organisation
    member_of = _MEMBER_OF.search(text, max(0, offsets[i] - 30), offsets[i]) is not None
    # "Pope Francis", "President Xi": one name after a title of address
    regnal = (
        run <= 2
        and i + 1 < len(words)
        and not closes(words[i])
        and _REGNAL.fullmatch(bare_word(words[i + 1])) is not None
    )
    if (run < 2 or regnal) and not is_acronym(word) and _address_before(text, offsets[i]):
        # "King Felipe VI", "Pope Leo XIV": a regnal number is part of the name
        length = 2 if regnal else 1
        name = span.phrase(i, i + length)
        # "Sheikh Hasina", "Pope Francis": an honorific is part of the name they go by (and
        # the bare name an alias, as for any person)
        honorific = _honorific_before(text, offsets[i])
        proposed = f"{honorific} {name}" if honorific else name
        return ActorMatch(
            None,
            name,
            offsets[i],
            offsets[i] + len(name),
            proposed_name=proposed,
            proposed_kind=PERSON,
        ), length
    if (
        run < 2
        and not is_acronym(word)
        and _PERSON_BEFORE_COMMA.search(text, max(0, offsets[i] - 60), offsets[i])
        and text[single_end : single_end + 1] == ","
    ):
        # "a 35-year-old woman, Revathi, died": one name in apposition to a person noun
        return ActorMatch(
            None, word, offsets[i], single_end, proposed_name=word, proposed_kind=PERSON
        ), 1
    if run < 2 and not is_acronym(word) and not acts and not introduced:
        return None
    if run < 2 and span.at_sentence_start(i) and not (is_acronym(word) or acts or introduced):
        return None  # "Officials": a capitalised word, not a name
    if run < 2 and cited_at(text, offsets[i], registry):
        # only one word (or an abbreviation, or "The X") is cited without the registry
        return None  # "carried by IRNA", "Zonamedia reported": an outlet, not an actor
    if run >= 2:
        # What the words around a name settle, the model is not asked about: it is the
        # slow step (see entities.py).
        # "in Deborah Smith's translation": a person's name owns what the preposition
        # governs (the model tells a person's from a place's: "in Saudi Arabia's capital")
        owner = _owns_a_thing(span, i, i + run)
        if (
            (_in_place(span, i, sentences) and not owner)
            or _place_noun_follows(text, run_end)
            or _place_apposition(text, run_end)
        ):
            return None  # "near Velyka Novosilka", "Velyka Novosilka, a village …"
        last = bare_word(words[i + run - 1]).casefold()
        if acts and _organisation_evidence(last) and last not in GOVERNMENT_WORDS:
            # "Nord Grid Networks says": a company's head noun, whatever the verb suggests
            introduced = True
        elif not (introduced and getattr(registry.actor(word), "kind", "") == "state"):
            # "the party, Pakistan Tehreek-e-Insaf, called …": a state's name opens no
            # person's name an organisation's noun introduces ("the group, Ana Ruiz said")
            settled = _heuristic_person(span, i, registry, strong_only=True)
            if settled:
                return settled
    entity = sentences.entity_at(offsets[i])
    if entity is None and run >= 2:
        # The small model often leaves the given name out: "Dmitry [Peskov]".
        following = sentences.entity_at(offsets[i + 1])
        if following and following[2] == "PERSON":
            entity = (offsets[i], following[1], "PERSON")
    # "the White Army militia", "Arakan Army rebels": a group noun after the name makes it
    # an armed group's, though its head noun is a state's
    armed_group = _ARMED_GROUP_AFTER.match(text, run_end) is not None
    introduced = introduced or armed_group
    if introduced and run < 2 and not registry.actor(word):
        entity = (offsets[i], single_end, "ORG")  # "energy company DTEK", whatever the model
    elif introduced and (armed_group or not state_body([bare_word(w) for w in words[i : i + run]])):
        # "Nord Grid, the country's grid operator"; "the producers Gazprom Neft and
        # Surgutneftegas" name two
        last = next((k for k in range(i + 1, i + run) if words[k] == "and"), i + run) - 1
        entity = (offsets[i], offsets[last] + len(bare_word(words[last])), "ORG")
    elif member_of and run >= 2:
        last = bare_word(words[i + run - 1])
        if last.casefold() in PLACE_NOUNS or _place_noun_follows(text, offsets[i + run - 1]):
            return None  # "head of the Kursk Region"
        entity = (offsets[i], offsets[i + run - 1] + len(last), "ORG")
    introduced = introduced or member_of
    if ampersand is not None:
        entity = ampersand
    if (
        run == 2
        and (entity is None or entity[2] in ("GPE", "ORG"))  # the model's PERSON stands
        and _named_for_a_city([bare_word(w) for w in words[i : i + run]])
        and (acts or _subject_of_verb(span, i, run_end))
        and not _in_place(span, i, sentences)
    ):
        entity, introduced = (offsets[i], run_end, "ORG"), True  # "Real Madrid beat …"
    if entity is None and run >= 2:
        entity = _organisation_by_name(span, i, run)
    if entity is None:
        # While sentences are only collected for the model, its word is not known yet: the
        # strong cues alone name the document's people (match.prepare_actors keeps them).
        return _heuristic_person(span, i, registry, strong_only=sentences.collect is not None)
    start, end, label = entity
    if (
        label in NOT_ACTORS
        and run == 2
        and (word.casefold() in REGIONS or getattr(registry.actor(word), "kind", "") == "state")
        and is_acronym(bare_word(words[i + 1]))
    ):
        # "Africa CDC", "Europe CDC": a region's or a state's branch of an organisation
        start, end, label, introduced = offsets[i], run_end, "ORG", True
    if label in NOT_ACTORS:
        return None
    if (
        label == "ORG"
        and not is_acronym(word)
        and start < offsets[i]
        and text[start : offsets[i]].strip()[:1].isupper()
        and text[start : offsets[i]].strip().casefold() not in ("the", "a", "an")
    ):
        return None  # "the New Popular Front": the model's name starts at a word we skipped
    if any(
        start <= offsets[k]
        and name_like(span, k)
        and not words[k].endswith(("’s", "'s"))  # "Russia's National Security Council"
        and registry.actor(bare_word(words[k])) is None
        and not _role_before_name(span, k)  # "Rookie [Cooper DeJean]": the model's span
        for k in range(i)
    ):
        return None  # the tail of a longer name: "War" of "Institute for the Study of War"
    # A possessive ends a name whatever the model says: "Friedrich Merz's CDU".
    last = i + run if _possessive(words[i + run - 1]) else len(words)
    inside = [k for k in range(i, last) if offsets[k] < end]
    while inside and is_connector(words[inside[-1]]):
        inside.pop()
    if not inside:
        return None
    if (
        label == "ORG"
        and inside[-1] + 2 < i + run
        and words[inside[-1] + 1] == "of"
        and _organisation_evidence(bare_word(words[inside[-1]]))
    ):
        # "the Law Society of Kenya", "the Communist Party of Vietnam": the head noun's "of"
        # and its place belong to the name, wherever the model ended it
        inside = list(range(i, i + run))
    length = len(inside)
    name = span.phrase(i, i + length)
    if registry.is_outlet(name) or (length > 1 and cited_at(text, offsets[i], registry)):
        return None  # "Studio Tamani reports that …": a source, never an actor
    candidate = [bare_word(w) for w in words[i : i + length]]
    owned = (label == "PERSON" and _owns_a_thing(span, i, i + length)) or bool(
        _SHARES_BEFORE.search(text, max(0, offsets[i] - 16), offsets[i])  # "shares in Ocado"
    )
    if (_in_place(span, i, sentences) and not owned) or _place_noun_follows(text, end):
        return None  # "near Pokrovsk, Kurakhove, and Velyka Novosilka", "Chopin airport"
    if candidate[-1].casefold() in PLACE_NOUNS - {"front", "axis", "direction"}:
        return None  # "the Grand Palais", "Dolmabahce Palace", "Kerch Strait": a place
    if candidate[-1].casefold() in VENUE_HEADS and _LOCATIVE_BEFORE.search(
        text, max(0, offsets[i] - 24), offsets[i]
    ):
        return None  # "treated at the Shock Trauma Center": a building, where things happen
    if any(w.casefold() == "time" for w in candidate):
        return None  # "Greenwich Mean Time", "Eastern Time"
    if length > 1 and candidate[-1].casefold() in EVENT_HEADS:
        return None  # "the Republican National Convention", "the Booker Prize": an event
    if label in ("PERSON", "ORG") and _EMPLOYER_OF.match(text, offsets[i] + len(name)):
        # "Manchester United manager Ruben Amorim": whose manager — a club, a company
        label, introduced = "ORG", True
    if (
        label == "ORG"
        and person_shaped(candidate)
        and not introduced
        and not _organisation_evidence(candidate[-1])  # "Azerbaijan Airlines"
        # a person takes no article: "built around the Janatha Vimukthi Peramuna"
        and not _IN_CLAUSE.search(text, max(0, offsets[i] - 30), offsets[i])
        and not _named_for_a_city(candidate)
    ):
        # The model's ORG for a person-shaped name ("Olena Zelenska") is often wrong; the
        # words around it decide.
        return _heuristic_person(span, i, registry)
    if label == "PERSON" and start >= offsets[i] and _organisation_evidence(candidate[-1]):
        label = "ORG"  # "the Caribbean Community": an organisation's head noun ends it
    if label == "PERSON" and candidate[-1].casefold() in GOVERNMENT_WORDS:
        return None  # "the Lok Sabha", "the Knesset": a state's body, whatever the model says
    if label == "PERSON":
        if not person_shaped(candidate):
            return _heuristic_person(span, i, registry)
        if _SAINTED.fullmatch(candidate[0]):
            return None  # "St Elizabeth", "San Cristóbal": a place named for a saint
        kind = PERSON
    elif label == "ORG":
        if length == 1 and (
            not (is_acronym(name) or acts or introduced) or title_context(text, offsets[i])
        ):
            return None  # "the Wagner group" is one; "in Bakhmut", "soldier Istoryk" are not
        if any(w.casefold() in OUTLET_WORDS for w in candidate):
            return None  # an outlet or a programme: "EA-Times Radio Special"
        if state_body(candidate) and not armed_group:
            return None  # "Interior Ministry", "Central Bank": a state's own body
        if not (
            is_acronym(name)
            or acts
            or introduced
            or any(_organisation_evidence(w) for w in candidate)
            # inside a sentence's clause, where no heading stands: "built around the Janatha
            # Vimukthi Peramuna", "Mikel Oyarzabal stretches to …"
            or (length > 1 and _IN_CLAUSE.search(text, max(0, offsets[i] - 30), offsets[i]))
            or (length > 1 and _subject_of_verb(span, i, offsets[i] + len(name)))
        ):
            return None  # a title or a heading: "Russian Offensive Campaign Assessment"
        if all(w.casefold() in ORGANISATION_WORDS for w in candidate):
            return None  # "Defence", "Security Council" said alone: not a name
        kind = ORGANISATION
    else:
        return None
    proposed = name
    if kind == ORGANISATION:
        proposed = _US_BODY.sub("United States ", name)
        owner = _owning_state(span, i, registry)
        if owner and all(w.casefold() in _GENERIC_BODY_WORDS for w in candidate):
            proposed = f"{name} of {owner}"  # "Sweden's Public Health Agency"
    return ActorMatch(
        None, name, offsets[i], offsets[i] + len(name), proposed_name=proposed, proposed_kind=kind
    ), length


# The words of a national body's name that say what it does, not whose it is: "Public
# Health Agency", "Medical Products Agency", "Meteorological Institute".
_GENERIC_BODY_WORDS = (
    ORGANISATION_EVIDENCE
    | GOVERNMENT_FIRST
    | {
        "public", "health", "medical", "medicines", "products", "food", "drug", "drugs",
        "electoral", "election", "elections", "meteorological", "hydrometeorological",
        "geological", "statistics", "statistical", "energy", "nuclear", "radiation", "safety",
        "space", "civil", "aviation", "transport", "maritime", "environment", "environmental",
        "competition", "consumer", "financial", "markets", "data", "protection", "research",
        "disease", "control", "prevention", "communications", "broadcasting", "water",
        "weather", "seismological", "anti-corruption", "audit", "tax", "revenue", "and",
        "of", "for", "the", "social", "insurance", "pensions", "migration", "standards",
    }
)  # fmt: skip


def _owning_state(span, i, registry) -> str:
    """The state whose possessive stands right before word ``i`` ("Sweden's Public Health
    Agency" → "Sweden"), or ""."""
    if i == 0:
        return ""
    before = span.words[i - 1]
    if not before.endswith(("’s", "'s")):
        return ""
    entry = registry.actor(bare_word(before))
    if entry is None or entry.kind != "state":
        return ""
    return entry.name if is_acronym(bare_word(before)) else bare_word(before)


# "the US Geological Survey", "the U.S. Census Bureau": a federal body's name spells its
# state out ("United States Geological Survey"), as the official name does.
_US_BODY = re.compile(r"^U\.?S\.?[^\S\n]+(?=[A-Z])")


_PLACE_LIST = re.compile(
    rf"\b(?:{'|'.join(sorted(PLACE_PREPOSITIONS))})\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$"
)


def _in_place(span, i, sentences) -> bool:
    """Whether a place preposition governs word ``i``: through a list ("near Pokrovsk,
    Kurakhove, and Velyka Novosilka") or as the tail of the name it introduces ("in West
    Palm Beach")."""
    if _place_context(span.text, span.offsets[i], sentences):
        return True
    before = span.text[max(0, span.offsets[0] - 16) : span.offsets[0]].split()
    if before[-1:] == ["the"]:
        before = before[:-1]
    return (
        i > 0
        and bool(before)
        and before[-1] in PLACE_PREPOSITIONS
        # "… in Kenya. Safaricom said": the preposition's name ended with its sentence
        and not any(closes(w) for w in span.words[:i])
        # "in Washington Secretary of State Marco Rubio said": the place ends at a title
        and not any(bare_word(w).casefold() in TITLE_WORDS for w in span.words[1 : i + 1])
    )


# "In Buenos Aires, President Javier Milei …": a preposition opening the sentence governs
# the name right after it (and not the subject after its comma).
_OPENING_PLACE = re.compile(
    rf"^[ \t]*(?:{'|'.join(sorted(p.title() for p in PLACE_PREPOSITIONS))})[ \t]+(?:the[ \t]+)?"
    r"(?:[A-Z][\w’'-]*[ \t]+)*$"
)


def _place_context(text: str, start: int, sentences: "Sentences") -> bool:
    """Whether a place preposition governs the name, directly or through a list."""
    sentence_start = sentences.start_of(start)
    return bool(
        _PLACE_LIST.search(text, sentence_start, start)
        or _OPENING_PLACE.match(text[sentence_start:start])
    )


_LIST_REST = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*"
)


def _place_noun_follows(text: str, end: int) -> bool:
    """ "Chopin airport", and through a list: "Warsaw Chopin, Modlin and Lublin airports"."""
    while rest := _LIST_REST.match(text, end):
        end = rest.end()
    following = text[end : end + 20].split()
    return bool(following) and following[0].strip(".,;:").casefold().removesuffix("s") in (
        PLACE_NOUNS
    )


def _organisation_noun_before(text: str, start: int) -> bool:
    """ "oil producer Lukoil", and through a list after a plural: "the oil producers
    Gazprom Neft and Surgutneftegas"."""
    before = text[max(0, start - 20) : start].split()
    if before and _organisation_noun(before[-1]):
        return True
    if _NOUN_THEN_NAME.search(text, max(0, start - 40), start):
        return True  # "his party, the SPLM-IO,", "the militia, the Fano,": the noun, then it
    if not text[max(0, start - 5) : start].endswith((", ", "and ")):
        return False  # not inside a list
    listed = _LIST_BEFORE.search(text, max(0, start - 80), start)
    return bool(listed) and _organisation_noun(listed.group(1))


_NOUN_THEN_NAME = re.compile(
    # "his party, the SPLM-IO,", "Imran Khan's party, Pakistan Tehreek-e-Insaf,"
    r"(?:\b(?:his|her|their|its|the|a|an)|[\w-][’']s)[^\S\n]+(?:[a-z-]+[^\S\n]+){0,2}"
    r"(?:party|movement|militia|group|faction|coalition|alliance|company|firm|union|"
    r"organisation|organization|charity|network|bloc|wing)"
    r",[^\S\n]+(?:the[^\S\n]+)?$"
)


def introduced_as_organisation(text: str, start: int) -> bool:
    """Whether an organisation's noun introduces the name at ``start``: "the party,
    Pakistan Tehreek-e-Insaf", "the militia, the Fano", "energy company DTEK"."""
    return _organisation_noun_before(text, start)


def _organisation_noun(word: str) -> bool:
    folded = word.casefold()
    return folded in ORGANISATION_NOUNS or (
        folded.endswith("s")
        and (
            folded[:-1] in ORGANISATION_NOUNS
            or folded.removesuffix("ies") + "y" in ORGANISATION_NOUNS
        )
    )


# A plural noun, then the names of a list before this one: "producers Gazprom Neft and …".
_LIST_BEFORE = re.compile(
    r"(?<![\w-])([a-z]+s)[ \t]+(?:[A-Z][\w’'.&-]*(?:[ \t]+[A-Z][\w’'.&-]*){0,3}"
    r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+))+$"
)


def closes(word: str) -> bool:
    """Whether a word ends its clause: "Putin." or "Ryabkov," — but not "J.D." nor "Rep."."""
    if word[-1:] in ',;:!?)”"':
        return True
    if word.endswith("."):
        stem = word[:-1]
        return len(stem) > 2 and "." not in stem and stem.casefold() not in TITLE_WORDS
    return False


# What a name is given to when it is not an actor's: "the operation, which Israel calls
# Rising Lion", "a drill codenamed Zapad", "an offensive known as Kursk Spring"; and the
# legal ideas named after a party: "the Chevron doctrine".
_NAMING = re.compile(
    r"(?:\b(?:which|what|that)[^\S\n]+(?:[A-Z][\w’'-]*[^\S\n]+){1,3}(?:now[^\S\n]+)?"
    r"(?:calls|called|dubbed|dubs|named|names|has[^\S\n]+(?:called|dubbed|named))"
    r"|\b(?:dubbed|codenamed|code-named|nicknamed|christened)"
    r"|\b(?:operation|offensive|counteroffensive|plan|programme|program|project|campaign|"
    r"exercise|drill|mission|initiative|law|bill|strategy|doctrine|deal|storm|hurricane|"
    r"typhoon|cyclone)[^\S\n]+(?:called|named|known[^\S\n]+as|dubbed))"
    r"[^\S\n]+[“\"‘']?$"
)
THING_AFTER = re.compile(
    r"[^\S\n]+(?:doctrine|principle|formula|clause|amendment|deference|precedent)\b"
)
_NAMER_NOUNS = re.compile(
    r"\b(?:group|party|movement|company|firm|organi[sz]ation|man|woman|activist|militia|"
    r"channel|outlet|band|charity|coalition|alliance)[^\S\n]+\S+[^\S\n]*$"
)


def _named_thing_before(text: str, start: int) -> bool:
    """Whether the name at ``start`` is what a naming verb gives a thing: "which Israel calls
    Rising Lion" — not "a group called X", "a man named X" (an actor by its noun)."""
    before = text[max(0, start - 60) : start]
    naming = _NAMING.search(before)
    return naming is not None and not _NAMER_NOUNS.search(before, 0, naming.end())


_ARMED_GROUP_AFTER = re.compile(
    r"[^\S\n]+(?:militia|militias|rebels|insurgents|militants|fighters|guerrillas|paramilitaries|"
    r"paramilitary)\b"
)


def _organisation_by_name(span, i, run) -> tuple[int, int, str] | None:
    """An organisation by the noun that heads its name, where the model is silent:
    "Party of Socialists", "Freedom Front" — not a state's body nor a place."""
    candidate = [bare_word(w) for w in span.words[i : i + run]]
    folded = [w.casefold() for w in candidate]
    if not ({folded[0], folded[-1]} & ORGANISATION_EVIDENCE) or state_body(candidate):
        return None
    if any(w in OUTLET_WORDS for w in folded) or folded[-1] in PLACE_NOUNS:
        return None
    end = span.offsets[i + run - 1] + len(candidate[-1])
    return span.offsets[i], end, "ORG"


_REGNAL = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{1,3}|V)")
_NUMBER_AFTER = re.compile(r"[^\S\n]+\d+(?![\d.,:/]\d)(?!\s*(?:%|per\s*cent|percent))")


def _organisation_evidence(word: str) -> bool:
    """ "Networks", "Holdings", "Corps": an organisation's head noun, singular or plural."""
    folded = word.casefold()
    return folded in ORGANISATION_EVIDENCE or folded.removesuffix("s") in ORGANISATION_EVIDENCE


# Common nouns whose possessive is a word of a name, not its end: "National People's Power",
# "Sudan People's Liberation Movement", "Kurdistan Workers' Party", "Women's Union".
_NAME_POSSESSIVES = {
    "people", "peoples", "workers", "women", "children", "citizens", "farmers", "veterans",
    "mothers", "soldiers", "students", "nations", "teachers", "miners", "doctors",
}  # fmt: skip


def _possessive(word: str) -> bool:
    bare = word.rstrip('.,;:!?)”"')
    owner = re.sub(r"[’'](?:s)?$", "", bare.casefold())
    if owner != bare.casefold() and owner in _NAME_POSSESSIVES and bare[:1].isupper():
        return False
    return bare.endswith(("’s", "'s"))


# "— by Katrin Vogel, Munich" signing a post; "Associated Press writer Ana Ruiz in Lima
# contributed to this report": the writers of a page, not the news's.
_BYLINE_BEFORE = re.compile(r"[ \t]*(?:[—–-]+[ \t]*)?[Bb]y[ \t]+")
_CONTRIBUTED = re.compile(r"\bcontributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story)")


def _byline_at(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if before.rstrip().endswith(("by", "By")) and _BYLINE_BEFORE.fullmatch(before):
        return True
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    # Substring tests first: this runs for every unexplained capitalised word.
    return bool(
        ("contributed" in line and _CONTRIBUTED.search(line))
        or ("@" in line and _EMAIL.search(line))  # "Ana Ruiz, Coordinator — ana@…"
        or (len(line) < 60 and _POSTER.match(line))  # "Ana Ruiz  3:25 AM": a chat's poster
    )


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_POSTER = re.compile(
    r"[ \t]*(?:[A-Z][\w’'.-]*[ \t]+){1,3}[A-Z][\w’'.-]*[ \t]+\d{1,2}[:.]\d{2}"
    r"(?:[ \t]*[AaPp]\.?[Mm]\.?)?[ \t]*$"
)
_WHERE_AFTER = re.compile(r"[^\S\n]*,[^\S\n]*where\b")
# The last words of the names of events, prizes and contests, which are no actors: "the
# Republican National Convention", "the International Booker Prize", "the Las Vegas Grand
# Prix", "the Champions Trophy", "the Super Bowl".
EVENT_HEADS = {
    "convention", "summit", "conference", "olympics", "games", "cup", "trophy", "prize",
    "prix", "award", "awards", "festival", "championship", "championships", "marathon",
    "derby", "bowl", "tournament", "finals", "expo", "biennale", "oscars", "grammys",
    "jubilee", "week",
}  # fmt: skip
_EVENT_AFTER = re.compile(
    r"[^\S\n]+(?:summit|conference|talks|meeting|festival|ceremony|games|championships?|"
    r"expo|fair|marathon|parade)\b"
)
# After a name, these make it a vehicle's: "the Rail Force One train".
_VEHICLE_AFTER = re.compile(
    r"[^\S\n]+(?:train|ship|vessel|tanker|plane|aircraft|jet|helicopter|submarine|frigate|"
    r"cruiser|destroyer|carrier|rocket|missile|drone|satellite|spacecraft)s?\b"
)


# Nouns that, in apposition after a name, make it an organisation's: "Nord Grid, the
# country's grid operator", "Vesna, a rights group that …".
APPOSITION_NOUNS = ORGANISATION_NOUNS | {
    "charity", "nonprofit", "non-profit", "ngo", "hospital", "union", "federation",
    "association", "network", "foundation", "institute", "consortium", "broker", "platform",
}  # fmt: skip
_APPOSITION = re.compile(
    r"[^\S\n]*,[^\S\n]+(?:(?:a|an|the)[^\S\n]+|[A-Z][\w-]*[’']s[^\S\n]+)"
    r"((?:[\w’'-]+[^\S\n]+){0,4}[\w’'-]+)"
)
_APPOSITION_ENDS = {
    "whose", "which", "where", "that", "who", "whom", "when", "while", "and", "or", "in", "of",
    "for", "on", "at", "with", "linked", "based", "run", "owned", "said", "says",
    # a relative clause without its pronoun: "the Guardian Angels, the group he founded"
    "he", "she", "they", "we", "i", "you", "it",
}  # fmt: skip


def _organisation_apposition(text: str, end: int) -> bool:
    """ "Nord Grid, the country's grid operator", "Vesna, a rights group that …": an
    organisation's noun heads the apposition after the name."""
    match = _APPOSITION.match(text, end)
    if not match:
        return False
    words = []
    for word in match.group(1).split():
        if word in _APPOSITION_ENDS:
            break
        words.append(word.casefold())
    if not words or any(w in PERSON_NOUNS for w in words):
        return False  # "a party leader", "the group's founder"
    head = words[-1]
    return head in APPOSITION_NOUNS or head.removesuffix("s") in APPOSITION_NOUNS


_MEMBER_OF = re.compile(
    r"\b(?:founder|co-founder|founders|leader|leaders|member|members|chairman|chairwoman|"
    r"chair|head|spokesman|spokeswoman|spokesperson|"
    # the party's people in office: "the other ministers of Otzma Yehudit"
    r"ministers|lawmakers|legislators|MPs|deputies|candidates|activists|"
    r"supporters|militants|fighters)\s+(?:of|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CLOCK_BEFORE = re.compile(r"\d{1,2}[:.h]?\d{2}\s*(?:[ap]\.?m\.?)?\s*$", re.IGNORECASE)
_DATELINE_REST = re.compile(
    r"(?:[ \t]*,[ \t]*[A-Z][^\n—–(]{0,40})?[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[—–-]"
)


def _dateline_follows(text: str, start: int) -> bool:
    """Whether an upper-case word opens a dateline: "BEIRUT —", "KYIV, Ukraine (AP) —"."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t-•*>#"):
        return False
    end = start
    while end < len(text) and (text[end].isupper() or text[end] in " .'-") and text[end] != "\n":
        end += 1
    return bool(_DATELINE_REST.match(text, end)) or text[end : end + 1] in "—–"


_cited_cache: dict[tuple[int, str], tuple[str, ...]] = {}


def cited_at(text: str, start: int, registry) -> bool:
    """Whether the words at ``start`` are an outlet the entry's attribution cites
    ("in a statement carried by IRNA"): an outlet is a source, never an actor."""
    key = (id(registry), text)
    names = _cited_cache.get(key)
    if names is None:
        if len(_cited_cache) > 4096:
            _cited_cache.clear()
        names = tuple(c.name for c in attribute(text, registry.is_outlet).citations)
        _cited_cache[key] = names
    return any(
        text.startswith(name, start)
        # "(With files from The Canadian Press)": the name cited with its capitalised article
        or (name[:4] == "The " and text.startswith(name[4:], start))
        for name in names
    )


_OTHER_KIND = re.compile(r"[^\S\n]+(?:and|or)[^\S\n]+other[^\S\n]+([a-z]+)")


def _class_follows(text: str, end: int) -> bool:
    """ "Rosselkhozbank and other banks", "Lukoil or other companies": the class a name
    belongs to, named after it."""
    following = _OTHER_KIND.match(text, end)
    return bool(following) and (
        following.group(1).removesuffix("s").removesuffix("ie") in ORGANISATION_NOUNS
        or following.group(1) in {"companies", "groups", "banks", "firms", "militias"}
    )


# "Russian", "Estonian", "Polish", "Chinese", "Korean", "American", "Israeli", "German": a
# state's adjective before its own body's name.
_NATIONALITY = re.compile(r"[a-z]+(?:ian|ish|ese|ean|an|i)|thai|swiss|dutch|french|greek|czech")


def state_body(words: list[str]) -> bool:
    """A state's own body, by its head noun: "Interior Ministry", "Ministry of Defence",
    "State Department", "Central Bank", "Operational Command" — not an international one."""
    folded = [w.casefold() for w in words]
    if any(w in INTERNATIONAL_WORDS for w in folded):
        return False
    if (
        len(folded) > 1
        and folded[0] not in GOVERNMENT_WORDS | ORGANISATION_EVIDENCE
        and _NATIONALITY.fullmatch(folded[0])
    ):
        folded = folded[1:]  # "Russian Ministry of Defence", "Ukrainian Air Force"
    head = folded[-1]
    if (
        head in ("brigades", "battalions")
        and len(folded) == len(words)  # no state's adjective before: "Russian … Brigades"
        and not any(w[:1].isdigit() for w in folded)
    ):
        return False  # "the Qassam Brigades", "Al-Aqsa Martyrs Brigades": an armed group
    return (
        head in GOVERNMENT_WORDS
        or folded[0] in GOVERNMENT_WORDS
        or (head in {"bank", "agency", "service"} and folded[0] in GOVERNMENT_FIRST)
    )


@functools.lru_cache(maxsize=4096)
def _newsrooms(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((start, end) for start, end, _ in noun_outlets(text))


def _newsroom_at(text: str, start: int) -> bool:
    """Whether a newsroom noun introduces the name at ``start``: "the broadcaster NTV"."""
    return any(s <= start < e for s, e in _newsrooms(text))


HONORIFICS = {
    "pope", "king", "queen", "prince", "princess", "sheikh", "sheikha", "ayatollah", "emir",
    "sultan", "patriarch", "cardinal", "archbishop",
}  # fmt: skip
_ADDRESS = HONORIFICS | {
    "president", "mr", "mrs", "ms", "dr",
    # ranks and offices before a single name: "General Waker-Uz-Zaman", "Senator Warren"
    "general", "gen", "colonel", "col", "lieutenant", "lt", "major", "maj", "captain", "capt",
    "admiral", "adm", "marshal", "sergeant", "sgt", "commander", "senator", "sen", "governor",
    "gov", "mayor", "judge", "justice", "rep", "chancellor", "premier",
    # of other languages and faiths: "Herr Merz", "Monsieur Bayrou", "Rabbi Levin"
    "herr", "frau", "monsieur", "madame", "mme", "señor", "señora", "signor", "signora",
    "datuk", "shri", "rabbi", "mullah", "mufti", "reverend",
}  # fmt: skip


# Ranks that also open companies' names: alone before one name they need a title or a
# service before them ("Army chief General Waker-Uz-Zaman", "retired Admiral X").
_COMPANY_RANKS = {"general", "major", "admiral", "captain", "marshal", "commander"}
_SERVICES = {"army", "navy", "military", "retired", "air", "force", "naval", "police"}


def _address_before(text: str, start: int) -> bool:
    """ "Pope Francis", "Patriarch Kirill", "President Xi", "General Waker-Uz-Zaman": a title
    of address right before one capitalised word (not a body: "General Staff")."""
    before = text[max(0, start - 40) : start].split()
    if not before or before[-1].rstrip(".").casefold() not in _ADDRESS:
        return False
    if before[-1].casefold() in _COMPANY_RANKS and (
        len(before) < 2 or before[-2].rstrip(".,").casefold() not in TITLE_WORDS | _SERVICES
    ):
        return False  # "General Motors", "Admiral Insurance"; "Army chief General X" is one
    word = re.match(r"[\w’'-]+", text[start:])
    return not word or word.group(0).casefold() not in (
        ORGANISATION_WORDS | ORGANISATION_EVIDENCE | GOVERNMENT_WORDS
    )


def _honorific_before(text: str, start: int) -> str:
    before = text[max(0, start - 20) : start].split()
    return before[-1] if before and before[-1].casefold() in HONORIFICS else ""


_BECOMES_TITLE = re.compile(
    r"[^\S\n]+(?:becomes|became|will[^\S\n]+become|is[^\S\n]+named|was[^\S\n]+named|"
    r"was[^\S\n]+appointed|is[^\S\n]+appointed|was[^\S\n]+sworn[^\S\n]+in[^\S\n]+as)"
    r"[^\S\n]+(?:the[^\S\n]+|a[^\S\n]+|an[^\S\n]+)?(?:new[^\S\n]+|acting[^\S\n]+)?"
    rf"(?i:{'|'.join(sorted(w for w in TITLE_WORDS if w.isalpha()))})\b"
)
_PERSON_BEFORE_COMMA = re.compile(
    r"\b(?:a|an|the|his|her|their|its)[^\S\n]+(?:[\w-]+[^\S\n]+){0,3}"
    rf"(?:woman|man|girl|boy|child|teenager|{'|'.join(sorted(PERSON_NOUNS))}),[^\S\n]+$"
)
_ASIDE_VERB = re.compile(
    rf"[^\S\n]*,[^\S\n]+[a-z][^,.;:\n“”\"]{{0,60}},[^\S\n]*(?:also[^\S\n]+)?(?:{ACTION_VERBS})\b"
)


def _acts_after_aside(text: str, end: int) -> bool:
    """ "Elering, its Estonian counterpart, said", "Waker-Uz-Zaman, in a televised address,
    says": an actor's verb after an aside (not after a name in apposition: "the governor of
    Odesa, Oleh Kiper, said" is Kiper speaking)."""
    return bool(_ASIDE_VERB.match(text, end))


def _group_follows(text: str, end: int) -> bool:
    following = text[end : end + 24].split()
    before = text[max(0, end - 20) : end].split()
    if before and _NATIONALITY.fullmatch(before[-1].casefold()):
        return False  # "the Japanese organisation Nihon Hidankyo": whose, not which
    return bool(following) and following[0].strip(".,;:").casefold() in GROUP_CUES


# Words of grammar that open parties' names: "New Patriotic Party", "All Progressives
# Congress", "Our Ukraine", "New Democracy".
_OPENING_ADJECTIVES = {"new", "all", "our", "free", "united", "one"}
_PARTY_HEADS = {
    "party", "congress", "front", "alliance", "movement", "coalition", "league", "bloc",
    "democracy", "union",
}  # fmt: skip


def _adjective_opens_party(span, i, registry) -> tuple[ActorMatch, int] | None:
    """A party's name whose first word is also a word of grammar ("New", "All"), which
    a run of capitals would otherwise start after: "the ruling New Patriotic Party", "the
    All Progressives Congress"; and a body named with "US" before it, which is a title's
    word alone ("the US Geological Survey")."""
    words = span.words
    state = words[i] in ("US", "U.S.")
    if (
        (words[i].casefold() not in _OPENING_ADJECTIVES and not state)
        or closes(words[i])
        or i + 1 >= len(words)
        or (i > 0 and name_like(span, i - 1) and not closes(words[i - 1]))
    ):
        return None
    k = i + 1
    while k < len(words) and name_like(span, k):
        k += 1
        if closes(words[k - 1]) or _possessive(words[k - 1]):
            break
    head = bare_word(words[k - 1]).casefold()
    if k == i + 1 or head not in (ORGANISATION_EVIDENCE if state else _PARTY_HEADS):
        return None
    name = span.phrase(i, k)
    if re.match(r"[^\S\n]*\([A-Z]", span.text[span.offsets[i] + len(name) :]):
        return None  # "New Popular Front (NFP)": named by the abbreviation, as before
    rest = [bare_word(w) for w in words[i + 1 : k]]
    if state and (state_body(rest) or any(w.casefold() in OUTLET_WORDS for w in rest)):
        return None  # "the US State Department", "US News": the state's own, an outlet
    if registry.actor(name) is not None or registry.is_outlet(name):
        return None
    start = span.offsets[i]
    proposed = _US_BODY.sub("United States ", name)
    match = ActorMatch(
        None, name, start, start + len(name), proposed_name=proposed, proposed_kind=ORGANISATION
    )
    return match, k - i


_INITIALS = re.compile(r"[A-Z]\.?|[A-Z]\.[A-Z]\.?")


def _initial_and_surname(span, i, registry) -> tuple[ActorMatch, int] | None:
    """A person named by an initial and a surname, where a title, a person's noun or a
    verb of speech says it is a person: "chairman S. Somanath said", "Minister K Annamalai
    said" — proposed with the initial's full stop ("S. Somanath")."""
    words, offsets, text = span.words, span.offsets, span.text
    if (
        i + 1 >= len(words)
        or not _INITIALS.fullmatch(words[i])
        or words[i] in ("A", "I", "A.")
        or not name_like(span, i + 1)
        or not bare_word(words[i + 1]).istitle()
        or (i + 2 < len(words) and not closes(words[i + 1]) and name_like(span, i + 2))
        or registry.actor(bare_word(words[i + 1])) is not None
    ):
        return None
    surname = bare_word(words[i + 1])
    end = offsets[i + 1] + len(surname)
    if not (
        title_context(text, offsets[i])
        or _person_noun_before(text, offsets[i])
        or speech_follows(text, end, ACTION_VERBS)
    ):
        return None
    initial = words[i] if words[i].endswith(".") else words[i] + "."
    name = f"{initial} {surname}"
    match = ActorMatch(
        None, text[offsets[i] : end], offsets[i], end, proposed_name=name, proposed_kind=PERSON
    )
    return match, 2


def _role_before_name(span, i) -> bool:
    """Whether word ``i`` is a job, rank or standing written capitalised before a person's
    name of two words or more: "Administrator Bill Nelson", "Rookie Cooper DeJean",
    "Managing Director Kristalina Georgieva" — not a body's first word ("Forward Party",
    "Center for Strategic and International Studies")."""
    words = span.words
    word = bare_word(words[i])
    if word.casefold() not in ROLE_NOUNS or word.isupper() or closes(words[i]):
        return False
    if _possessive(words[i]):
        return False
    k = i + 1
    while k < len(words) and (name_like(span, k) or is_particle(words[k])):
        k += 1
        if closes(words[k - 1]) or _possessive(words[k - 1]):
            break
    candidate = [bare_word(w) for w in words[i + 1 : k]]
    return (
        len(candidate) >= 2
        and person_shaped(candidate)
        and not is_particle(candidate[0])  # "Marine Le Pen": a given name, then the surname
        and not _organisation_evidence(candidate[-1])
        and candidate[-1].casefold() not in PLACE_NOUNS
    )


def _person_noun_before(text: str, start: int) -> bool:
    """ "billionaire Elon Musk", "podcaster Lex Fridman", "fugitive businessman Ilan Shor",
    "Defender Elena Sorvino", "rookie Cooper DeJean"."""
    before = text[max(0, start - 30) : start].split()
    return bool(before) and before[-1].casefold() in ROLE_NOUNS


def _cue_follows(text: str, end: int) -> bool:
    following = text[end : end + 20].split()
    return bool(following) and following[0].strip(".,;:").casefold() in ORGANISATION_CUES


def _surname_recurs(text: str, surname: str, end: int) -> bool:
    """ "… Olaf Scholz spoke with Putin. Scholz urged …": people are named again by their
    surname, organisations are not by their last word."""
    return bool(re.search(rf"(?<![\w’'-]){re.escape(surname)}(?![\w-])", text[end:]))


def _apposition_follows(text: str, end: int) -> bool:
    """ "Alexei Smirnov, the acting governor of …", "Serhiy Lysak, head of …"."""
    following = re.match(r"\s*,\s*((?:\S+\s+){0,5}\S+)", text[end : end + 80])
    if not following:
        return False
    first = following.group(1).split()[0]
    if (
        first[:1].isupper()
        and not first.endswith(("’s", "'s"))
        and first.rstrip(",.").casefold() not in TITLE_WORDS | PERSON_NOUNS
    ):
        return False  # "at the Grand Palais, Vance said": a new clause, no apposition
    words = []
    for raw in following.group(1).split():
        word = raw.strip(",.’'").casefold()
        if word in _CLAUSE_WORDS:
            break  # "Velyka Novosilka, a village whose head …": the noun is not the name's
        words.append(word[:-2] if word.endswith("'s") else word)
        if raw[-1:] in ",.;:":
            break
    return any(w in (TITLE_WORDS | PERSON_NOUNS) - {"us", "uk", "eu", "nato", "un"} for w in words)


def _place_apposition(text: str, end: int) -> bool:
    """ "Velyka Novosilka, a village in Donetsk Oblast": a place noun in apposition."""
    following = re.match(r"\s*,\s*(?:the|a|an)\s+((?:[\w-]+\s+){0,2}[\w-]+)", text[end : end + 60])
    if not following:
        return False
    words = []
    for word in following.group(1).casefold().split():
        if word in _CLAUSE_WORDS:
            break
        words.append(word)
    places = PLACE_NOUNS | {"capital", "settlement", "hamlet"}
    return (
        bool(words)
        and any(w.removesuffix("s") in places for w in words)
        and not any(w in PERSON_NOUNS for w in words)  # "a village head" is a person
    )


_CLAUSE_WORDS = {"whose", "which", "where", "that", "who", "whom", "when", "while", "and", "or"}


# A finite verb after a name in a subject's place: "Noah Lyles came through his heat",
# "Curtis Sliwa again rejected calls", "Mikel Oyarzabal stretches to touch it". Not forms of
# "to be" ("Velyka Novosilka was captured" is as often a place), and a present "-s" only
# before a function word ("Sliwa supporters gathered": a noun).
_IRREGULAR_PAST = {
    "came", "went", "took", "made", "gave", "won", "lost", "ran", "left", "beat", "led",
    "held", "kept", "got", "saw", "spent", "sent", "put", "brought", "thought", "fought",
    "struck", "stood", "sat", "threw", "became", "began", "broke", "chose", "drew", "drove",
    "fell", "felt", "flew", "found", "grew", "heard", "hit", "knew", "paid", "quit", "rode",
    "rose", "sang", "shook", "shot", "shut", "sold", "spoke", "stole", "swore", "swept",
    "taught", "tore", "understood", "woke", "wore", "withdrew", "overtook", "forgave", "bought",
    "caught", "dealt", "meant", "set", "slid", "sought", "wrote", "told", "said", "met", "cut",
    "has", "had", "will", "would", "could", "can", "may", "might", "must", "should", "did",
    "does", "cannot", "won't", "didn't", "doesn't", "hasn't", "wasn't",
}  # fmt: skip
_SUBJECT_ADVERBS = {
    "again", "also", "then", "later", "still", "now", "once", "never", "already", "first",
    "twice", "himself", "herself", "too", "soon", "since", "ultimately",
}  # fmt: skip
_FUNCTION_WORDS = {
    "the", "a", "an", "to", "in", "on", "at", "for", "with", "his", "her", "their", "its",
    "into", "from", "by", "that", "it", "him", "them", "up", "out", "off", "back", "down",
    "over", "past", "through", "across", "around", "after", "before", "as", "this", "home",
    "more", "less", "no", "about", "nearly", "almost", "several", "some", "all",
}  # fmt: skip
_WORDS_AFTER = re.compile(r"[^\S\n]*((?:[a-z’'-]+[^\S\n]+){0,3}[a-z’'-]+)")
# A word joined from two capitalised ones, as companies and projects name themselves
# ("NetBlocks", "BlackRock", "OpenAI") — not a surname's prefix ("McCaul", "MacArthur",
# "DeSantis", "VanDyke").
_CAMEL = re.compile(
    r"(?!(?:Mac|Van|Von|Del|Della|Des|Der|Den|Ter|Ten|Fitz)[A-Z])[A-Z][a-z]{2,}[A-Z]\w*"
)
# What only an organisation has, after its possessive: "Heathrow's chief executive",
# "NetChoice's members", "the lender's shareholders".
_CORPORATE_AFTER = re.compile(
    r"[’']s[^\S\n]+(?:(?:new|former|interim|acting)[^\S\n]+)?(?:chief[^\S\n]+executive|"
    r"chief[^\S\n]+operating[^\S\n]+officer|chief[^\S\n]+financial[^\S\n]+officer|"
    r"CEO|CFO|chairman|chairwoman|chairperson|board|shareholders|employees|workforce|"
    r"members|subsidiary|subsidiaries|shares|share[^\S\n]+price|founder|co-founder)\b"
)
# "Airbnb shares fell 9%", "Zalando stock jumped": a listed company's
_SHARES_AFTER = re.compile(
    r"[^\S\n]+(?:shares|stock|share[^\S\n]+price)[^\S\n]+(?:fell|rose|jumped|slumped|"
    r"dropped|climbed|gained|lost|surged|plunged|tumbled|soared|sank|slid|rallied|closed|"
    r"opened|ended|traded|were|are|have|had)\b"
)
# "shares of Zalando", "shares in Ocado": a listed company's name follows
_SHARES_BEFORE = re.compile(r"\b(?i:shares|stock)[^\S\n]+(?:of|in)[^\S\n]+$")
_IN_CLAUSE = re.compile(r"[a-z,][^\S\n]+the[^\S\n]+$")


@functools.cache
def _cities() -> frozenset[str]:
    """Cities by name, from the time-zone database and the zone tables: "Madrid", "Munich"."""
    import zoneinfo

    from .zones import CITY_ZONES

    names = {
        zone.rsplit("/", 1)[-1].replace("_", " ").casefold()
        for zone in zoneinfo.available_timezones()
        if zone.startswith(("Europe/", "America/", "Asia/", "Africa/", "Australia/"))
    }
    return frozenset({n for n in names if len(n) > 3} | set(CITY_ZONES))


def _named_for_a_city(candidate: list[str]) -> bool:
    """ "Real Madrid", "Bayern Munich", "Sporting Lisbon", "Inter Miami": a club or a company
    named for its city ends with it; a person's name does not."""
    return 2 <= len(candidate) <= 3 and candidate[-1].casefold() in _cities()


_GROUP_PLURALS = ("cans", "crats", "ists", "ives", "ites", "tories")
_SUBJECT_BEFORE = {
    "and", "but", "while", "as", "when", "after", "before", "because", "so", "where",
    "how", "why",  # "How Olaf Scholz came to …": a headline's question
}  # fmt: skip


def _subject_of_verb(span, i, end) -> bool:
    """Whether the name at word ``i`` (ending at ``end``) is the subject of a finite verb."""
    text = span.text
    folded = text[span.offsets[i] : end].casefold().split()
    if folded[0] in PERSON_NOUNS | TITLE_WORDS:
        return False  # "Billionaire Petro Marchuk bought": the name starts after the noun
    if any(w in GOVERNMENT_WORDS for w in folded) or folded[-1].endswith(_GROUP_PLURALS):
        return False  # "Senate Republicans chose …": a body, a party's members
    before = text[max(0, span.offsets[i] - 12) : span.offsets[i]].split()
    if not (span.at_sentence_start(i) or (before and before[-1].casefold() in _SUBJECT_BEFORE)):
        return False
    following = _WORDS_AFTER.match(text, end)
    if not following:
        return False
    words = following.group(1).split()
    k = 0
    while k < len(words) - 1 and (words[k] in _SUBJECT_ADVERBS or words[k].endswith("ly")):
        k += 1
    verb, after = words[k], words[k + 1] if k + 1 < len(words) else ""
    if verb in _IRREGULAR_PAST or (len(verb) > 4 and verb.endswith("ed")):
        return True
    return (
        len(verb) > 3
        and verb.endswith("s")
        and not verb.endswith("ss")
        and after in (_FUNCTION_WORDS)
    )


# "the Committee to Protect Journalists", "the Campaign to Stop Killer Robots"
_ORGANISATION_TO = re.compile(r"\b([A-Z][a-z]+)[^\S\n]+to[^\S\n]+(?:[A-Z][a-z]+[^\S\n]+)?$")


_COMPASS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "upper", "lower", "north-east", "north-west", "south-east", "south-west",
    "northeast", "northwest", "southeast", "southwest", "greater", "inner", "outer",
}  # fmt: skip


def part_of_a_country(span, i, registry) -> bool:
    """Whether words ``i`` and ``i + 1`` are a compass word and a state's or a region's
    name, and nothing more: "Western Australia", "Northern Ireland", "Southern Africa" — a
    place, not the state."""
    words = span.words
    if (
        i + 1 >= len(words)
        or closes(words[i])
        or (i + 2 < len(words) and not closes(words[i + 1]) and name_like(span, i + 2))
    ):
        return False
    first, second = (bare_word(w) for w in span.words[i : i + 2])
    if first.casefold() not in _COMPASS:
        return False
    if registry.actor(f"{first} {second}") is not None:
        return False  # "South Sudan", "North Korea": a state's own name
    entry = registry.actor(second)
    return (entry is not None and entry.kind == "state") or second.casefold() in REGIONS


def _owns_a_thing(span, i, j) -> bool:
    """Whether words ``i``–``j`` are a person-shaped name in the possessive before a common
    noun: "Deborah Smith's translation" — not "St Peter's Square" (a place's name)."""
    words = span.words
    if not _possessive(words[j - 1]) or words[i].rstrip(".") in ("St", "Saint", "San", "Santa"):
        return False
    if not person_shaped([bare_word(w) for w in words[i:j]]):
        return False
    following = span.text[span.offsets[j - 1] + len(words[j - 1]) :].split()[:1]
    return (
        bool(following)
        and following[0][:1].islower()
        and following[0].strip(".,;:") not in PLACE_NOUNS
    )


_PRONOUN_PURPOSE = re.compile(r"[^\S\n]+to[^\S\n]+[a-z]+[^\S\n]+(?:him|her)\b")


# Jobs held at a club or a company, between its name and the holder's: "Manchester United
# manager Ruben Amorim", "Cleveland Browns quarterback Deshaun Watson", "Acme Corp chairman
# Ana Ruiz" (not a person's aide, ally or spokesman: "Joe Biden aide Jake Sullivan").
_EMPLOYER_OF = re.compile(
    r"[^\S\n]+(?:manager|head[^\S\n]+coach|coach|striker|midfielder|defender|goalkeeper|"
    r"keeper|winger|forward|playmaker|quarterback|pitcher|captain|ceo|boss|chairman|"
    r"chairwoman|chief[^\S\n]+executive|owner)[^\S\n]+[A-Z]"
)


_SAINTED = re.compile(r"St\.?|Saint|Sainte|San|São|Sao|Sankt")


def _heuristic_person(span, i, registry, strong_only=False) -> tuple[ActorMatch, int] | None:
    """Without the model's word: a person-shaped name introduced by a title ("Italian
    Prime Minister Giorgia Meloni"), followed by a speech verb ("…, Oleksandr Merezhko
    said") or by a title in apposition ("Alexei Smirnov, the acting governor"), or — the
    weaker cues, not ``strong_only`` — whose given name is a known person's or whose
    surname comes again."""
    words, offsets, text = span.words, span.offsets, span.text
    before = _ORGANISATION_TO.search(text, max(0, offsets[i] - 30), offsets[i])
    if before and (_organisation_evidence(before.group(1)) or before.group(1) == "Campaign"):
        return None  # "the Committee to Protect Journalists": the rest of a body's name
    for length in (5, 4, 3, 2):
        if i + length > len(words):
            continue
        if (
            i + length < len(words)
            and name_like(span, i + length)
            and not _possessive(words[i + length - 1])
        ):
            continue  # part of a longer name: "National Anti-Terrorism Committee"
        candidate = [bare_word(w) for w in words[i : i + length]]
        if (
            not person_shaped(candidate)
            or _SAINTED.fullmatch(candidate[0])
            or _named_for_a_city(candidate)
            or candidate[-1].casefold() in PLACE_NOUNS
            or _organisation_evidence(candidate[-1])  # "the Caribbean Community"
        ):
            continue
        name = span.phrase(i, i + length)
        end = offsets[i] + len(name)
        if _EMPLOYER_OF.match(text, end):
            continue  # "Manchester United manager Ruben Amorim": the employer's name
        if (
            title_context(text, offsets[i])
            or _person_noun_before(text, offsets[i])
            or speech_follows(text, end, ACTION_VERBS)
            or _acts_after_aside(text, end)  # "Yoon Suk Yeol, in a televised address, says"
            or _subject_of_verb(span, i, end)  # "Noah Lyles came through his semi-final"
            or _BECOMES_TITLE.match(text, end)  # "while Takeshi Iwaya becomes foreign minister"
            or _apposition_follows(text, end)
            # "called Keir Starmer to congratulate him": what is done to the name is done
            # to a him or a her
            or _PRONOUN_PURPOSE.match(text, end)
            or (
                not strong_only
                and (
                    fold(candidate[0]) in registry.given_names()
                    or _surname_recurs(text, candidate[-1], end)
                )
            )
        ):
            return ActorMatch(None, name, offsets[i], end, proposed_name=name), length
    return None
