"""A synthetic corpus for benchmarks: briefings, updates, sources, actors, citations,
mentions, quotes and tags in realistic proportions (``bench/generate_corpus.py``).

Built for size, not for editing: rows go in with multi-row INSERTs in batches, so model
``save()`` methods, signals and django-simple-history are bypassed (no history rows), and an
update's ``body_html`` is its paragraphs escaped — Markdown rendering is what makes saving
an update slow. The search index is filled batch by batch (``search.index_updates``).

Generated rows are marked (``import_key`` "corpus-…", a description starting with MARK) so
that the command can tell a database of its own making from one holding real content.
"""

import dataclasses
import datetime as dt
import hashlib
import itertools
import random
from collections.abc import Callable

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from briefings import search
from briefings.models import Actor, Briefing, Citation, Mention, Quote, Source, Status, Update

KEY_PREFIX = "corpus-"
MARK = "Synthetic (generate_corpus)."
SPAN = dt.timedelta(days=3 * 365)  # the corpus covers the last three years


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PLACES = words(
    "Kyiv Kharkiv Odesa Dnipro Lviv Kherson Sumy Mykolaiv Zaporizhzhia Pokrovsk Geneva "
    "Brussels Warsaw Vilnius Riga Tallinn Ankara Tbilisi Chisinau Berlin Paris London "
    "Washington Moscow Minsk Helsinki Bucharest Prague"
)
FIRST = words(
    "Andrii Olena Dmytro Iryna Mykola Kateryna Serhii Yulia Oleksandr Natalia Yuri Anna Pavlo "
    "Maria Taras Sofia Viktor Larysa Bohdan Halyna Jean Claire Hans Ingrid Marco Giulia Piotr "
    "Agnieszka Jonas Ruta Emre Ayse Giorgi Nino John Sarah Michael Emily Dmitry Svetlana"
)
LAST = words(
    "Kovalenko Shevchenko Bondarenko Tkachenko Kravchenko Melnyk Boyko Oliynyk Lysenko "
    "Marchenko Rudenko Savchenko Petrenko Moroz Hnatiuk Sybiha Ushakov Lavrov Peskov Dubois "
    "Martin Schneider Fischer Rossi Bianchi Nowak Kowalski Kazlauskas Berzins Tamm Yilmaz "
    "Kaya Beridze Smith Johnson Brown Miller Davis Wilson Anderson Taylor Moore Jackson "
    "White Harris Clark Lewis Walker Hall Young King Wright Scott Green Baker Adams Nelson "
    "Carter Mitchell"
)
TITLES = (
    "Foreign Minister",
    "Defence Minister",
    "Prime Minister",
    "President",
    "spokesperson",
    "envoy",
    "governor",
    "mayor",
    "commander",
    "energy minister",
)
OUTLET_WORDS = words(
    "Courier Herald Times Post Gazette Observer Monitor Daily Tribune Record Wire Review "
    "Chronicle Journal Dispatch Ledger"
)
TOPICS = (
    "Peace talks",
    "Sanctions",
    "Air defence",
    "Energy",
    "Grain exports",
    "Prisoner exchange",
    "Drones",
    "Refugees",
    "Military aid",
    "Elections",
    "Frontline",
    "Diplomacy",
    "Cyber",
    "Shipping",
    "Nuclear safety",
    "Reconstruction",
    "Corruption",
    "Mobilisation",
    "Economy",
    "Humanitarian aid",
    "Black Sea",
    "NATO",
    "EU accession",
    "War crimes",
    "Missile strikes",
)
SENTENCES = (
    "{actor} said talks in {place} would resume next week.",
    "Air defence units shot down {n} drones over {place} overnight, officials said.",
    "{actor} called the latest strikes on {place} a deliberate attack on civilians.",
    "Power was restored to {n} thousand homes in {place} by the morning.",
    "{actor} met counterparts in {place} to discuss {topic}.",
    "Officials in {place} reported {n} people injured after the shelling.",
    "The ministry said {n} shipments had left {place} under the new arrangement.",
    "{actor} told reporters that progress on {topic} depended on guarantees.",
    "Residents of {place} were urged to stay in shelters until the all-clear.",
    "Negotiators in {place} agreed on a framework for {topic}, according to two sources.",
    "{actor} denied reports that a deal on {topic} had been reached.",
    "Satellite images showed damage to infrastructure near {place}.",
)
QUOTE = "We will not accept any agreement made without us."
HEADLINES = (
    "Strikes on {place}",
    "{actor} in {place}",
    "Talks on {topic}",
    "{place}: the latest",
    "Blackouts in {place}",
    "{topic}: what we know",
)


