"""The import pipeline: files → text → clean → parse → load, one transaction a document.

``import_paths()`` is what the ``import_briefings`` command and the admin upload call. A
document that cannot be read or parsed is reported and skipped; the others import. With
``dry_run`` everything runs as usual and is rolled back at the end, so the report shows
exactly what would happen.
"""

import datetime as dt
import hashlib
import json
import logging
import os
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from ..fields import known_time_zones
from ..models import Briefing, Status
from . import prefetch, similarity
from .clean import clean_text
from .dating import find_document_date
from .load import (
    Findings,
    LoadResult,
    Rendering,
    load_document,
    one_line,
    render,
    similarity_index,
)
from .names import RegistryEntry
from .parse import KINDS, TooManyEntries, entry_starts, parse_document
from .registry import STARTER_REGISTRY, ensure_starter_registry, load_registry

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
SNIFF_BYTES = 64 * 1024


def max_bytes() -> int:
    """Documents larger than this are refused unread (briefings are kilobytes, not megabytes)."""
    return getattr(settings, "NEWSROOM_IMPORT_MAX_BYTES", 5 * 1024 * 1024)


def max_entries() -> int:
    """Entries one document may have: a preview of a bigger one would tie up a worker."""
    return getattr(settings, "NEWSROOM_IMPORT_MAX_ENTRIES", 5000)


NO_DATE = "no date in the document: give --date"
TOO_MANY = (
    "more than {:,} entries (NEWSROOM_IMPORT_MAX_ENTRIES): split the document or raise the limit"
)


class DocumentError(Exception):
    """A document that cannot be imported; the message is the one line the user sees."""


@dataclass
class Options:
    kind: str = "auto"
    date: dt.date | None = None
    time_zone: str | None = None
    publish: bool = False
    dry_run: bool = False
    registry: Path | None = STARTER_REGISTRY


@dataclass(kw_only=True)
class DocumentReport(Findings):
    """One document's outcome: what loading found (``Findings``, as sorted lists once
    loaded), and what reading, cleaning and parsing saw."""

    path: str
    status: str = "failed"  # created, updated, unchanged, failed
    kind: str = ""
    title: str = ""
    url: str = ""
    briefing_id: int | None = None
    removed: list[dict] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)  # what cleaning repaired
    entries: list[dict] = field(default_factory=list)  # what the document parsed into
    time_zone: str = ""  # the zone its stamps were read in
    error: str = ""


@dataclass
class ImportReport:
    documents: list[DocumentReport] = field(default_factory=list)
    registry: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.status == "failed"]

    def totals(self) -> Counter:
        totals = Counter(d.status for d in self.documents)
        for document in self.documents:
            totals.update(document.counts)
        return totals

    def as_json(self) -> str:
        return json.dumps(
            {
                "dry_run": self.dry_run,
                "totals": dict(self.totals()),
                "registry_added": self.registry,
                "documents": [asdict(d) for d in self.documents],
            },
            ensure_ascii=False,
            indent=2,
            default=sorted,  # the sets of a report that failed before loading
        )


