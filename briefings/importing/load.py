"""Loading: a parsed document into the database, inside the caller's transaction.

Rows are matched on ``import_key`` and written only when something changed, so the counts are
honest and importing the same document twice changes nothing. Rows are validated the way the
admin validates them (``full_clean``); a row that fails is reported and left out.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import slugify

from .. import search
from ..markup import escape_markdown, render_markdown
from ..models import (
    Actor,
    Briefing,
    Citation,
    Fingerprint,
    Mention,
    Quote,
    Resemblance,
    Source,
    Status,
    Update,
    rows_created,
    sync_updates,
)
from ..models.common import unique_slug
from . import similarity
from .bulk import bulk_create_with_fast_history, insert_rows, new_rows
from .document import LIVE, ParsedDocument, ParsedEntry, is_bullet, strip_bullet
from .match import find_actors, prepare_actors
from .names import Registry, RegistryEntry, fold
from .quotes import find_quotes
from .zones import named_zone, tzinfo_for

# A live log whose last entry is older than this was imported after the fact: its coverage
# has ended, and readers' pages must not poll it.
ENDED_AFTER = timedelta(hours=24)
# Sent when a document is loaded, in its transaction (briefing=, document=): images/ makes
# image slots of its photo captions and credit lines. A signal, so this app imports no other.
document_loaded = Signal()
UPDATE_FIELDS = [
    "posted_at", "headline", "section", "body", "byline", "credit", "is_original_entry",
    "is_key_event", "position",
]  # fmt: skip


def counted(n: int, phrase: str) -> str:
    """ "1 citation", "3 citations", "1 update created": a count of ``phrase``, whose first
    word is a plural noun of the counts below (all of them form it with an s)."""
    noun, _, rest = phrase.partition(" ")
    if n == 1 and noun.endswith("s"):
        noun = noun[:-1]
    return " ".join(filter(None, [str(n), noun, rest]))


@dataclass(kw_only=True)
class Findings:
    """What loading a document counted and linked: shared by ``LoadResult`` and the
    pipeline's ``DocumentReport``, which extend it."""

    counts: Counter = field(default_factory=Counter)  # written with counted()
    matched_actors: set[str] = field(default_factory=set)
    proposed_actors: set[str] = field(default_factory=set)
    matched_sources: set[str] = field(default_factory=set)
    proposed_sources: set[str] = field(default_factory=set)
    resemblances: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class LoadResult(Findings):
    status: str  # "created", "updated" or "unchanged"
    briefing: Briefing


def key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def briefing_key(doc: ParsedDocument, origin_url: str = "") -> str:
    if origin_url:
        return key("briefing", origin_url)
    return key("briefing", fold(doc.title), doc.date or "")


def entry_key(briefing_key: str, entry: ParsedEntry) -> str:
    # Identity survives edits further down the body; a changed time or opening is a new entry.
    opening = fold(entry.headline or entry.body)[:80]
    when = entry.posted_at.isoformat() if entry.posted_at else ""
    return key(briefing_key, when, entry.section, entry.is_original_entry, opening)


def to_markdown(text: str) -> str:
    """Plain parsed text → Markdown source: paragraphs escaped, bullet lines as a list."""
    blocks = []
    for paragraph in text.split("\n\n"):
        lines = paragraph.split("\n")
        if all(is_bullet(line) for line in lines):
            blocks.append("\n".join(f"- {escape_markdown(strip_bullet(line))}" for line in lines))
        else:
            blocks.append(escape_markdown(" ".join(line.strip() for line in lines)))
    return "\n\n".join(b for b in blocks if b.strip())


@dataclass
class Rendering:
    """What loading derives from a parsed document alone, which the pipeline may work out in
    another process: each entry's Markdown and HTML, and the document's fingerprint."""

    bodies: list[str]
    html: list[str] | None  # None: rendered as needed (an unchanged update needs none)
    sketch: similarity.Fingerprint | None