@dataclasses.dataclass(frozen=True)
class Options:
    updates: int
    briefings: int
    actors: int
    sources: int
    seed: int = 0

    @classmethod
    def for_updates(cls, updates: int, seed: int = 0, **sizes) -> "Options":
        """The default proportions: 1,000,000 updates in 5,000 briefings, 2,000 actors and
        300 sources, scaled down (never below a handful) for smaller corpora."""
        defaults = {
            "briefings": max(1, round(updates / 200)),
            "actors": max(5, min(2000, round(updates / 500))),
            "sources": max(3, min(300, round(updates / 3000))),
        }
        chosen = {k: v if sizes.get(k) is None else sizes[k] for k, v in defaults.items()}
        return cls(updates=updates, seed=seed, **chosen)

    @property
    def digest(self) -> str:
        return hashlib.sha256(repr(dataclasses.astuple(self)).encode()).hexdigest()


@dataclasses.dataclass
class Counts:
    briefings: int = 0
    updates: int = 0
    actors: int = 0
    sources: int = 0
    citations: int = 0
    mentions: int = 0
    quotes: int = 0
    tagged: int = 0


def has_other_content() -> bool:
    """Whether the database holds anything this module did not make."""
    return (
        Briefing.objects.exclude(import_key__startswith=KEY_PREFIX).exists()
        or Update.objects.exclude(import_key__startswith=KEY_PREFIX).exists()
        or Actor.objects.exclude(description__startswith=MARK).exists()
        or Source.objects.exclude(description__startswith=MARK).exists()
    )


def existing_corpus(options: Options) -> str | None:
    """ "same" when this very corpus is already here, "other" when a different or unfinished
    one with the same seed is, None when there is none."""
    mine = Briefing.objects.filter(import_key__startswith=f"{KEY_PREFIX}{options.seed}-")
    if not mine.exists():
        return None
    if mine.exclude(import_digest=options.digest).exists():
        return "other"
    return "same"


def insert_rows(model, rows: list[dict]) -> None:
    """Insert ``rows`` (attribute name → value) skipping the ORM's per-object work: COPY on
    PostgreSQL, multi-row INSERTs on SQLite. Columns the rows leave out get the field's
    default; ``id`` is left to the database unless given."""
    if not rows:
        return
    fields = [
        f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in rows[0])
    ]
    defaults = {f.attname: f.get_default() for f in fields if f.attname not in rows[0]}
    adapt = {
        f.attname: connection.ops.adapt_datetimefield_value
        for f in fields
        if f.get_internal_type() == "DateTimeField"
    }
    values = [
        [
            adapt[f.attname](row.get(f.attname, defaults.get(f.attname)))
            if f.attname in adapt
            else row.get(f.attname, defaults.get(f.attname))
            for f in fields
        ]
        for row in rows
    ]
    # Names from the model's metadata; every value is sent as data.
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
        # SQLite allows 32,766 parameters a statement; stay well under.
        per_statement = max(1, 30000 // len(fields))
        for start in range(0, len(values), per_statement):
            chunk = values[start : start + per_statement]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([marks] * len(chunk))}",  # noqa: S608
                list(itertools.chain.from_iterable(chunk)),
            )


def skewed(rng: random.Random, n: int, alpha: float = 1.1) -> list[float]:
    """Cumulative weights for choosing among ``n`` items, a few far more often than most
    (a Zipf-like popularity: the news mentions some actors and cites some outlets a lot)."""
    order = list(range(n))
    rng.shuffle(order)
    return list(itertools.accumulate(1 / (rank + 1) ** alpha for rank in order))