# Reading -----------------------------------------------------------------------------------


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """The files named, and the text files inside the folders named, in a stable order.

    Folders are walked lazily, so a folder of thousands of files is never listed in memory
    all at once beyond one directory's entries.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif (
            entry.is_file()
            and entry.name != MANIFEST
            and Path(entry.name).suffix.lower() in TEXT_SUFFIXES
        ):
            yield Path(entry.path)


def read_text(path: Path, limit: int | None = None) -> tuple[str, bytes, list[str]]:
    """A document's text, its bytes and any warnings; DocumentError when it is not text."""
    limit = max_bytes() if limit is None else limit
    try:
        size = path.stat().st_size
    except OSError as error:
        raise DocumentError(f"cannot read: {error.strerror or error}") from error
    if size > limit:
        raise DocumentError(f"too large: {size / 1e6:.1f} MB (the limit is {limit / 1e6:.1f} MB)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"cannot read: {error.strerror or error}") from error
    text, warnings = decode(data)
    return text, data, warnings


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes → text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252."""
    if not data.strip():
        raise DocumentError("empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise DocumentError("not text: broken UTF-16") from error
    sniff = data[:SNIFF_BYTES]
    controls = sum(1 for b in sniff if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sniff or controls > len(sniff) * 0.05:
        raise DocumentError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise DocumentError("undecodable: neither UTF-8 nor Windows-1252 text")
    return text, ["not valid UTF-8: read as Windows-1252"]


def load_manifest(folder: Path) -> dict[str, dict]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DocumentError(f"{path}: not a valid manifest: {error}") from error
    documents = data.get("documents", {}) if isinstance(data, dict) else {}
    return documents if isinstance(documents, dict) else {}


def digest(data: bytes, options: Options, meta: dict) -> str:
    """What decides the result of an import: the bytes and the options that shape parsing."""
    shape = json.dumps(
        [options.kind, str(options.date or ""), options.time_zone, sorted(meta.items())],
        default=str,
    )
    return hashlib.sha256(data + b"\x00" + shape.encode()).hexdigest()


# Importing ---------------------------------------------------------------------------------


def _document_options(options: Options, meta: dict) -> tuple[str, date | None, str | None]:
    kind = options.kind if options.kind != "auto" else meta.get("kind", "auto")
    if kind not in (*KINDS, "auto"):
        raise DocumentError(f"manifest: unknown kind {kind!r}")
    when = options.date
    if when is None and meta.get("date"):
        try:
            when = date.fromisoformat(str(meta["date"]))
        except ValueError as error:
            raise DocumentError(f"manifest: bad date {meta['date']!r}") from error
    zone = options.time_zone or meta.get("time_zone")
    if zone and zone not in known_time_zones():
        raise DocumentError(f"unknown time zone {zone!r}")
    return kind, when, zone


@dataclass
class Prepared:
    """A document read, cleaned and parsed, ready to load: everything but the writing."""

    path: Path
    meta: dict
    report: DocumentReport
    parsed: object = None  # a ParsedDocument; None when failed or unchanged
    key: str = ""
    text: str = ""  # as read, until parsed
    rendering: Rendering | None = None  # what loading derives from the parse alone
    answers: dict | None = None  # what parsing asked the registry, when parsed elsewhere


def prepare_document(path: Path, meta: dict, options: Options, registry) -> Prepared:
    """Read, clean and parse one document. Reads the database (is it already imported?) but
    never writes it, so no write lock is held while a big document is parsed."""
    prepared = _read(path, meta, options)
    if prepared.report.status == "failed" and prepared.report.error:
        return prepared
    if _find_unchanged(prepared):
        return prepared
    return _parse_prepared(prepared, options, registry)


def _read(path: Path, meta: dict, options: Options) -> Prepared:
    """Read a document and its digest: the first step of preparing it, and the only one the
    prefetching process leaves to the importing one."""
    prepared = Prepared(path, meta, DocumentReport(path=str(path)))
    try:
        text, data, warnings = read_text(path)
        prepared.report.warnings.extend(warnings)
        _document_options(options, meta)
        prepared.key = digest(data, options, meta)
        prepared.text = text
    except DocumentError as error:
        prepared.report.status, prepared.report.error = "failed", str(error)
    return prepared


def _find_unchanged(prepared: Prepared) -> bool:
    """Whether the document is imported already, as it is: its briefing, for loading to
    publish if asked, in place of a parse."""
    report = prepared.report
    unchanged = Briefing.objects.filter(import_digest=prepared.key).first()
    if unchanged is None:
        return False
    report.status, report.kind, report.title = "unchanged", unchanged.kind, unchanged.title
    report.url, report.briefing_id = unchanged.get_absolute_url(), unchanged.pk
    prepared.parsed = unchanged  # loading only publishes it, if asked
    prepared.text = ""
    return True


def _parse_prepared(prepared: Prepared, options: Options, registry) -> Prepared:
    """Clean and parse a document read by ``_read``. Pure but for ``registry``, which it
    only reads (is a name an outlet, an actor)."""
    report, meta, text = prepared.report, prepared.meta, prepared.text
    prepared.text = ""
    try:
        kind, when, zone = _document_options(options, meta)
        if entry_starts(text.split("\n")) > max_entries():
            raise DocumentError(TOO_MANY.format(max_entries()))  # refused before cleaning
        cleaned = clean_text(text)
        report.removed = [asdict(r) for r in cleaned.removed]
        report.repairs = list(cleaned.repairs)
        if not cleaned.text.strip():
            raise DocumentError("no text left after cleaning")
        if (
            when is None
            and find_document_date(cleaned.text.split("\n"), meta.get("title") or "") is None
        ):
            # The only date may sit in a line removed as chrome ("Updated … © 2024" footers
            # give the year to a "4th December" header): read the text as it came.
            found = find_document_date(text.split("\n"), meta.get("title") or "")
            if found:
                when = found.day
                report.warnings.append(
                    f"the date {found.day:%d %B %Y} is read from a line removed as site chrome"
                )
        parsed = _parse(cleaned.text, kind, when, zone, registry, meta.get("title"))
        report.kind, report.title, report.time_zone = parsed.kind, parsed.title, parsed.time_zone
        report.entries = [_entry_summary(entry) for entry in parsed.entries]
        report.warnings.extend(parsed.warnings)
        if not parsed.entries:
            raise DocumentError("no entries found")
        if parsed.needs_date:
            raise DocumentError(NO_DATE)  # never dated today behind the user's back
        prepared.parsed = parsed
    except DocumentError as error:
        report.status, report.error = "failed", str(error)
    return prepared


def load_prepared(prepared: Prepared, options: Options, registry, index) -> DocumentReport:
    """Write one prepared document, in a transaction of its own."""
    report = prepared.report
    if prepared.parsed is None:
        return report
    try:
        if isinstance(prepared.parsed, Briefing):
            _publish_unchanged(report, prepared.parsed, options)
            return report
        with transaction.atomic():
            result = load_document(
                prepared.parsed,
                registry,
                digest=prepared.key,
                publish=options.publish,
                origin=prepared.meta.get("origin", ""),
                origin_url=prepared.meta.get("origin_url", ""),
                change_reason=f"Imported from {prepared.path.name}",
                index=index,
                rendering=prepared.rendering,
            )
        _report_result(report, result)
    except DatabaseError as error:
        report.status, report.error = "failed", f"database error: {str(error).splitlines()[0]}"
    except ValidationError as error:
        # What the reading made of the document is not a valid briefing (a field the model
        # refuses): the document is reported and left out, never a traceback.
        report.status, report.error = "failed", f"not a valid briefing: {one_line(error)}"
    return report


def import_document(path: Path, meta: dict, options: Options, registry, index) -> DocumentReport:
    return load_prepared(prepare_document(path, meta, options, registry), options, registry, index)


def _entry_summary(entry) -> dict:
    return {
        "posted_at": entry.posted_at.isoformat() if entry.posted_at else None,
        "section": entry.section,
        "headline": entry.headline,
        "excerpt": " ".join(entry.body.split()[:30]),
        "citations": [c.name for c in entry.citations],
        "is_original_entry": entry.is_original_entry,
    }


def _parse(text, kind, when, zone, registry, title):
    try:
        return parse_document(
            text,
            kind=kind,
            default_date=when,
            default_zone=zone,
            is_outlet=registry.is_outlet,
            title=title,
            max_entries=max_entries(),
        )
    except TooManyEntries as error:
        raise DocumentError(TOO_MANY.format(max_entries())) from error
    except (ValueError, IndexError, KeyError, RecursionError) as error:
        # Parsing is pure and tested against arbitrary text; should an odd document still
        # trip it, the document fails with the reason and the run goes on.
        logger.exception("parsing failed")
        raise DocumentError(f"cannot parse: {type(error).__name__}: {error}") from error


def _publish_unchanged(report: DocumentReport, briefing: Briefing, options: Options) -> None:
    if options.publish and briefing.status != Status.PUBLISHED:
        with transaction.atomic():
            briefing.publish(at=briefing.coverage_start)
            briefing._change_reason = "Published on import"
            briefing.save()
        report.status, report.counts = "updated", {"briefings published": 1}


def _report_result(report: DocumentReport, result: LoadResult) -> None:
    report.status = result.status
    report.url, report.briefing_id = result.briefing.get_absolute_url(), result.briefing.pk
    report.counts = dict(result.counts)
    report.matched_actors = sorted(result.matched_actors)
    report.proposed_actors = sorted(result.proposed_actors)
    report.matched_sources = sorted(result.matched_sources)
    report.proposed_sources = sorted(result.proposed_sources)
    report.resemblances = [{"kind": k, "title": t} for k, t in result.resemblances]
    report.warnings.extend(dict.fromkeys(result.warnings))


class _Rollback(Exception):
    """Raised to roll back a dry run."""


def import_paths(paths: list[Path], options: Options, progress=None) -> ImportReport:
    """Import every document under ``paths``; see the module docstring. ``progress``, if
    given, is called with the number of documents done after each one."""
    report = ImportReport(dry_run=options.dry_run)
    if not options.dry_run:
        _import_all(paths, options, report, progress)  # a transaction for each document
        return report
    # A dry run writes inside one transaction that is rolled back. Every document is read
    # and parsed first, outside it: no write lock is held while parsing.
    registry = _parsing_registry(options)
    prepared = [
        _prepared(path, meta, options, registry, report) for path, meta in _documents(paths, report)
    ]
    try:
        with transaction.atomic():
            _import_all([], options, report, progress, prepared=prepared)
            raise _Rollback
    except _Rollback:
        pass
    return report


def _parsing_registry(options: Options):
    """What parsing needs of the registry (which names are outlets), read without writing:
    the database's entries and the starter list's, which the import itself adds."""
    registry = load_registry()
    if options.registry:
        try:
            starter = json.loads(Path(options.registry).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return registry
        for source in starter.get("sources", []):
            if not registry.is_outlet(source["name"]):
                registry.add_source(
                    RegistryEntry("", source["name"], source.get("aliases", []), "", True)
                )
    return registry


def _prepared(path, meta, options, registry, report) -> Prepared:
    if path is None:  # a broken manifest: its report stands for it
        return Prepared(Path(meta["path"]), {}, DocumentReport(**meta))
    return prepare_document(path, meta, options, registry)


def _documents(paths: list[Path], report: ImportReport):
    """(path, manifest entry) for every document, lazily; (None, a failure) for a manifest
    that cannot be read."""
    manifests: dict[Path, dict] = {}
    for path in iter_files(paths):
        folder = path.parent
        if folder not in manifests:
            try:
                manifests[folder] = load_manifest(folder)
            except DocumentError as error:
                yield None, {"path": str(folder / MANIFEST), "error": str(error)}
                manifests[folder] = {}
        yield path, manifests[folder].get(path.name, {})


def _import_all(paths, options: Options, report: ImportReport, progress=None, prepared=None):
    if options.registry:
        with transaction.atomic():
            changes = ensure_starter_registry(options.registry)
        report.registry = {"sources": changes.sources, "actors": changes.actors}
    registry = load_registry()
    index: similarity.Index | None = None
    if prepared is None:
        prepared = _prepared_ahead(_documents(paths, report), options, registry)
    try:
        for document in prepared:
            if index is None:
                index = similarity_index()
            report.documents.append(load_prepared(document, options, registry, index))
            if progress is not None:
                progress(len(report.documents))
    finally:
        if hasattr(prepared, "close"):
            prepared.close()  # the generator's worker process, if it started one


# Documents prepared ahead: up to this many are being cleaned and parsed by the worker
# process while this one loads. Two keep it busy; more only hold parses that a proposal made
# in between may oblige this process to redo.
AHEAD = 2


def _prepared_ahead(documents, options: Options, registry) -> Iterator[Prepared]:
    """Every document prepared, in order, as ``prepare_document`` prepares it just before
    it is loaded — with the cleaning and parsing of the next ones done meanwhile by a worker
    process when there is a second core (see prefetch.py).

    Each document is read here, and the database asked whether it is imported already, when
    it is sent and again when its turn comes (a document earlier in the run may have
    changed the answer). The first is parsed here, while the worker starts.
    """
    queue: deque[tuple[Prepared, object]] = deque()  # (as read, the worker's future or None)
    worker: prefetch.Worker | None = None
    documents = iter(documents)
    try:
        while True:
            while len(queue) < 1 + AHEAD:
                item = next(documents, None)
                if item is None:
                    break
                path, meta = item
                if path is None:  # a broken manifest: its report stands for it
                    queue.append((Prepared(Path(meta["path"]), {}, DocumentReport(**meta)), None))
                    continue
                read = _read(path, meta, options)
                future = None
                if (
                    queue
                    and not read.report.error
                    and (worker is not None or prefetch.available())
                    and not Briefing.objects.filter(import_digest=read.key).exists()
                ):
                    worker = worker or prefetch.Worker(registry)
                    future = worker.submit(_prepare_elsewhere, (read, options))
                queue.append((read, future))
            if not queue:
                return
            read, future = queue.popleft()
            yield _prepared_now(read, future, options, registry)
    finally:
        if worker is not None:
            worker.close()


def _prepare_elsewhere(job: tuple[Prepared, Options], registry) -> Prepared:
    """In the worker process: clean and parse, and what loading derives from the parse."""
    read, options = job
    prepared = _parse_prepared(read, options, registry)
    if prepared.parsed is not None:
        prepared.rendering = render(prepared.parsed)
    return prepared


def _prepared_now(read: Prepared, future, options: Options, registry) -> Prepared:
    """A document as ``prepare_document`` would prepare it now: the worker's parse if its
    registry answered as this one does, else parsed here."""
    if read.report.error or _find_unchanged(read):
        if future is not None:
            future.cancel()
        return read
    if future is not None:
        prepared, answers = future.result()
        if prefetch.consistent(registry, answers):
            return prepared
    return _parse_prepared(read, options, registry)
