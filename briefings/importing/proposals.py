"""Unknown people and organisations worth proposing as new actors: the named-entity
step's labels, checked against the words around a name."""

import re

from .names import (
    NOT_NAMES,
    ORGANISATION,
    ORGANISATION_WORDS,
    PERSON,
    TITLE_WORDS,
    ActorMatch,
    fold,
    is_acronym,
    is_particle,
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
}  # fmt: skip
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
}  # fmt: skip
# After a name, these make it a place: "Warsaw Chopin airport".
PLACE_NOUNS = {
    "airport", "airfield", "station", "square", "street", "avenue", "river", "bridge", "region",
    "oblast", "district", "city", "town", "village", "province", "plant", "port", "base",
    "reservoir", "dam", "peninsula", "island", "strait", "sea", "front", "axis", "direction",
}  # fmt: skip
# Before a name, these make it a place: "near Velyka Novosilka", "in Pokrovsk".
PLACE_PREPOSITIONS = {"in", "near", "around", "towards", "toward", "outside", "into", "across"}
# Words after a one-word name that make it an organisation: "Wagner group", "Rybar channel".
ORGANISATION_CUES = {
    "group", "mercenaries", "fighters", "militants", "movement", "militia", "channel",
    "company", "party", "network", "battalion", "brigade", "unit", "chief", "leader",
    "founder", "boss", "commander", "spokesman", "spokeswoman", "spokesperson",
}  # fmt: skip
# Nouns that introduce an organisation's name: "energy company DTEK", "the group Hamas".
ORGANISATION_NOUNS = {
    "company", "firm", "group", "operator", "agency", "organisation", "organization",
    "watchdog", "giant", "producer", "maker", "manufacturer", "movement", "party", "channel",
    "network", "outfit", "militia", "body", "regulator", "utility", "provider", "contractor",
}  # fmt: skip
# Capitalised abbreviations that are not organisations.
NOT_ORGANISATIONS = {
    "GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "MSK", "EST", "EDT", "PST", "PDT", "CST",
    "ET", "PT", "AM", "PM", "UPDATE", "BREAKING", "LIVE", "NEW", "WATCH", "READ", "MORE", "TV",
    "ID", "OK", "CEO", "MP", "MPS", "UAV", "UAVS", "HIMARS", "ATACMS", "AI", "GDP", "HQ",
}  # fmt: skip


def name_like(span, i) -> bool:
    word = bare_word(span.words[i])
    folded = word.casefold()
    return (
        len(word) >= 2
        and word.replace("-", "").replace("’", "").replace("'", "").replace(".", "").isalpha()
        and folded not in NOT_NAMES | TITLE_WORDS
        and word.upper() not in NOT_ORGANISATIONS
    )


