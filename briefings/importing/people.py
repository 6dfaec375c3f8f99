"""What makes an unknown name a person's without the named-entity model: a title of
address ("Pope Francis"), an initial and a surname, a job written before the name, a verb
of speech or an apposition after it, a surname that comes again (``heuristic_person``)."""

import re

from .names import (
    GOVERNMENT_WORDS,
    ORGANISATION_WORDS,
    PERSON,
    PERSON_NOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
    ActorMatch,
    fold,
    is_acronym,
    is_particle,
)
from .organisations import (
    ORGANISATION_EVIDENCE,
    named_for_a_city,
    organisation_evidence,
)
from .sentences import (
    ACTION_VERBS,
    Span,
    bare_word,
    person_shaped,
    speech_follows,
    title_context,
)
from .surroundings import (
    CLAUSE_WORDS,
    PLACE_NOUNS,
    REGNAL,
    acts_after_aside,
    closes,
    name_like,
    possessive,
    subject_of_verb,
)

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


_PERSON_BEFORE_COMMA = re.compile(
    r"\b(?:a|an|the|his|her|their|its)[^\S\n]+(?:[\w-]+[^\S\n]+){0,3}"
    rf"(?:woman|man|girl|boy|child|teenager|{'|'.join(sorted(PERSON_NOUNS))}),[^\S\n]+$"
)


_INITIALS = re.compile(r"[A-Z]\.?|[A-Z]\.[A-Z]\.?")


def initial_and_surname(span, i, registry) -> tuple[ActorMatch, int] | None:
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


def role_before_name(span, i) -> bool:
    """Whether word ``i`` is a job, rank or standing written capitalised before a person's
    name of two words or more: "Administrator Bill Nelson", "Rookie Cooper DeJean",
    "Managing Director Kristalina Georgieva" — not a body's first word ("Forward Party",
    "Center for Strategic and International Studies")."""
    words = span.words
    word = bare_word(words[i])
    if word.casefold() not in ROLE_NOUNS or word.isupper() or closes(words[i]):
        return False
    if possessive(words[i]):
        return False
    k = i + 1
    while k < len(words) and (name_like(span, k) or is_particle(words[k])):
        k += 1
        if closes(words[k - 1]) or possessive(words[k - 1]):
            break
    candidate = [bare_word(w) for w in words[i + 1 : k]]
    return (
        len(candidate) >= 2
        and person_shaped(candidate)
        and not is_particle(candidate[0])  # "Marine Le Pen": a given name, then the surname
        and not organisation_evidence(candidate[-1])
        and candidate[-1].casefold() not in PLACE_NOUNS
    )


def _person_noun_before(text: str, start: int) -> bool:
    """ "billionaire Elon Musk", "podcaster Lex Fridman", "fugitive businessman Ilan Shor",
    "Defender Elena Sorvino", "rookie Cooper DeJean"."""
    before = text[max(0, start - 30) : start].split()
    return bool(before) and before[-1].casefold() in ROLE_NOUNS


_BECOMES_TITLE = re.compile(
    r"[^\S\n]+(?:becomes|became|will[^\S\n]+become|is[^\S\n]+named|was[^\S\n]+named|"
    r"was[^\S\n]+appointed|is[^\S\n]+appointed|was[^\S\n]+sworn[^\S\n]+in[^\S\n]+as)"
    r"[^\S\n]+(?:the[^\S\n]+|a[^\S\n]+|an[^\S\n]+)?(?:new[^\S\n]+|acting[^\S\n]+)?"
    rf"(?i:{'|'.join(sorted(w for w in TITLE_WORDS if w.isalpha()))})\b"
)


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
        if word in CLAUSE_WORDS:
            break  # "Velyka Novosilka, a village whose head …": the noun is not the name's
        words.append(word[:-2] if word.endswith("'s") else word)
        if raw[-1:] in ",.;:":
            break
    return any(w in (TITLE_WORDS | PERSON_NOUNS) - {"us", "uk", "eu", "nato", "un"} for w in words)


_PRONOUN_PURPOSE = re.compile(r"[^\S\n]+to[^\S\n]+[a-z]+[^\S\n]+(?:him|her)\b")


def owns_a_thing(span, i, j) -> bool:
    """Whether words ``i``–``j`` are a person-shaped name in the possessive before a common
    noun: "Deborah Smith's translation" — not "St Peter's Square" (a place's name)."""
    words = span.words
    if not possessive(words[j - 1]) or words[i].rstrip(".") in ("St", "Saint", "San", "Santa"):
        return False
    if not person_shaped([bare_word(w) for w in words[i:j]]):
        return False
    following = span.text[span.offsets[j - 1] + len(words[j - 1]) :].split()[:1]
    return (
        bool(following)
        and following[0][:1].islower()
        and following[0].strip(".,;:") not in PLACE_NOUNS
    )


