"""Unknown people and organisations worth proposing as new actors: the named-entity
step's labels, checked against the words around a name.

``proposal_at`` is what the matcher asks about each capitalised word the registry does not
explain; it reads as its steps, in the order it takes them. The evidence it weighs lives
below it: surroundings.py (whether a word can be a name, and what the words around it say
it is instead: a place, an event, a byline, an outlet), organisations.py (what makes a
name an organisation's) and people.py (what makes it a person's without the model).
"""

from dataclasses import dataclass, field

from .names import (
    GOVERNMENT_WORDS,
    ORGANISATION,
    PERSON,
    ActorMatch,
    Registry,
    fold,
    is_acronym,
    is_particle,
)
from .organisations import (
    ARMED_GROUP_AFTER,
    CAMEL,
    CORPORATE_AFTER,
    MEMBER_OF,
    SHARES_AFTER,
    SHARES_BEFORE,
    adjective_opens_party,
    cue_follows,
    named_for_a_city,
    names_an_organisation,
    organisation_by_name,
    organisation_cues,
    organisation_evidence,
    proposed_organisation_name,
    state_body,
)
from .people import (
    EMPLOYER_OF,
    SAINTED,
    heuristic_person,
    initial_and_surname,
    owns_a_thing,
    person_by_address,
    person_in_apposition,
    role_before_name,
)
from .sentences import (
    ACTION_VERBS,
    Sentences,
    Span,
    bare_word,
    is_connector,
    person_shaped,
    speech_follows,
)
from .surroundings import (
    EVENT_HEADS,
    IN_CLAUSE,
    LOCATIVE_BEFORE,
    PLACE_NOUNS,
    REGIONS,
    VENUE_HEADS,
    acts_after_aside,
    cited_at,
    closes,
    in_place,
    name_like,
    place_apposition,
    place_noun_follows,
    possessive,
    ruled_out_by_surroundings,
    subject_of_verb,
)

# What the named-entity step's labels mean here. PERSON and ORG are proposed (ORG checked
# against the registry's outlets); places and nationalities never are.
NOT_ACTORS = {
    "GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
    "QUANTITY", "EVENT", "LANGUAGE", "LAW", "PRODUCT", "WORK_OF_ART",
}  # fmt: skip


# (start, end, label) of a name in the text, as Sentences.entity_at gives the model's.
Entity = tuple[int, int, str]
Proposal = tuple[ActorMatch, int]  # the proposed actor, and how many words it takes


@dataclass
class _Run:
    """The run of ``length`` name-like words that starts at word ``i``, with the offsets
    the steps measure from."""

    span: Span
    i: int
    length: int
    registry: Registry
    sentences: Sentences
    text: str = field(init=False)
    word: str = field(init=False)  # the first word, bare
    start: int = field(init=False)
    single_end: int = field(init=False)  # where the first word ends
    end: int = field(init=False)  # where the run ends

    def __post_init__(self):
        words, offsets, last = self.span.words, self.span.offsets, self.i + self.length - 1
        self.text = self.span.text
        self.word = bare_word(words[self.i])
        self.start = offsets[self.i]
        self.single_end = self.start + len(self.word)
        self.end = offsets[last] + len(bare_word(words[last]))

    def bare_words(self) -> list[str]:
        return [bare_word(w) for w in self.span.words[self.i : self.i + self.length]]


