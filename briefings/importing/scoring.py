"""Scoring an import against a hand-annotated corpus (tests/importing/corpus/).

A corpus folder holds documents (``NNN_name.txt``) each with its ground truth beside it
(``NNN_name.json``: kind, title, date, each update's UTC time, headline, first words,
sources and actors, junk lines, strings that must survive). This module is pure logic: it
reads the ground truth, and compares what an import produced (an ``ImportedDocument``, which
the ``score_import`` command reads back from the database) against it, giving the measures
of the importer's acceptance table and one line for every failure, so that whoever tunes
the importer sees what broke where.

Names are compared folded (case, accents, punctuation, a leading "the"), so "Nato" is
"NATO" and "Zelenskyy" is "Zelensky" whenever the matched registry entry lists that alias;
the ground truth may list alternatives itself: "Sergei Shoigu|Shoygu".
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rapidfuzz import fuzz

from .ground_truth import GoldDocument, GoldUpdate

# An imported update matches a gold one when their openings are at least this similar
# (rapidfuzz, 0-100); lower lets unrelated entries pair up, higher loses entries whose
# opening kept a stray word of chrome.
MATCH_THRESHOLD = 70


# What an import produced --------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """An actor or source as imported: the name shown, and every spelling it answers to."""

    label: str
    spellings: frozenset[str]
    neutral: bool = False  # not counted against the import when the gold leaves it out


@dataclass
class ImportedUpdate:
    posted_at: datetime | None
    headline: str = ""
    body: str = ""
    other_text: tuple[str, ...] = ()  # section, byline, credit
    actors: list[Name] = field(default_factory=list)
    sources: list[Name] = field(default_factory=list)


@dataclass
class ImportedDocument:
    error: str = ""  # why the importer refused the document
    title: str = ""
    other_text: tuple[str, ...] = ()  # standfirst, byline, credit
    updates: list[ImportedUpdate] = field(default_factory=list)


def name(label: str, spellings: Iterable[str] = (), neutral: bool = False) -> Name:
    return Name(label, frozenset(fold_name(s) for s in (label, *spellings) if s), neutral)


# Text comparison ----------------------------------------------------------------------------

_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "´": "'"})


def plain(text: str) -> str:
    """Imported Markdown source back to its text: escapes undone, whitespace collapsed,
    soft hyphens dropped, typographic quotes straightened."""
    text = _MARKDOWN_ESCAPE.sub(r"\1", text).replace("\u00ad", "")
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split())


def fold_name(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("\u00ad", ""))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    # Dots and apostrophes join ("N.A.T.O.", "J.D."); other punctuation separates words.
    words = re.sub(r"[^\w]+", " ", re.sub(r"['.]", "", stripped)).split()
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def gold_spellings(value: str) -> frozenset[str]:
    """The folded spellings a gold name accepts: "Sergei Shoigu|Shoygu" accepts "Sergei
    Shoigu", "Shoygu" and, since a one-word alternative is another spelling of the
    surname, "Sergei Shoygu"."""
    names = [fold_name(v) for v in value.split("|") if v.strip()]
    spellings = set(names)
    first = names[0].split() if names else []
    for alternative in names[1:]:
        if len(first) > 1 and len(alternative.split()) == 1:
            spellings.add(" ".join([*first[:-1], alternative]))
    return frozenset(spellings)


def _opening_similarity(gold: GoldUpdate, imported: ImportedUpdate) -> float:
    want = fold_name(gold.first_words)
    if not want:
        return 0.0
    body = fold_name(plain(imported.body)[: len(gold.first_words) * 4 + 200])
    headline = fold_name(plain(imported.headline))
    scores = [fuzz.partial_ratio(want, body) if body else 0.0]
    if headline:
        scores.append(fuzz.ratio(want, headline[: len(want) + 20]))
        scores.append(fuzz.partial_ratio(want, headline))
    if gold.headline and headline:
        scores.append(fuzz.ratio(fold_name(gold.headline), headline))
    return max(scores)


def align(gold: Sequence[GoldUpdate], imported: Sequence[ImportedUpdate]) -> list[tuple[int, int]]:
    """Pairs (gold index, imported index), in document order, maximising the similarity of
    the paired openings (a longest-common-subsequence over fuzzy matches)."""
    n, m = len(gold), len(imported)
    similar = [[_opening_similarity(g, i) for i in imported] for g in gold]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            take = similar[a][b] + best[a + 1][b + 1] if similar[a][b] >= MATCH_THRESHOLD else -1
            best[a][b] = max(take, best[a + 1][b], best[a][b + 1])
    pairs, a, b = [], 0, 0
    while a < n and b < m:
        if similar[a][b] >= MATCH_THRESHOLD and best[a][b] == similar[a][b] + best[a + 1][b + 1]:
            pairs.append((a, b))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return pairs


def _minute(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def _stamp(moment: datetime | None) -> str:
    return _minute(moment).strftime("%Y-%m-%dT%H:%MZ") if moment else "none"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Scores -------------------------------------------------------------------------------------


@dataclass
class Tally:
    """True positives, false positives, false negatives, for an F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: "Tally") -> "Tally":
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self

    @property
    def f1(self) -> float:
        if not (self.tp or self.fp or self.fn):
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def compare_names(
    gold: Sequence[str], imported: Sequence[Name]
) -> tuple[Tally, list[str], list[str]]:
    """The tally, the gold names missed and the imported names not in the gold."""
    wanted = [(g, gold_spellings(g)) for g in gold]
    left = list(imported)
    missed, tally = [], Tally()
    for label, spellings in wanted:
        hit = next((n for n in left if n.spellings & spellings), None)
        if hit is None:
            missed.append(label.split("|")[0])
            tally.fn += 1
        else:
            left.remove(hit)
            tally.tp += 1
    extra = [n.label for n in left if not n.neutral]
    tally.fp = len(extra)
    return tally, missed, extra