# Jobs held at a club or a company, between its name and the holder's: "Manchester United
# manager Ruben Amorim", "Cleveland Browns quarterback Deshaun Watson", "Acme Corp chairman
# Ana Ruiz" (not a person's aide, ally or spokesman: "Joe Biden aide Jake Sullivan").
EMPLOYER_OF = re.compile(
    r"[^\S\n]+(?:manager|head[^\S\n]+coach|coach|striker|midfielder|defender|goalkeeper|"
    r"keeper|winger|forward|playmaker|quarterback|pitcher|captain|ceo|boss|chairman|"
    r"chairwoman|chief[^\S\n]+executive|owner)[^\S\n]+[A-Z]"
)


SAINTED = re.compile(r"St\.?|Saint|Sainte|San|São|Sao|Sankt")


# "the Committee to Protect Journalists", "the Campaign to Stop Killer Robots"
_ORGANISATION_TO = re.compile(r"\b([A-Z][a-z]+)[^\S\n]+to[^\S\n]+(?:[A-Z][a-z]+[^\S\n]+)?$")


def heuristic_person(span, i, registry, strong_only=False) -> tuple[ActorMatch, int] | None:
    """Without the model's word: a person-shaped name introduced by a title ("Italian
    Prime Minister Giorgia Meloni"), followed by a speech verb ("…, Oleksandr Merezhko
    said") or by a title in apposition ("Alexei Smirnov, the acting governor"), or — the
    weaker cues, not ``strong_only`` — whose given name is a known person's or whose
    surname comes again."""
    words, offsets, text = span.words, span.offsets, span.text
    before = _ORGANISATION_TO.search(text, max(0, offsets[i] - 30), offsets[i])
    if before and (organisation_evidence(before.group(1)) or before.group(1) == "Campaign"):
        return None  # "the Committee to Protect Journalists": the rest of a body's name
    for length in (5, 4, 3, 2):
        if i + length > len(words):
            continue
        if (
            i + length < len(words)
            and name_like(span, i + length)
            and not possessive(words[i + length - 1])
        ):
            continue  # part of a longer name: "National Anti-Terrorism Committee"
        candidate = [bare_word(w) for w in words[i : i + length]]
        if (
            not person_shaped(candidate)
            or SAINTED.fullmatch(candidate[0])
            or named_for_a_city(candidate)
            or candidate[-1].casefold() in PLACE_NOUNS
            or organisation_evidence(candidate[-1])  # "the Caribbean Community"
        ):
            continue
        name = span.phrase(i, i + length)
        end = offsets[i] + len(name)
        if EMPLOYER_OF.match(text, end):
            continue  # "Manchester United manager Ruben Amorim": the employer's name
        if (
            title_context(text, offsets[i])
            or _person_noun_before(text, offsets[i])
            or speech_follows(text, end, ACTION_VERBS)
            or acts_after_aside(text, end)  # "Yoon Suk Yeol, in a televised address, says"
            or subject_of_verb(span, i, end)  # "Noah Lyles came through his semi-final"
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


def person_by_address(span: Span, i: int, run: int) -> tuple[ActorMatch, int] | None:
    """ "Pope Francis", "President Xi", "King Felipe VI": one name after a title of address,
    with its regnal number if it has one."""
    words, offsets, text = span.words, span.offsets, span.text
    regnal = (
        run <= 2
        and i + 1 < len(words)
        and not closes(words[i])
        and REGNAL.fullmatch(bare_word(words[i + 1])) is not None
    )
    if not (
        (run < 2 or regnal)
        and not is_acronym(bare_word(words[i]))
        and _address_before(text, offsets[i])
    ):
        return None
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


def person_in_apposition(span: Span, i: int, run: int) -> tuple[ActorMatch, int] | None:
    """ "a 35-year-old woman, Revathi, died": one name in apposition to a person noun."""
    offsets, text = span.offsets, span.text
    word = bare_word(span.words[i])
    single_end = offsets[i] + len(word)
    if (
        run < 2
        and not is_acronym(word)
        and _PERSON_BEFORE_COMMA.search(text, max(0, offsets[i] - 60), offsets[i])
        and text[single_end : single_end + 1] == ","
    ):
        return ActorMatch(
            None, word, offsets[i], single_end, proposed_name=word, proposed_kind=PERSON
        ), 1
    return None