def render(doc: ParsedDocument, html: bool = True) -> Rendering:
    bodies = [to_markdown(entry.body) for entry in doc.entries]
    return Rendering(
        bodies, [render_markdown(body) for body in bodies] if html else None, _sketch(doc)
    )


def _sketch(doc: ParsedDocument) -> similarity.Fingerprint | None:
    return similarity.fingerprint(
        "\n".join([doc.title, *(f"{e.headline}\n{e.body}" for e in doc.entries)])
    )


def default_time(doc: ParsedDocument, when: date | None) -> datetime:
    """The time of an entry the document gives no clock for: the start of its day there.
    Never today's: the pipeline refuses a document that ``needs_date``."""
    day = when or doc.date
    if day is None:
        raise ValueError("no date in the document")
    return datetime.combine(day, time(0, 0), tzinfo=tzinfo_for(doc.time_zone)).astimezone(UTC)


def _source_for(name: str, registry: Registry, result: LoadResult) -> Source:
    key = _source_id(name, registry, result)
    entry = registry.source(name)
    return Source(pk=key, name=entry.name if entry else name)


def _source_id(name: str, registry: Registry, result: LoadResult) -> int:
    """The key of the source ``name`` names, proposing one the registry lacks. A key, not a
    model instance: a citation needs no more, and 10,000 instances cost 0.3 s on the bench."""
    entry = registry.source(name)
    if entry is None:
        source = Source.objects.filter(name__iexact=name).first()
        if source is None:
            source = Source(name=name[:200], is_reviewed=False)
            source.full_clean(exclude=["slug"])
            source.save()
            result.counts["sources proposed"] += 1
            result.proposed_sources.add(source.name)
        entry = RegistryEntry(str(source.pk), source.name, [], source.kind, source.is_reviewed)
        registry.add_source(entry)
    elif not entry.is_reviewed:
        result.proposed_sources.add(entry.name)
    else:
        result.matched_sources.add(entry.name)
    return int(entry.key)


def _actor_for(match, registry: Registry, result: LoadResult) -> int:
    if match.entry is not None:
        (result.matched_actors if match.entry.is_reviewed else result.proposed_actors).add(
            match.entry.name
        )
        return int(match.entry.key)
    name = match.proposed_name[:200]
    known = registry.actor(name)
    if known is not None:
        (result.matched_actors if known.is_reviewed else result.proposed_actors).add(known.name)
        return int(known.key)
    actor = Actor(
        name=name, kind=match.proposed_kind, aliases=match.proposed_aliases, is_reviewed=False
    )
    actor.save()
    registry.add_actor(RegistryEntry(str(actor.pk), actor.name, [], actor.kind, False))
    result.counts["actors proposed"] += 1
    result.proposed_actors.add(actor.name)
    return actor.pk