@dataclass
class DocumentScore:
    name: str
    error: str = ""
    timed: int = 0  # gold updates with a time
    times_right: int = 0
    actors: Tally = field(default_factory=Tally)
    sources: Tally = field(default_factory=Tally)
    junk_kept: list[str] = field(default_factory=list)
    title_right: bool = False
    count_right: bool = False
    survived: int = 0
    must_survive: int = 0
    failures: list[str] = field(default_factory=list)


def _normal_title(text: str) -> str:
    return plain(text).strip()


def _found(needle: str, haystack: Sequence[str]) -> bool:
    want = plain(needle)
    if not want:
        return False
    pattern = re.compile(
        (r"(?<!\w)" if want[0].isalnum() else "")
        + re.escape(want)
        + (r"(?!\w)" if want[-1].isalnum() else "")
    )
    return any(pattern.search(text) for text in haystack)


def score_document(gold: GoldDocument, imported: ImportedDocument) -> DocumentScore:
    score = DocumentScore(name=gold.name, error=imported.error)
    score.timed = sum(1 for u in gold.updates if u.posted_at is not None)
    score.must_survive = len(gold.must_survive)
    if imported.error:
        score.failures.append(f"refused: {imported.error}")
        for update in gold.updates:
            score.actors.fn += len(update.actors)
            score.sources.fn += len(update.sources)
        return score

    pairs = align(gold.updates, imported.updates)
    matched = dict(pairs)
    for a, update in enumerate(gold.updates):
        if a not in matched:
            score.failures.append(f"entry #{a + 1} not found: {_short(update.first_words)!r}")
            score.actors.fn += len(update.actors)
            score.sources.fn += len(update.sources)
            continue
        got = imported.updates[matched[a]]
        where = f"#{a + 1} {_short(update.first_words, 40)!r}"
        if update.posted_at is not None:
            if _minute(got.posted_at) == _minute(update.posted_at):
                score.times_right += 1
            else:
                score.failures.append(
                    f"time {where}: got {_stamp(got.posted_at)}, want {_stamp(update.posted_at)}"
                )
        for label, wanted, found, total in (
            ("actors", update.actors, got.actors, score.actors),
            ("sources", update.sources, got.sources, score.sources),
        ):
            tally, missed, extra = compare_names(wanted, found)
            total += tally
            if missed or extra:
                score.failures.append(
                    f"{label} {where}: missed {missed or '-'}, extra {extra or '-'}"
                )
    for b in sorted(set(range(len(imported.updates))) - {b for _, b in pairs}):
        got = imported.updates[b]
        opening = got.headline or got.body
        score.failures.append(f"extra entry (imported #{b + 1}): {_short(plain(opening))!r}")
        tally, _, extra = compare_names((), got.actors)
        score.actors += tally
        tally, _, extra = compare_names((), got.sources)
        score.sources += tally

    texts = [plain(imported.title), *(plain(t) for t in imported.other_text)]
    for got in imported.updates:
        texts += [plain(got.headline), plain(got.body), *(plain(t) for t in got.other_text)]
    score.junk_kept = [line for line in gold.junk if _found(line, texts)]
    for line in score.junk_kept:
        score.failures.append(f"junk kept: {_short(line)!r}")

    score.title_right = _normal_title(imported.title) == _normal_title(gold.title)
    if not score.title_right:
        score.failures.append(f"title: got {_short(imported.title)!r}, want {_short(gold.title)!r}")
    score.count_right = len(imported.updates) == len(gold.updates)
    if not score.count_right:
        score.failures.append(f"entries: got {len(imported.updates)}, want {len(gold.updates)}")

    bodies = [plain(f"{u.headline}\n{u.body}") for u in imported.updates]
    bodies += [plain(u.headline) for u in imported.updates]
    # A string kept as the briefing's standfirst (or title, byline, credit) is kept: a
    # reader sees it above the updates; so is one kept as an update's section, byline or
    # credit, shown with the update.
    bodies += [plain(imported.title), *(plain(t) for t in imported.other_text)]
    bodies += [plain(t) for u in imported.updates for t in u.other_text]
    for phrase in gold.must_survive:
        if plain(phrase) and any(plain(phrase) in text for text in bodies):
            score.survived += 1
        else:
            score.failures.append(f"lost: {_short(phrase)!r}")
    return score