def generate(options: Options, batch_size: int = 5000, progress: Callable = print) -> Counts:
    rng = random.Random(options.seed)  # reproducible fake data, not secrets
    counts = Counts()
    now = timezone.now()
    prefix = f"{KEY_PREFIX}{options.seed}-"

    with transaction.atomic():
        sources = make_sources(options, rng, counts)
        actors = make_actors(options, rng, counts)
        tags = [Tag.objects.get_or_create(name=name)[0].pk for name in TOPICS]
        briefings = make_briefings(options, rng, now, prefix, counts)
        tag_briefings(briefings, tags, rng, counts)

    source_weights = skewed(rng, len(sources))
    actor_weights = skewed(rng, len(actors))
    update_type = content_type_id(Update)
    next_id = (Update.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    batch: list[dict] = []

    def flush():
        nonlocal batch
        if not batch:
            return
        with transaction.atomic():
            insert_rows(Update, [row for row, _, _ in batch])
            citations, mentions, quotes, tagged = [], [], [], []
            for row, cited, named in batch:
                for position, source in enumerate(cited):
                    role = Citation.Role.PRIMARY if position == 0 else Citation.Role.SEE_ALSO
                    citations.append(
                        {
                            "update_id": row["id"],
                            "source_id": source,
                            "role": role,
                            "position": position,
                        }
                    )
                for position, (actor, _name) in enumerate(named):
                    mentions.append(
                        {"update_id": row["id"], "actor_id": actor, "position": position}
                    )
                if named and rng.random() < 0.05:
                    quotes.append({"update_id": row["id"], "actor_id": named[0][0], "text": QUOTE})
                if rng.random() < 0.3:
                    for tag in rng.sample(tags, rng.choice((1, 1, 2))):
                        tagged.append(
                            {"tag_id": tag, "content_type_id": update_type, "object_id": row["id"]}
                        )
            insert_rows(Citation, citations)
            insert_rows(Mention, mentions)
            insert_rows(Quote, quotes)
            insert_rows(TaggedItem, tagged)
            search.index_updates([row["id"] for row, _, _ in batch])
        counts.updates += len(batch)
        counts.citations += len(citations)
        counts.mentions += len(mentions)
        counts.quotes += len(quotes)
        counts.tagged += len(tagged)
        progress(f"{counts.updates:,} of {options.updates:,} updates")
        batch = []

    changed = {}  # each briefing's last change, as the change points would have stored it
    for briefing, n in zip(briefings, update_counts(options, rng), strict=True):
        start, end = briefing["coverage_start"], briefing["coverage_end"] or now
        moments = sorted((start + (end - start) * rng.random() for _ in range(n - 1)), reverse=True)
        # An update's updated_at is its posted_at (make_update): the newest is the first.
        changed[briefing["id"]] = max(briefing["updated_at"], moments[0] if moments else start)
        for position, posted_at in enumerate([*moments, start]):
            original = position == n - 1
            cited = pick(rng, sources, source_weights, rng.choice((0, 1, 1, 2, 2, 3)))
            named = pick(rng, actors, actor_weights, rng.choice((0, 1, 1, 1, 2, 3)))
            batch.append(
                (
                    make_update(rng, briefing, next_id, posted_at, named, original, prefix, now),
                    cited,
                    named,
                )
            )
            next_id += 1
            if len(batch) >= batch_size:
                flush()
    flush()

    # Each briefing's last change (``Briefing.changed_at``, what the sitemap reads), worked
    # out above rather than by a subquery (PostgreSQL walked the index on updated_at for
    # each briefing: 30 minutes at 1,000,000 updates), and the digest that marks the
    # corpus complete.
    with transaction.atomic():
        Briefing.objects.bulk_update(
            [Briefing(pk=pk, changed_at=moment) for pk, moment in changed.items()],
            ["changed_at"],
            batch_size=500,
        )
        Briefing.objects.filter(import_key__startswith=prefix).update(import_digest=options.digest)
    reset_sequences()
    analyze()
    return counts


def pick(rng, items, cum_weights, k):
    chosen = []
    for item in rng.choices(items, cum_weights=cum_weights, k=k):
        if item not in chosen:
            chosen.append(item)
    return chosen


def content_type_id(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def make_sources(options, rng, counts) -> list[int]:
    names = [f"{place} {word}" for place in PLACES for word in OUTLET_WORDS]
    rng.shuffle(names)
    kinds = [k for k, _ in Source.Kind.choices]
    sources = []
    for i in range(options.sources):
        name = names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}")
        name = f"{name} ({options.seed})" if options.seed else name
        sources.append(
            Source(
                name=name,
                slug=f"{slugify(name)[:80]}-c{options.seed}-{i}",
                kind=rng.choice(kinds),
                reliability=rng.choice("ABBCCCDF"),
                domains=[f"{slugify(name)}.example"],
                homepage=f"https://{slugify(name)}.example/",
                description=MARK,
            )
        )
    Source.objects.bulk_create(sources, batch_size=1000)
    counts.sources = len(sources)
    return list(
        Source.objects.filter(slug__in=[s.slug for s in sources]).values_list("pk", flat=True)
    )


def make_actors(options, rng, counts) -> list[tuple[int, str]]:
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    rng.shuffle(names)
    actors = []
    for i in range(options.actors):
        name = names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}")
        actors.append(
            Actor(
                name=name,
                slug=f"{slugify(name)[:80]}-c{options.seed}-{i}",
                kind=Actor.Kind.PERSON,
                title=f"{rng.choice(TITLES)}",
                description=MARK,
            )
        )
    Actor.objects.bulk_create(actors, batch_size=1000)
    counts.actors = len(actors)
    return list(Actor.objects.filter(slug__in=[a.slug for a in actors]).values_list("pk", "name"))


