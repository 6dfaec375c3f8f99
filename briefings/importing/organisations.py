"""What makes an unknown name an organisation's: the head nouns of organisations' names,
the nouns and cues that introduce one ("energy company DTEK", "the Wagner group"), a
listed company's words, a state's own bodies (which are not proposed), parties whose names
open with a word of grammar, and clubs named for their city."""

import functools
import re

from .names import (
    GOVERNMENT_FIRST,
    GOVERNMENT_WORDS,
    ORGANISATION,
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    ActorMatch,
    Registry,
    is_acronym,
)
from .sentences import (
    Span,
    bare_word,
    title_context,
)
from .surroundings import (
    IN_CLAUSE,
    PLACE_NOUNS,
    closes,
    name_like,
    possessive,
    subject_of_verb,
)

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


def organisation_evidence(word: str) -> bool:
    """ "Networks", "Holdings", "Corps": an organisation's head noun, singular or plural."""
    folded = word.casefold()
    return folded in ORGANISATION_EVIDENCE or folded.removesuffix("s") in ORGANISATION_EVIDENCE


def _organisation_noun(word: str) -> bool:
    folded = word.casefold()
    return folded in ORGANISATION_NOUNS or (
        folded.endswith("s")
        and (
            folded[:-1] in ORGANISATION_NOUNS
            or folded.removesuffix("ies") + "y" in ORGANISATION_NOUNS
        )
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


# A plural noun, then the names of a list before this one: "producers Gazprom Neft and …".
_LIST_BEFORE = re.compile(
    r"(?<![\w-])([a-z]+s)[ \t]+(?:[A-Z][\w’'.&-]*(?:[ \t]+[A-Z][\w’'.&-]*){0,3}"
    r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+))+$"
)


def introduced_as_organisation(text: str, start: int) -> bool:
    """Whether an organisation's noun introduces the name at ``start``: "the party,
    Pakistan Tehreek-e-Insaf", "the militia, the Fano", "energy company DTEK"."""
    return _organisation_noun_before(text, start)


def cue_follows(text: str, end: int) -> bool:
    following = text[end : end + 20].split()
    return bool(following) and following[0].strip(".,;:").casefold() in ORGANISATION_CUES


def _group_follows(text: str, end: int) -> bool:
    following = text[end : end + 24].split()
    before = text[max(0, end - 20) : end].split()
    if before and _NATIONALITY.fullmatch(before[-1].casefold()):
        return False  # "the Japanese organisation Nihon Hidankyo": whose, not which
    return bool(following) and following[0].strip(".,;:").casefold() in GROUP_CUES


_OTHER_KIND = re.compile(r"[^\S\n]+(?:and|or)[^\S\n]+other[^\S\n]+([a-z]+)")