def load_document(
    doc: ParsedDocument,
    registry: Registry,
    *,
    digest: str,
    publish: bool,
    origin: str = "",
    origin_url: str = "",
    change_reason: str = "Imported",
    index: similarity.Index | None = None,
    rendering: Rendering | None = None,
) -> LoadResult:
    """Create or update the briefing for ``doc`` and its updates, citations, mentions and
    quotes. Runs inside the caller's transaction: the caller rolls back on any error.
    ``rendering``, if given, is ``render(doc)``, worked out beforehand."""
    bkey = briefing_key(doc, origin_url)
    briefing = Briefing.objects.filter(import_key=bkey).first()
    created = briefing is None
    if created:
        briefing = Briefing(import_key=bkey)
    result = LoadResult(status="created" if created else "unchanged", briefing=briefing)

    entries = list(doc.entries)
    _place_in_time(doc, entries)
    times = [e.posted_at for e in entries if e.posted_at]
    first, last = (min(times), max(times)) if times else (None, None)

    fields = {
        "title": (doc.title or "Untitled briefing")[:300],
        "kind": doc.kind,
        "standfirst": doc.standfirst,
        "byline": doc.byline[:300],
        "credit": doc.credit[:300],
        "previous_title": doc.previous_title[:300],
        "time_zone": named_zone(doc.time_zone, first.date() if first else None),
        "coverage_start": first,
        "origin_url": origin_url[:500],
    }
    if doc.kind == LIVE and last and timezone.now() - last > ENDED_AFTER:
        fields["coverage_end"] = last
    if origin:
        fields["origin"] = _source_for(origin, registry, result)
    if doc.previous_title:
        continued = doc.previous_title.split(":", 1)[-1].strip()
        fields["previous"] = Briefing.objects.filter(title__iexact=continued).first()
    changed = created
    for name, value in fields.items():
        current = getattr(briefing, f"{name}_id" if name in {"origin", "previous"} else name)
        wanted = value.pk if isinstance(value, Briefing | Source) else value
        if current != wanted:
            setattr(briefing, name, value)
            changed = True
    if publish and briefing.status != Status.PUBLISHED:
        briefing.publish(at=first)
        changed = True
        result.counts["briefings published"] += 1
    if briefing.import_digest != digest:
        briefing.import_digest = digest
        changed = True
    if changed:
        briefing.full_clean(exclude=["slug", "tags", "import_key"], validate_constraints=False)
        briefing._change_reason = change_reason
        briefing.save()
        if not created:
            result.status = "updated"

    rendering = rendering or render(doc, html=False)
    _load_updates(briefing, bkey, entries, rendering, registry, result, change_reason)
    index = index if index is not None else similarity_index()
    _record_resemblances(briefing, rendering.sketch, result, index, created)
    if result.status == "unchanged" and any(
        result.counts[k] for k in ("updates created", "updates updated")
    ):
        result.status = "updated"
    document_loaded.send(sender=Briefing, briefing=briefing, document=doc)
    return result


def _place_in_time(doc: ParsedDocument, entries: list[ParsedEntry]) -> None:
    """Give clock-less entries a time: digest bullets and articles take their document's
    date; an original entry takes the start of its day (or, if earlier, the earliest stamp),
    because it opened the coverage and the document does not say when."""
    stamped = [e.posted_at for e in entries if e.posted_at]
    if len(stamped) == len(entries):
        return
    zone = tzinfo_for(doc.time_zone)
    start_of_day = default_time(doc, min(stamped).astimezone(zone).date() if stamped else None)
    for entry in entries:
        if entry.posted_at is None:
            entry.posted_at = (
                min([start_of_day, *stamped]) if entry.is_original_entry else start_of_day
            )