def proposal_at(span, i, registry, sentences) -> tuple[ActorMatch, int] | None:
    """An unknown person or organisation starting at word ``i``, or None."""
    words, offsets, text = span.words, span.offsets, span.text
    if not name_like(span, i) or sentences.in_credits(offsets[i]):
        return None
    # Which words a model would be asked about: two or more name-like words, or an
    # abbreviation, or one word that acts ("Rybar said", "the Wagner group").
    run = 1
    while i + run < len(words) and (name_like(span, i + run) or is_particle(words[i + run])):
        run += 1
    word = bare_word(words[i])
    single_end = offsets[i] + len(word)
    acts = speech_follows(text, single_end, ACTION_VERBS) or _cue_follows(text, single_end)
    if run < 2 and not is_acronym(word) and not acts:
        return None
    if run < 2 and span.at_sentence_start(i) and not is_acronym(word):
        return None  # "Officials said": a capitalised word, not a name
    if run >= 2:
        # What the words around a name settle, the model is not asked about: it is the
        # slow step (see entities.py).
        run_end = offsets[i + run - 1] + len(bare_word(words[i + run - 1]))
        if _place_context(text, offsets[i], sentences) or _place_noun_follows(text, run_end):
            return None
        settled = _heuristic_person(span, i, registry, strong_only=True)
        if settled:
            return settled
    entity = sentences.entity_at(offsets[i])
    if entity is None and run >= 2:
        # The small model often leaves the given name out: "Dmitry [Peskov]".
        following = sentences.entity_at(offsets[i + 1])
        if following and following[2] == "PERSON":
            entity = (offsets[i], following[1], "PERSON")
    if entity is None and is_acronym(word) and _organisation_noun_before(text, offsets[i]):
        entity = (offsets[i], single_end, "ORG")  # "energy company DTEK"
    if entity is None:
        return _heuristic_person(span, i, registry)
    start, end, label = entity
    if label in NOT_ACTORS:
        return None
    if any(
        start <= offsets[k]
        and name_like(span, k)
        and not words[k].endswith(("’s", "'s"))  # "Russia's National Security Council"
        and registry.actor(bare_word(words[k])) is None
        for k in range(i)
    ):
        return None  # the tail of a longer name: "War" of "Institute for the Study of War"
    inside = [k for k in range(i, len(words)) if offsets[k] < end]
    while inside and is_connector(words[inside[-1]]):
        inside.pop()
    if not inside:
        return None
    length = len(inside)
    name = span.phrase(i, i + length)
    if registry.is_outlet(name):
        return None
    candidate = [bare_word(w) for w in words[i : i + length]]
    if _place_context(text, offsets[i], sentences) or _place_noun_follows(text, end):
        return None  # "near Pokrovsk, Kurakhove, and Velyka Novosilka", "Chopin airport"
    if any(w.casefold() == "time" for w in candidate):
        return None  # "Greenwich Mean Time", "Eastern Time"
    if label == "ORG" and person_shaped(candidate):
        # The model's ORG for a person-shaped name ("Olena Zelenska") is often wrong; the
        # words around it decide.
        return _heuristic_person(span, i, registry)
    if label == "PERSON":
        if not person_shaped(candidate):
            return _heuristic_person(span, i, registry)
        kind = PERSON
    elif label == "ORG":
        if length == 1 and (not (is_acronym(name) or acts) or title_context(text, offsets[i])):
            return None  # "the Wagner group" is one; "in Bakhmut", "soldier Istoryk" are not
        if any(w.casefold() in OUTLET_WORDS for w in candidate):
            return None  # an outlet or a programme: "EA-Times Radio Special"
        if not (is_acronym(name) or acts) and not any(
            w.casefold() in ORGANISATION_EVIDENCE for w in candidate
        ):
            return None  # a title or a heading: "Russian Offensive Campaign Assessment"
        if all(w.casefold() in ORGANISATION_WORDS for w in candidate):
            return None  # "Defence", "Security Council" said alone: not a name
        kind = ORGANISATION
    else:
        return None
    return ActorMatch(
        None, name, offsets[i], offsets[i] + len(name), proposed_name=name, proposed_kind=kind
    ), length


_PLACE_LIST = re.compile(
    rf"\b(?:{'|'.join(sorted(PLACE_PREPOSITIONS))})\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$"
)


def _place_context(text: str, start: int, sentences: "Sentences") -> bool:
    """Whether a place preposition governs the name, directly or through a list."""
    sentence_start = sentences.start_of(start)
    return bool(_PLACE_LIST.search(text, sentence_start, start))


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
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].casefold() in ORGANISATION_NOUNS


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
    return bool(following) and any(
        w.strip(",.’'s").casefold() in TITLE_WORDS - {"us", "uk", "eu", "nato", "un"}
        for w in following.group(1).split()
    )


def _heuristic_person(span, i, registry, strong_only=False) -> tuple[ActorMatch, int] | None:
    """Without the model's word: a person-shaped name introduced by a title ("Italian
    Prime Minister Giorgia Meloni"), followed by a speech verb ("…, Oleksandr Merezhko
    said") or by a title in apposition ("Alexei Smirnov, the acting governor"), or — the
    weaker cues, not ``strong_only`` — whose given name is a known person's or whose
    surname comes again."""
    words, offsets, text = span.words, span.offsets, span.text
    for length in (3, 2):
        if i + length > len(words):
            continue
        if i + length < len(words) and name_like(span, i + length):
            continue  # part of a longer name: "National Anti-Terrorism Committee"
        candidate = [bare_word(w) for w in words[i : i + length]]
        if not person_shaped(candidate):
            continue
        name = span.phrase(i, i + length)
        end = offsets[i] + len(name)
        if (
            title_context(text, offsets[i])
            or speech_follows(text, end, ACTION_VERBS)
            or _apposition_follows(text, end)
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