def proposal_at(span: Span, i: int, registry: Registry, sentences: Sentences) -> Proposal | None:
    """An unknown person or organisation starting at word ``i``, or None."""
    initialled = initial_and_surname(span, i, registry) or adjective_opens_party(span, i, registry)
    if initialled and not sentences.in_credits(span.offsets[i]):
        return initialled
    if not _may_open_a_name(span, i, registry, sentences):
        return None
    run = _Run(span, i, _run_length(span, i), registry, sentences)
    if ruled_out_by_surroundings(span, i, run.length):
        return None
    # The cues around the name: what it does, and what introduces it.
    acts = _acts(run)
    introduced = organisation_cues(span, i, run.length)
    if _connector_before_ampersand(run):
        return None  # the firm's name starts after the connector
    ampersand = _ampersand_firm(run)
    if ampersand is not None:
        introduced = True
    introduced = _listed_company(run, introduced)
    introduced = introduced or _joined_words_company(run, acts)
    member_of = _member_of(run)
    # One name a person's by the words before it.
    person = person_by_address(span, i, run.length) or person_in_apposition(span, i, run.length)
    if person:
        return person
    if _lone_word_unexplained(run, acts, introduced):
        return None
    if run.length >= 2:
        # What the words around a name settle, the model is not asked about: it is the
        # slow step (see entities.py).
        if _a_place_by_the_words_around(run):
            return None  # "near Velyka Novosilka", "Velyka Novosilka, a village …"
        if _company_head_noun(run, acts):
            introduced = True
        elif settled := _person_by_strong_cues(run, introduced):
            return settled
    # The model's word, overruled by an organisation's cues.
    entity = _models_entity(run)
    armed_group = _armed_group_follows(run)
    introduced = introduced or armed_group
    if cued := _cued_organisation(run, introduced, armed_group):
        entity = cued
    elif member_of and run.length >= 2:
        if _member_of_a_place(run):
            return None  # "head of the Kursk Region"
        entity = (run.start, run.end, "ORG")
    introduced = introduced or member_of
    if ampersand is not None:
        entity = ampersand
    if _club_named_for_its_city(run, entity, acts):
        entity, introduced = (run.start, run.end, "ORG"), True  # "Real Madrid beat …"
    if entity is None and run.length >= 2:
        entity = organisation_by_name(span, i, run.length)
    if entity is None:
        # While sentences are only collected for the model, its word is not known yet: the
        # strong cues alone name the document's people (match.prepare_actors keeps them).
        return heuristic_person(span, i, registry, strong_only=sentences.collect is not None)
    return _proposal_for(run, entity, acts, introduced, armed_group)


def _proposal_for(
    run: _Run, entity: Entity, acts: bool, introduced: bool, armed_group: bool
) -> Proposal | None:
    """The proposal the name the model or the cues found (``entity``) makes: which words
    it takes, and whether they are a person's or an organisation's name."""
    span, i, registry = run.span, run.i, run.registry
    start, end, label = entity
    if _regional_branch(run, label):
        # "Africa CDC", "Europe CDC": a region's or a state's branch of an organisation
        start, end, label, introduced = run.start, run.end, "ORG", True
    # Which words the name takes.
    if label in NOT_ACTORS:
        return None
    if _starts_at_a_skipped_word(run, start, label):
        return None  # "the New Popular Front": the model's name starts at a word we skipped
    if _tail_of_a_longer_name(run, start):
        return None  # the tail of a longer name: "War" of "Institute for the Study of War"
    length = _name_length(run, end, label)
    if not length:
        return None
    name = span.phrase(i, i + length)
    if registry.is_outlet(name) or (length > 1 and cited_at(run.text, run.start, registry)):
        return None  # "Studio Tamani reports that …": a source, never an actor
    candidate = [bare_word(w) for w in span.words[i : i + length]]
    if _a_place(run, label, end, candidate) or _a_time_or_an_event(candidate):
        return None
    # Whose name it is: a person's or an organisation's.
    if label in ("PERSON", "ORG") and EMPLOYER_OF.match(run.text, run.start + len(name)):
        # "Manchester United manager Ruben Amorim": whose manager — a club, a company
        label, introduced = "ORG", True
    if _person_the_model_calls_an_organisation(run, label, candidate, introduced):
        # The model's ORG for a person-shaped name ("Olena Zelenska") is often wrong; the
        # words around it decide.
        return heuristic_person(span, i, registry)
    if label == "PERSON" and start >= run.start and organisation_evidence(candidate[-1]):
        label = "ORG"  # "the Caribbean Community": an organisation's head noun ends it
    if label == "PERSON" and candidate[-1].casefold() in GOVERNMENT_WORDS:
        return None  # "the Lok Sabha", "the Knesset": a state's body, whatever the model says
    if label == "PERSON":
        if not person_shaped(candidate):
            return heuristic_person(span, i, registry)
        if SAINTED.fullmatch(candidate[0]):
            return None  # "St Elizabeth", "San Cristóbal": a place named for a saint
        kind = PERSON
    elif label == "ORG":
        if not names_an_organisation(span, i, name, candidate, acts, introduced, armed_group):
            return None
        kind = ORGANISATION
    else:
        return None
    proposed = name
    if kind == ORGANISATION:
        proposed = proposed_organisation_name(span, i, registry, name, candidate)
    return ActorMatch(
        None, name, run.start, run.start + len(name), proposed_name=proposed, proposed_kind=kind
    ), length