def _load_updates(
    briefing, bkey, entries, rendering: Rendering, registry, result: LoadResult, change_reason
) -> None:
    existing = {u.import_key: u for u in Update.objects.filter(briefing=briefing)}
    new, changed, linked = [], [], []
    seen_keys = set()
    for position, entry in enumerate(entries):
        ekey = entry_key(bkey, entry)
        if ekey in seen_keys:
            ekey = key(ekey, position)  # two identical entries in one document
        seen_keys.add(ekey)
        values = {
            "posted_at": entry.posted_at,
            "headline": _fit(entry.headline, 300),
            "section": _fit(entry.section, 200),
            "body": rendering.bodies[position],
            "byline": _fit(entry.byline, 200),
            "credit": _fit(" · ".join(entry.credits), 300),
            "is_original_entry": entry.is_original_entry,
            "is_key_event": entry.is_key_event,
            "position": position,
        }
        update = existing.get(ekey)
        if update is None:
            update = Update(briefing=briefing, import_key=ekey, status=Status.PUBLISHED, **values)
            try:
                # A headline alone is a whole update ("Breaking: …"); the body may be empty.
                headline_only = bool(update.headline) and not update.body.strip()
                update.full_clean(
                    exclude=["briefing", "import_key", *(["body"] if headline_only else [])],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                result.warnings.append(f"line {entry.line}: entry left out: {one_line(error)}")
                continue
            update.body_html = (
                rendering.html[position] if rendering.html else render_markdown(update.body)
            )
            new.append(update)
            linked.append((update, entry))
        else:
            if any(getattr(update, f) != v for f, v in values.items()):
                for name, value in values.items():
                    setattr(update, name, value)
                update._change_reason = change_reason
                update.save()
                changed.append(update)
                linked.append((update, entry))
            else:
                result.counts["updates unchanged"] += 1
    if new:
        bulk_create_with_fast_history(new, Update, change_reason)
        search.index_updates([u.pk for u in new])  # bulk_create sends no post_save signals
    result.counts["updates created"] += len(new)
    result.counts["updates updated"] += len(changed)
    if changed:
        stale = [u.pk for u in changed]
        Citation.objects.filter(update__in=stale).delete()
        Mention.objects.filter(update__in=stale).delete()
        Quote.objects.filter(update__in=stale).delete()
    _link(linked, registry, result, change_reason, briefing.title)
    if new:  # bulk-created with no signals: counted here, with their citations and mentions
        sync_updates(Update.objects.filter(pk__in=[u.pk for u in new]))


def _propose(matches, registry: Registry, proposed: dict) -> None:
    """Enter the names nobody knows yet in the registry at once, under a provisional key, so
    that the next entries match them as before; they are saved together afterwards."""
    for match in matches:
        if match.entry is not None:
            continue
        name = match.proposed_name[:200]
        if registry.actor(name) is None:
            entry = RegistryEntry(f"new:{len(proposed)}", name, [], match.proposed_kind, False)
            registry.add_actor(entry)
            actor = Actor(
                name=name, kind=match.proposed_kind, aliases=match.proposed_aliases,
                is_reviewed=False,
            )  # fmt: skip
            proposed[entry.key] = (entry, actor)


def _save_proposed(proposed: dict, registry: Registry, result: LoadResult, reason) -> None:
    """One insert for a document's proposed actors: one at a time they cost ~15 ms each,
    most of a first import's time."""
    if not proposed:
        return
    bases = {
        key: slugify(actor.name)[:100].strip("-") or "actor" for key, (_, actor) in proposed.items()
    }
    taken = set(Actor.objects.filter(slug__in=set(bases.values())).values_list("slug", flat=True))
    for key, (_, actor) in proposed.items():
        actor.slug = bases[key]
        if actor.slug in taken:
            actor.slug = unique_slug(Actor, actor.name)  # rare: a namesake, "-2" and so on
            n = 2
            while actor.slug in taken:  # a namesake proposed in this same document
                actor.slug = f"{bases[key][:90]}-{n}"
                n += 1
        taken.add(actor.slug)
    bulk_create_with_fast_history([actor for _, actor in proposed.values()], Actor, reason)
    for entry, actor in proposed.values():
        entry.key = str(actor.pk)
        registry.add_actor_name(entry)
        result.counts["actors proposed"] += 1
        result.proposed_actors.add(actor.name)


def _link(linked, registry: Registry, result: LoadResult, change_reason, title="") -> None:
    citations, mentions, quotes = [], [], []
    # the headline names people the entries call by their surname ("Pope Francis dies …")
    texts = [f"{entry.headline}\n{entry.body}" for _, entry in linked]
    prepare_actors(texts, registry, context=[title])
    read, proposed = [], {}
    for _, entry in linked:
        text = f"{entry.headline}\n{entry.body}" if entry.headline else entry.body
        found = find_actors(text, registry)
        said = find_quotes(text, found)
        _propose([*found.actors, *(q.speaker for q in said)], registry, proposed)
        read.append((found, said))
    _save_proposed(proposed, registry, result, change_reason)
    for (update, entry), (found, said) in zip(linked, read, strict=True):
        cited = set()
        for position, citation in enumerate(entry.citations):
            source_id = _source_id(citation.name, registry, result)
            if source_id in cited:
                continue  # "NBC" and "NBC News" are one source
            cited.add(source_id)
            citations.append(
                {
                    "update_id": update.pk,
                    "source_id": source_id,
                    "role": citation.role,
                    "position": position,
                }
            )
        result.warnings.extend(found.warnings)
        actor_ids: dict[int, int] = {}
        for match in found.actors:
            actor_id = _actor_for(match, registry, result)
            if actor_id not in actor_ids:
                actor_ids[actor_id] = len(actor_ids)
                name = registry.actor_name(str(actor_id))
                surface = match.surface if fold(match.surface) != fold(name) else ""
                mentions.append(
                    {
                        "update_id": update.pk,
                        "actor_id": actor_id,
                        "surface": surface[:200],
                        "position": actor_ids[actor_id],
                    }
                )
        for position, quote in enumerate(said):
            quotes.append(
                Quote(
                    update=update,
                    actor_id=_actor_for(quote.speaker, registry, result),
                    text=quote.text,
                    position=position,
                )
            )
    citations, mentions = new_rows(Citation, citations), new_rows(Mention, mentions)
    bulk_create_with_fast_history(citations, Citation, change_reason)
    bulk_create_with_fast_history(mentions, Mention, change_reason)
    rows_created([*citations, *mentions])  # of updates already counted; new ones: _load_updates
    insert_rows(quotes, Quote)
    result.counts["citations"] += len(citations)
    result.counts["mentions"] += len(mentions)
    result.counts["quotes"] += len(quotes)


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def one_line(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def similarity_index() -> similarity.Index:
    """Every stored fingerprint, indexed; built once per import run."""
    index = similarity.Index()
    for briefing_id, data in Fingerprint.objects.values_list("briefing_id", "data").iterator(
        chunk_size=500
    ):
        index.add(briefing_id, similarity.Fingerprint.from_json(data))
    return index


def _record_resemblances(
    briefing, sketch, result: LoadResult, index: similarity.Index, created: bool
) -> None:
    """Store the document's fingerprint and its resemblances to the others, both ways. A
    briefing ``created`` by this load has neither yet: nothing is read or deleted first."""
    if sketch is None:
        return
    if created:
        Fingerprint.objects.create(briefing=briefing, data=sketch.as_json())
    else:
        Fingerprint.objects.update_or_create(briefing=briefing, defaults={"data": sketch.as_json()})
    found = index.similar(sketch, exclude=briefing.pk)
    index.add(briefing.pk, sketch)
    known = set()
    if not created:
        known = set(Resemblance.objects.filter(briefing=briefing).values_list("other_id", "kind"))
    titles = dict(
        Briefing.objects.filter(pk__in=[pk for pk, _ in found]).values_list("pk", "title")
    )
    fresh = []
    for other_id, resemblance in found:
        result.resemblances.append((resemblance.kind, titles.get(other_id, "")))
        if (other_id, resemblance.kind) not in known:
            fresh.append((other_id, resemblance))
    if not fresh:
        return
    # One delete and one insert for all of a document's new resemblances: one pair at a
    # time, a folder of documents on one story cost a delete and an insert per pair (a third
    # of the time spent saving, measured with bench/bench_import.py).
    ids = [other_id for other_id, _ in fresh]
    if not created:
        Resemblance.objects.filter(
            Q(briefing=briefing, other_id__in=ids) | Q(briefing_id__in=ids, other=briefing)
        ).delete()
    rows = []
    for other_id, resemblance in fresh:
        kind, score = resemblance.kind, resemblance.score
        rows += [
            {"briefing_id": briefing.pk, "other_id": other_id, "kind": kind, "score": score},
            {"briefing_id": other_id, "other_id": briefing.pk, "kind": kind, "score": score},
        ]
    insert_rows(new_rows(Resemblance, rows), Resemblance)