def make_briefings(options, rng, now, prefix, counts) -> list[dict]:
    """Briefings spread over the last three years, oldest first; the newest 1 % are live."""
    first_id = (Briefing.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    live_from = options.briefings - max(1, options.briefings // 100)
    rows = []
    for i in range(options.briefings):
        place, topic = rng.choice(PLACES), rng.choice(TOPICS)
        if i >= live_from:
            kind, start = Briefing.Kind.LIVE, now - dt.timedelta(hours=rng.uniform(2, 48))
            end = None
        else:
            kind = rng.choice(["live"] * 5 + ["digest"] * 3 + ["article"] * 2)
            start = now - SPAN + SPAN * (i / options.briefings)
            length = {"live": 36, "digest": 24, "article": 1}[kind]
            end = start + dt.timedelta(hours=length)
        title = f"{topic}: {place}, {start:%-d %B %Y}"
        rows.append(
            {
                "id": first_id + i,
                "title": title,
                "slug": f"{slugify(title)[:150]}-c{options.seed}-{i}",
                "standfirst": f"Running coverage of {topic.lower()} from {place}.",
                "kind": kind,
                "status": Status.PUBLISHED,
                "published_at": start,
                "coverage_start": start,
                "coverage_end": end,
                "time_zone": rng.choice(["UTC", "UTC", "Europe/Kyiv"]),
                "import_key": f"{prefix}b{i}",
                "import_digest": "",
                "created_at": start,
                "updated_at": end or start,
            }
        )
    for start in range(0, len(rows), 1000):
        insert_rows(Briefing, rows[start : start + 1000])
    counts.briefings = len(rows)
    return rows


def tag_briefings(briefings, tags, rng, counts) -> None:
    briefing_type = content_type_id(Briefing)
    rows = [
        {"tag_id": tag, "content_type_id": briefing_type, "object_id": b["id"]}
        for b in briefings
        for tag in rng.sample(tags, rng.choice((1, 2, 3)))
    ]
    insert_rows(TaggedItem, rows)
    counts.tagged += len(rows)


def update_counts(options, rng) -> list[int]:
    """Updates per briefing: every briefing has its original entry, the rest is shared out
    unevenly (a few big running stories, many small ones), adding up to ``updates``."""
    weights = [min(rng.paretovariate(1.2), 50.0) for _ in range(options.briefings)]
    spare = max(0, options.updates - options.briefings)
    total = sum(weights)
    shares = [int(spare * w / total) for w in weights]
    for i in rng.sample(range(options.briefings), spare - sum(shares)):
        shares[i] += 1
    # With fewer updates than briefings, every briefing still gets its original entry.
    return [1 + s for s in shares]


def make_update(rng, briefing, pk, posted_at, named, original, prefix, now) -> dict:
    def sentence():
        return rng.choice(SENTENCES).format(
            actor=named[0][1] if named else rng.choice(FIRST) + " " + rng.choice(LAST),
            place=rng.choice(PLACES),
            topic=rng.choice(TOPICS).lower(),
            n=rng.randint(2, 90),
        )

    paragraphs = [
        " ".join(sentence() for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(1, 3))
    ]
    headline = ""
    if rng.random() < 0.3:
        headline = rng.choice(HEADLINES).format(
            place=rng.choice(PLACES),
            actor=named[0][1] if named else rng.choice(LAST),
            topic=rng.choice(TOPICS),
        )
    status = Status.DRAFT if rng.random() < 0.01 and not original else Status.PUBLISHED
    return {
        "id": pk,
        "briefing_id": briefing["id"],
        "posted_at": posted_at,
        "headline": headline,
        "section": rng.choice(TOPICS) if briefing["kind"] == "digest" else "",
        "body": "\n\n".join(paragraphs),
        "body_html": "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs),
        "is_original_entry": original,
        "is_key_event": rng.random() < 0.03,
        "is_pinned": False,
        "status": status,
        "position": 0,
        "import_key": f"{prefix}u{pk}",
        "version": 1,
        "created_at": posted_at,
        "updated_at": posted_at,
    }


def reset_sequences() -> None:
    """Rows went in with explicit ids: tell PostgreSQL's sequences where to carry on."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Briefing, Update])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def analyze() -> None:
    """Fresh planner statistics, as a database that grew slowly would have."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