def _may_open_a_name(span: Span, i: int, registry: Registry, sentences: Sentences) -> bool:
    """Whether word ``i`` can be a name's first word: name-like, outside the page's credits,
    and not a job written before a name."""
    if not name_like(span, i) or sentences.in_credits(span.offsets[i]):
        return False
    # "Administrator Bill Nelson": the name starts after the job
    return not (role_before_name(span, i) and fold(span.words[i]) not in registry.given_names())


def _run_length(span: Span, i: int) -> int:
    """Which words a model would be asked about: two or more name-like words, or an
    abbreviation, or one word that acts ("Rybar said", "the Wagner group"). The small words
    of organisations' names join them: "Party of Socialists"."""
    words = span.words
    run = 1
    while i + run < len(words):
        if closes(words[i + run - 1]) or possessive(words[i + run - 1]):
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
    return run


def _acts(run: _Run) -> bool:
    """Whether a verb of what actors do, or an organisation's cue, follows the name."""
    text = run.text
    return (
        speech_follows(text, run.single_end, ACTION_VERBS)
        or cue_follows(text, run.single_end)
        or (run.length >= 2 and speech_follows(text, run.end, ACTION_VERBS))  # "Nord Grid says"
        # "Elering, its Estonian counterpart, said": a verb after an aside
        or (run.length < 2 and acts_after_aside(text, run.single_end))
    )


def _ampersand_index(run: _Run) -> int | None:
    """Where a firm's ampersand stands in a run of three words or more: "Florida Power &
    Light", "Procter & Gamble"."""
    words = run.span.words
    if run.length >= 3 and "&" in words[run.i : run.i + run.length]:
        return words.index("&", run.i)
    return None


def _connector_before_ampersand(run: _Run) -> bool:
    """ "Shares of Procter & Gamble": a connector before the ampersand, where the firm's
    name starts after it."""
    k = _ampersand_index(run)
    return k is not None and any(is_connector(w) for w in run.span.words[run.i : k])


def _ampersand_firm(run: _Run) -> Entity | None:
    """A firm's name joined by an ampersand: the words right around it, not a sentence's
    first word nor a place after it ("Shares of …", "… in Lima")."""
    k = _ampersand_index(run)
    if k is None:
        return None
    words, offsets = run.span.words, run.span.offsets
    last = k + 1
    while last + 1 < run.i + run.length and not is_connector(words[last + 1]):
        last += 1
    return (run.start, offsets[last] + len(bare_word(words[last])), "ORG")


def _listed_company(run: _Run, introduced: bool) -> bool:
    """Whether what only a company has follows its name — or ``introduced`` as it was:
    "Heathrow's chief executive", "NetChoice's members"; "Airbnb shares fell", "shares in
    Ocado" (not "Indian shares fell": a market's, by the model's word)."""
    text = run.text
    end = run.single_end if run.length < 2 else run.end
    if CORPORATE_AFTER.match(text, end):
        return True
    if SHARES_AFTER.match(text, end) or SHARES_BEFORE.search(
        text, max(0, run.start - 16), run.start
    ):
        entity = run.sentences.entity_at(run.start)
        return entity is None or entity[2] not in NOT_ACTORS
    return introduced


def _joined_words_company(run: _Run, acts: bool) -> bool:
    """ "NetBlocks reported a disruption": one word joined from two capitalised ones, as
    companies name themselves, acting."""
    return bool(
        run.length < 2
        and CAMEL.fullmatch(run.word)
        and (acts or subject_of_verb(run.span, run.i, run.single_end))
    )


def _member_of(run: _Run) -> bool:
    """ "founder of Georgian Dream", "a member of the Party of Regions": whose member a
    person is, is an organisation."""
    return MEMBER_OF.search(run.text, max(0, run.start - 30), run.start) is not None


