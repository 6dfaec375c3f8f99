"""Near-duplicate and related documents, by shingling content words. Pure.

A document's *content words* are its words minus a stop-word list, cut to their first five
letters — a crude stem, so that a rewrite's "negotiating" still meets "negotiations". Two
shingle sets are kept: single content words and pairs of consecutive content words.
Each is stored as a bottom-k sketch (the K smallest 32-bit hashes) with the set's size, so
that any number of documents can be compared without keeping their text.

Two thresholds, measured on the seeds (K = 1024, which is exact for documents this size):

=========================================  ============  ================
pair                                       word Jaccard  pair containment
=========================================  ============  ================
001 ~ 004 (one story rewritten twice)      0.31          0.28
000 ~ 003 (one event, two outlets)         0.16          0.22
the eight unrelated pairs                  0.08 – 0.17   0.04 – 0.05
=========================================  ============  ================

- **duplicate** — word Jaccard ≥ 0.25 *and* pair containment ≥ 0.20: the same text
  rewritten (seeds 001 and 004);
- **related** — otherwise, pair containment ≥ 0.15: the same event in other words (seeds
  000 and 003 both quote Blinken in Brussels).

K = 512 keeps a fingerprint small (two lists of at most 512 numbers) and estimates the
seeds' figures within 0.04 of the exact ones.

Containment (the share of the smaller document's pairs found in the other) catches a short
piece that is all contained in a long one; Jaccard keeps two long documents on the same
topic from counting as duplicates just because they share vocabulary.
"""

import functools
import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass

K = 512
DUPLICATE_JACCARD = 0.25
DUPLICATE_CONTAINMENT = 0.20
RELATED_CONTAINMENT = 0.15
MIN_WORDS = 40  # shorter documents are not compared: too few shingles to mean anything

# One string reads better than a hundred quoted words.
_STOP_WORDS = """
    a an the and or but nor of to in on at for with by from as is are was were be been
    being that this these those it its he she they them his her their we our you your i me
    my not no so than then there here which who whom whose what when where why how all any
    both each few more most other some such only own same too very can will just should
    would could may might must shall also has have had do does did said says say after
    before over under into out up down about against between during through while again
    further once if because until off above below per via upon amid among within without
    around across toward towards since yet still even though although however
    """
STOP_WORDS = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class Fingerprint:
    words: tuple[int, ...]  # bottom-K hashes of the content-word set
    word_count: int
    pairs: tuple[int, ...]  # bottom-K hashes of the content-word-pair set
    pair_count: int

    def as_json(self) -> dict:
        return {
            "w": list(self.words),
            "nw": self.word_count,
            "p": list(self.pairs),
            "np": self.pair_count,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Fingerprint":
        return cls(tuple(data["w"]), data["nw"], tuple(data["p"]), data["np"])

    # The sketches as sets, made once: a document is compared with every candidate.
    @functools.cached_property
    def word_set(self) -> frozenset[int]:
        return frozenset(self.words)

    @functools.cached_property
    def pair_set(self) -> frozenset[int]:
        return frozenset(self.pairs)

    def __getstate__(self) -> dict:
        return {
            name: getattr(self, name) for name in ("words", "word_count", "pairs", "pair_count")
        }


def content_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).casefold()
    return [w[:5] for w in re.findall(r"[^\W\d_]+", folded) if w not in STOP_WORDS]


# Content words are cut to five letters, so a few thousand of them and of their pairs make
# up most documents: each is hashed once.
@functools.lru_cache(maxsize=1 << 16)
def _hash(item: str) -> int:
    return int.from_bytes(hashlib.blake2b(item.encode(), digest_size=4).digest(), "big")


def fingerprint(text: str) -> Fingerprint | None:
    words = content_words(text)
    if len(words) < MIN_WORDS:
        return None
    word_set = {_hash(w) for w in words}
    pair_set = {_hash(f"{a} {b}") for a, b in itertools.pairwise(words)}
    return Fingerprint(
        tuple(sorted(word_set)[:K]), len(word_set), tuple(sorted(pair_set)[:K]), len(pair_set)
    )


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard estimated from two bottom-k sketches (Broder): the share of the k smallest
    hashes of the union that are in both."""
    union_bottom = sorted(a | b)[: min(K, max(len(a), len(b)))]
    if not union_bottom:
        return 0.0
    return len((a & b).intersection(union_bottom)) / len(union_bottom)


def _containment(jaccard: float, size_a: int, size_b: int) -> float:
    # |A ∩ B| = J (|A| + |B|) / (1 + J); containment divides by the smaller set.
    if not size_a or not size_b:
        return 0.0
    return jaccard * (size_a + size_b) / (1 + jaccard) / min(size_a, size_b)


@dataclass(frozen=True)
class Resemblance:
    kind: str  # "duplicate" or "related"
    word_jaccard: float
    pair_containment: float

    @property
    def score(self) -> float:
        return round(max(self.word_jaccard, self.pair_containment), 3)


def compare(a: Fingerprint, b: Fingerprint) -> Resemblance | None:
    word_jaccard = _jaccard(a.word_set, b.word_set)
    pair_containment = _containment(_jaccard(a.pair_set, b.pair_set), a.pair_count, b.pair_count)
    if word_jaccard >= DUPLICATE_JACCARD and pair_containment >= DUPLICATE_CONTAINMENT:
        return Resemblance("duplicate", word_jaccard, pair_containment)
    if pair_containment >= RELATED_CONTAINMENT:
        return Resemblance("related", word_jaccard, pair_containment)
    return None


INDEXED = 256  # how many of a sketch's smallest pair hashes the index keeps
MIN_SHARED = 6  # indexed pair hashes two documents must share to be compared at all


class Index:
    """Candidate pairs without comparing every document with every other.

    Documents that share fewer than MIN_SHARED of their smallest pair hashes are never
    compared. On the seeds, pairs that resemble each other share 32 and 37 of 256; unrelated
    pairs 5 to 13, so the index lets a few through to the exact comparison, but keeps a
    folder of thousands of documents on other subjects from costing N² comparisons.
    """

    def __init__(self):
        self._postings: dict[int, list[int]] = {}
        self._fingerprints: dict[int, Fingerprint] = {}

    def __len__(self) -> int:
        return len(self._fingerprints)

    def add(self, key: int, fingerprint: Fingerprint) -> None:
        if key in self._fingerprints:
            self.remove(key)
        self._fingerprints[key] = fingerprint
        for h in fingerprint.pairs[:INDEXED]:
            self._postings.setdefault(h, []).append(key)

    def remove(self, key: int) -> None:
        fingerprint = self._fingerprints.pop(key)
        for h in fingerprint.pairs[:INDEXED]:
            self._postings[h].remove(key)

    def similar(
        self, fingerprint: Fingerprint, exclude: int | None = None
    ) -> list[tuple[int, Resemblance]]:
        shared: dict[int, int] = {}
        for h in fingerprint.pairs[:INDEXED]:
            for key in self._postings.get(h, ()):
                shared[key] = shared.get(key, 0) + 1
        found = []
        for key, count in shared.items():
            if key == exclude or count < MIN_SHARED:
                continue
            resemblance = compare(fingerprint, self._fingerprints[key])
            if resemblance:
                found.append((key, resemblance))
        return found