def _class_follows(text: str, end: int) -> bool:
    """ "Rosselkhozbank and other banks", "Lukoil or other companies": the class a name
    belongs to, named after it."""
    following = _OTHER_KIND.match(text, end)
    return bool(following) and (
        following.group(1).removesuffix("s").removesuffix("ie") in ORGANISATION_NOUNS
        or following.group(1) in {"companies", "groups", "banks", "firms", "militias"}
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


MEMBER_OF = re.compile(
    r"\b(?:founder|co-founder|founders|leader|leaders|member|members|chairman|chairwoman|"
    r"chair|head|spokesman|spokeswoman|spokesperson|"
    # the party's people in office: "the other ministers of Otzma Yehudit"
    r"ministers|lawmakers|legislators|MPs|deputies|candidates|activists|"
    r"supporters|militants|fighters)\s+(?:of|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


ARMED_GROUP_AFTER = re.compile(
    r"[^\S\n]+(?:militia|militias|rebels|insurgents|militants|fighters|guerrillas|paramilitaries|"
    r"paramilitary)\b"
)


# A word joined from two capitalised ones, as companies and projects name themselves
# ("NetBlocks", "BlackRock", "OpenAI") — not a surname's prefix ("McCaul", "MacArthur",
# "DeSantis", "VanDyke").
CAMEL = re.compile(
    r"(?!(?:Mac|Van|Von|Del|Della|Des|Der|Den|Ter|Ten|Fitz)[A-Z])[A-Z][a-z]{2,}[A-Z]\w*"
)


# What only an organisation has, after its possessive: "Heathrow's chief executive",
# "NetChoice's members", "the lender's shareholders".
CORPORATE_AFTER = re.compile(
    r"[’']s[^\S\n]+(?:(?:new|former|interim|acting)[^\S\n]+)?(?:chief[^\S\n]+executive|"
    r"chief[^\S\n]+operating[^\S\n]+officer|chief[^\S\n]+financial[^\S\n]+officer|"
    r"CEO|CFO|chairman|chairwoman|chairperson|board|shareholders|employees|workforce|"
    r"members|subsidiary|subsidiaries|shares|share[^\S\n]+price|founder|co-founder)\b"
)


# "Airbnb shares fell 9%", "Zalando stock jumped": a listed company's
SHARES_AFTER = re.compile(
    r"[^\S\n]+(?:shares|stock|share[^\S\n]+price)[^\S\n]+(?:fell|rose|jumped|slumped|"
    r"dropped|climbed|gained|lost|surged|plunged|tumbled|soared|sank|slid|rallied|closed|"
    r"opened|ended|traded|were|are|have|had)\b"
)


# "shares of Zalando", "shares in Ocado": a listed company's name follows
SHARES_BEFORE = re.compile(r"\b(?i:shares|stock)[^\S\n]+(?:of|in)[^\S\n]+$")


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


def organisation_by_name(span, i, run) -> tuple[int, int, str] | None:
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


# Words of grammar that open parties' names: "New Patriotic Party", "All Progressives
# Congress", "Our Ukraine", "New Democracy".
_OPENING_ADJECTIVES = {"new", "all", "our", "free", "united", "one"}


_PARTY_HEADS = {
    "party", "congress", "front", "alliance", "movement", "coalition", "league", "bloc",
    "democracy", "union",
}  # fmt: skip


def adjective_opens_party(span, i, registry) -> tuple[ActorMatch, int] | None:
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
        if closes(words[k - 1]) or possessive(words[k - 1]):
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


def named_for_a_city(candidate: list[str]) -> bool:
    """ "Real Madrid", "Bayern Munich", "Sporting Lisbon", "Inter Miami": a club or a company
    named for its city ends with it; a person's name does not."""
    return 2 <= len(candidate) <= 3 and candidate[-1].casefold() in _cities()


def organisation_cues(span: Span, i: int, run: int) -> bool:
    """Whether an organisation's noun introduces the ``run`` words at word ``i``: before
    them ("oil producer Lukoil", "grid operator Elering"), as the class after one word
    ("Rosselkhozbank and other banks"), in apposition ("Nord Grid, the country's grid
    operator") or as a group's noun after them ("the Students Against … movement", "G9
    gang")."""
    words, offsets, text = span.words, span.offsets, span.text
    single_end = offsets[i] + len(bare_word(words[i]))
    run_end = offsets[i + run - 1] + len(bare_word(words[i + run - 1]))
    return (
        _organisation_noun_before(text, offsets[i])  # "oil producer Gazprom Neft"
        or (run < 2 and _class_follows(text, single_end))
        or _organisation_apposition(text, run_end)
        or _group_follows(text, run_end)  # "the Students Against … movement", "G9 gang"
    )


def names_an_organisation(
    span: Span,
    i: int,
    name: str,
    candidate: list[str],
    acts: bool,
    introduced: bool,
    armed_group: bool,
) -> bool:
    """Whether a name the model calls an organisation's is one the registry should hold:
    not an outlet, a state's own body, a heading or a word of a title."""
    text, start, length = span.text, span.offsets[i], len(candidate)
    if length == 1 and (not (is_acronym(name) or acts or introduced) or title_context(text, start)):
        return False  # "the Wagner group" is one; "in Bakhmut", "soldier Istoryk" are not
    if any(w.casefold() in OUTLET_WORDS for w in candidate):
        return False  # an outlet or a programme: "EA-Times Radio Special"
    if state_body(candidate) and not armed_group:
        return False  # "Interior Ministry", "Central Bank": a state's own body
    if not (
        is_acronym(name)
        or acts
        or introduced
        or any(organisation_evidence(w) for w in candidate)
        # inside a sentence's clause, where no heading stands: "built around the Janatha
        # Vimukthi Peramuna", "Mikel Oyarzabal stretches to …"
        or (length > 1 and IN_CLAUSE.search(text, max(0, start - 30), start))
        or (length > 1 and subject_of_verb(span, i, start + len(name)))
    ):
        return False  # a title or a heading: "Russian Offensive Campaign Assessment"
    # "Defence", "Security Council" said alone: not a name
    return not all(w.casefold() in ORGANISATION_WORDS for w in candidate)


def proposed_organisation_name(
    span: Span, i: int, registry: Registry, name: str, candidate: list[str]
) -> str:
    """The name to propose for an organisation: a federal body's with its state spelt out
    ("United States Geological Survey"), a national body's with its state's name ("Public
    Health Agency of Sweden")."""
    proposed = _US_BODY.sub("United States ", name)
    owner = _owning_state(span, i, registry)
    if owner and all(w.casefold() in _GENERIC_BODY_WORDS for w in candidate):
        proposed = f"{name} of {owner}"  # "Sweden's Public Health Agency"
    return proposed