def _lone_word_unexplained(run: _Run, acts: bool, introduced: bool) -> bool:
    """Whether one word is no name: neither an abbreviation, nor acting, nor introduced as
    an organisation's; or an outlet its entry cites."""
    if run.length >= 2:
        return False
    acronym = is_acronym(run.word)
    if not acronym and not acts and not introduced:
        return True
    if run.span.at_sentence_start(run.i) and not (acronym or acts or introduced):
        return True  # "Officials": a capitalised word, not a name
    # only one word (or an abbreviation, or "The X") is cited without the registry:
    # "carried by IRNA", "Zonamedia reported": an outlet, not an actor
    return cited_at(run.text, run.start, run.registry)


def _a_place_by_the_words_around(run: _Run) -> bool:
    """ "near Velyka Novosilka", "Velyka Novosilka, a village …", "Chopin airport" — but
    "in Deborah Smith's translation": a person's name owns what the preposition governs
    (the model tells a person's from a place's: "in Saudi Arabia's capital")."""
    owner = owns_a_thing(run.span, run.i, run.i + run.length)
    return (
        (in_place(run.span, run.i, run.sentences) and not owner)
        or place_noun_follows(run.text, run.end)
        or place_apposition(run.text, run.end)
    )


def _company_head_noun(run: _Run, acts: bool) -> bool:
    """ "Nord Grid Networks says": a company's head noun, whatever the verb suggests."""
    last = bare_word(run.span.words[run.i + run.length - 1]).casefold()
    return acts and organisation_evidence(last) and last not in GOVERNMENT_WORDS


def _person_by_strong_cues(run: _Run, introduced: bool) -> Proposal | None:
    """A person by a title, a verb or an apposition, without the model — but "the party,
    Pakistan Tehreek-e-Insaf, called …": a state's name opens no person's name an
    organisation's noun introduces ("the group, Ana Ruiz said")."""
    if introduced and getattr(run.registry.actor(run.word), "kind", "") == "state":
        return None
    return heuristic_person(run.span, run.i, run.registry, strong_only=True)


def _models_entity(run: _Run) -> Entity | None:
    """What the model says the name is. The small model often leaves the given name out:
    "Dmitry [Peskov]"."""
    entity = run.sentences.entity_at(run.start)
    if entity is None and run.length >= 2:
        following = run.sentences.entity_at(run.span.offsets[run.i + 1])
        if following and following[2] == "PERSON":
            entity = (run.start, following[1], "PERSON")
    return entity


def _armed_group_follows(run: _Run) -> bool:
    """ "the White Army militia", "Arakan Army rebels": a group noun after the name makes it
    an armed group's, though its head noun is a state's."""
    return ARMED_GROUP_AFTER.match(run.text, run.end) is not None


def _cued_organisation(run: _Run, introduced: bool, armed_group: bool) -> Entity | None:
    """The organisation's name an organisation's cue introduces, whatever the model says —
    not a state's own body."""
    if not introduced:
        return None
    if run.length < 2 and not run.registry.actor(run.word):
        return (run.start, run.single_end, "ORG")  # "energy company DTEK"
    if armed_group or not state_body(run.bare_words()):
        # "Nord Grid, the country's grid operator"; "the producers Gazprom Neft and
        # Surgutneftegas" name two
        words, i = run.span.words, run.i
        last = (
            next((k for k in range(i + 1, i + run.length) if words[k] == "and"), i + run.length) - 1
        )
        return (run.start, run.span.offsets[last] + len(bare_word(words[last])), "ORG")
    return None


def _member_of_a_place(run: _Run) -> bool:
    """ "head of the Kursk Region": whose head is a place's."""
    k = run.i + run.length - 1
    last = bare_word(run.span.words[k])
    return last.casefold() in PLACE_NOUNS or place_noun_follows(run.text, run.span.offsets[k])


def _club_named_for_its_city(run: _Run, entity: Entity | None, acts: bool) -> bool:
    """ "Real Madrid beat …": a club or a company named for its city, acting — where the
    model's PERSON does not say otherwise."""
    return (
        run.length == 2
        and (entity is None or entity[2] in ("GPE", "ORG"))  # the model's PERSON stands
        and named_for_a_city(run.bare_words())
        and (acts or subject_of_verb(run.span, run.i, run.end))
        and not in_place(run.span, run.i, run.sentences)
    )