@dataclass
class Summary:
    """The acceptance table over a corpus: ``times`` from the import as a user runs it,
    ``dated_times`` (optional) and everything else from the best-informed import."""

    documents: list[DocumentScore]
    times: tuple[int, int]
    dated_times: tuple[int, int] | None = None
    plain: list[DocumentScore] = field(default_factory=list)  # the run without --date

    @classmethod
    def of(
        cls, plain_run: list[DocumentScore], dated_run: list[DocumentScore] | None = None
    ) -> "Summary":
        documents = dated_run if dated_run is not None else plain_run
        summary = cls(documents, _times(plain_run), plain=plain_run)
        if dated_run is not None:
            summary.dated_times = _times(dated_run)
        return summary

    @property
    def actors(self) -> Tally:
        return _total(d.actors for d in self.documents)

    @property
    def sources(self) -> Tally:
        return _total(d.sources for d in self.documents)

    @property
    def junk_kept(self) -> int:
        return sum(len(d.junk_kept) for d in self.documents)

    @property
    def titles(self) -> tuple[int, int]:
        return sum(d.title_right for d in self.documents), len(self.documents)

    @property
    def counts(self) -> tuple[int, int]:
        return sum(d.count_right for d in self.documents), len(self.documents)

    @property
    def survived(self) -> tuple[int, int]:
        return (
            sum(d.survived for d in self.documents),
            sum(d.must_survive for d in self.documents),
        )

    def without_date(self, document: DocumentScore) -> str:
        """How the document fared without --date, when that differs from the run shown."""
        plain = next((p for p in self.plain if p.name == document.name), document)
        if plain is document:
            return ""
        if plain.error:
            return f"without --date: refused: {plain.error}"
        if plain.times_right != document.times_right:
            return f"without --date: {plain.times_right} / {plain.timed} times right"
        return ""

    def rows(self) -> list[tuple[str, str]]:
        def percent(pair: tuple[int, int]) -> str:
            right, total = pair
            share = 100 * right / total if total else 100.0
            return f"{share:.0f} % ({right} / {total})"

        return [
            ("updates with the right UTC time, no --date", percent(self.times)),
            (
                "the same, with --date where the document states none",
                percent(self.dated_times) if self.dated_times else "not run (--with-date)",
            ),
            ("actors F1", f"{self.actors.f1:.2f}"),
            ("sources F1", f"{self.sources.f1:.2f}"),
            ("site-chrome lines kept", str(self.junk_kept)),
            ("titles right", "{} / {}".format(*self.titles)),
            ("entry counts right", "{} / {}".format(*self.counts)),
            ("must-survive strings present", "{} / {}".format(*self.survived)),
        ]

    def as_dict(self) -> dict:
        return {
            "times": {"right": self.times[0], "total": self.times[1]},
            "dated_times": (
                {"right": self.dated_times[0], "total": self.dated_times[1]}
                if self.dated_times
                else None
            ),
            "actors": {**vars(self.actors), "f1": round(self.actors.f1, 4)},
            "sources": {**vars(self.sources), "f1": round(self.sources.f1, 4)},
            "junk_kept": self.junk_kept,
            "titles": {"right": self.titles[0], "total": self.titles[1]},
            "entry_counts": {"right": self.counts[0], "total": self.counts[1]},
            "must_survive": {"present": self.survived[0], "total": self.survived[1]},
            "documents": [
                {
                    "name": d.name,
                    "error": d.error,
                    "times": {"right": d.times_right, "total": d.timed},
                    "actors": vars(d.actors),
                    "sources": vars(d.sources),
                    "junk_kept": d.junk_kept,
                    "title_right": d.title_right,
                    "count_right": d.count_right,
                    "must_survive": {"present": d.survived, "total": d.must_survive},
                    "failures": d.failures,
                    "without_date": self.without_date(d),
                }
                for d in self.documents
            ],
        }


def _times(scores: list[DocumentScore]) -> tuple[int, int]:
    return sum(s.times_right for s in scores), sum(s.timed for s in scores)


def _total(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total += tally
    return total
