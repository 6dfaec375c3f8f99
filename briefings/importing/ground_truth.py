"""The ground truth of the annotated corpus (tests/importing/corpus/): each document
(``NNN_name.txt``) with its ``NNN_name.json`` beside it — kind, title, date, each update's UTC
time, headline, first words, sources and actors, junk lines, strings that must survive. Read
by ``scoring``, which compares an import against it."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path


@dataclass(frozen=True)
class GoldUpdate:
    posted_at: datetime | None
    headline: str | None
    first_words: str
    sources: tuple[str, ...]
    actors: tuple[str, ...]


@dataclass(frozen=True)
class GoldDocument:
    path: Path  # the .txt
    kind: str
    title: str
    date_stated: bool
    date: date
    time_zone: str | None
    updates: tuple[GoldUpdate, ...]
    junk: tuple[str, ...]
    must_survive: tuple[str, ...]
    notes: str = ""

    @property
    def name(self) -> str:
        return self.path.stem


class CorpusError(ValueError):
    """A ground-truth file that does not follow the corpus format."""


def parse_utc(value: str | None) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no zone: ground-truth times are UTC, ending in Z")
    return moment.astimezone(UTC)


def load_gold(text_path: Path) -> GoldDocument:
    json_path = text_path.with_suffix(".json")
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
        updates = tuple(
            GoldUpdate(
                posted_at=parse_utc(u.get("posted_at")),
                headline=u.get("headline") or None,
                first_words=u["first_words"],
                sources=tuple(u.get("sources", ())),
                actors=tuple(u.get("actors", ())),
            )
            for u in data["updates"]
        )
        return GoldDocument(
            path=text_path,
            kind=data["kind"],
            title=data["title"],
            date_stated=bool(data["date_stated"]),
            date=date.fromisoformat(data["date"]),
            time_zone=data.get("time_zone"),
            updates=updates,
            junk=tuple(data.get("junk", ())),
            must_survive=tuple(data.get("must_survive", ())),
            notes=data.get("notes", ""),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CorpusError(f"{json_path}: {type(error).__name__}: {error}") from error


def load_corpus(folder: Path) -> list[GoldDocument]:
    """Every document of ``folder`` with its ground truth, in name order; a document
    without one is an error (a corpus is only as good as its annotation)."""
    documents = []
    for path in sorted(folder.glob("*.txt")):
        if not path.with_suffix(".json").is_file():
            raise CorpusError(f"{path}: no ground truth ({path.with_suffix('.json').name})")
        documents.append(load_gold(path))
    return documents