def _regional_branch(run: _Run, label: str) -> bool:
    """ "Africa CDC", "Europe CDC": a region or a state the model calls a place, then an
    abbreviation."""
    return (
        label in NOT_ACTORS
        and run.length == 2
        and (
            run.word.casefold() in REGIONS
            or getattr(run.registry.actor(run.word), "kind", "") == "state"
        )
        and is_acronym(bare_word(run.span.words[run.i + 1]))
    )


def _starts_at_a_skipped_word(run: _Run, start: int, label: str) -> bool:
    """ "the New Popular Front": the model's organisation starts at a capitalised word
    before the run."""
    before = run.text[start : run.start].strip()
    return (
        label == "ORG"
        and not is_acronym(run.word)
        and start < run.start
        and before[:1].isupper()
        and before.casefold() not in ("the", "a", "an")
    )


def _tail_of_a_longer_name(run: _Run, start: int) -> bool:
    """Whether the model's name starts at an unexplained name-like word before the run:
    "War" of "Institute for the Study of War"."""
    span, words = run.span, run.span.words
    return any(
        start <= span.offsets[k]
        and name_like(span, k)
        and not words[k].endswith(("’s", "'s"))  # "Russia's National Security Council"
        and run.registry.actor(bare_word(words[k])) is None
        and not role_before_name(span, k)  # "Rookie [Cooper DeJean]": the model's span
        for k in range(run.i)
    )


def _name_length(run: _Run, end: int, label: str) -> int:
    """How many of the words from the run's first are the name's, by where the model ends
    it (0 for none)."""
    words, offsets, i = run.span.words, run.span.offsets, run.i
    # A possessive ends a name whatever the model says: "Friedrich Merz's CDU".
    last = i + run.length if possessive(words[i + run.length - 1]) else len(words)
    inside = [k for k in range(i, last) if offsets[k] < end]
    while inside and is_connector(words[inside[-1]]):
        inside.pop()
    if not inside:
        return 0
    if (
        label == "ORG"
        and inside[-1] + 2 < i + run.length
        and words[inside[-1] + 1] == "of"
        and organisation_evidence(bare_word(words[inside[-1]]))
    ):
        # "the Law Society of Kenya", "the Communist Party of Vietnam": the head noun's "of"
        # and its place belong to the name, wherever the model ended it
        return run.length
    return len(inside)


def _a_place(run: _Run, label: str, end: int, candidate: list[str]) -> bool:
    """Whether the name (``candidate``, ending at ``end``) is a place's, by the preposition
    that governs it, the place noun after it or its own last word."""
    text, start = run.text, run.start
    owned = (label == "PERSON" and owns_a_thing(run.span, run.i, run.i + len(candidate))) or bool(
        SHARES_BEFORE.search(text, max(0, start - 16), start)  # "shares in Ocado"
    )
    if (in_place(run.span, run.i, run.sentences) and not owned) or place_noun_follows(text, end):
        return True  # "near Pokrovsk, Kurakhove, and Velyka Novosilka", "Chopin airport"
    if candidate[-1].casefold() in PLACE_NOUNS - {"front", "axis", "direction"}:
        return True  # "the Grand Palais", "Dolmabahce Palace", "Kerch Strait": a place
    # "treated at the Shock Trauma Center": a building, where things happen
    return candidate[-1].casefold() in VENUE_HEADS and bool(
        LOCATIVE_BEFORE.search(text, max(0, start - 24), start)
    )


def _a_time_or_an_event(candidate: list[str]) -> bool:
    if any(w.casefold() == "time" for w in candidate):
        return True  # "Greenwich Mean Time", "Eastern Time"
    # "the Republican National Convention", "the Booker Prize": an event
    return len(candidate) > 1 and candidate[-1].casefold() in EVENT_HEADS


def _person_the_model_calls_an_organisation(
    run: _Run, label: str, candidate: list[str], introduced: bool
) -> bool:
    """A person-shaped name the model calls an organisation, and nothing else does."""
    return (
        label == "ORG"
        and person_shaped(candidate)
        and not introduced
        and not organisation_evidence(candidate[-1])  # "Azerbaijan Airlines"
        # a person takes no article: "built around the Janatha Vimukthi Peramuna"
        and not IN_CLAUSE.search(run.text, max(0, run.start - 30), run.start)
        and not named_for_a_city(candidate)
    )
