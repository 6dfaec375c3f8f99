"""Full-text search over published updates: ``search(query)``, counted and sliced lazily.

Bounded: the newest ``CANDIDATES`` matches (by id) are ranked, and matches are counted up to
that many, so a search costs about the same whether a word matches a hundred updates or
half a million; past the bound readers read "1,000+".

One interface, one backend per database vendor:

- SQLite: an FTS5 table ``briefings_update_fts`` (headline, body, briefing title; rowid = the
  update's id), ranked with ``bm25()`` and highlighted with ``snippet()``.
- PostgreSQL: a weighted ``tsvector`` column ``briefings_update.search_document`` (A: headline
  and briefing title, B: body) with a GIN index, ranked with ``ts_rank()`` and highlighted with
  ``ts_headline()``. The ``newsroom_search`` configuration is ``simple`` (no stemming,
  no stop words: the same words as SQLite) with ``unaccent``.

Both are created by migration 0003_update_search_index. Readers' queries never reach either
engine's query language: ``parse_query`` keeps words, "exact phrases" and trailing-``*``
prefixes, and each backend spells them in its own syntax from those parts only, so no input
can raise a syntax error.

The index covers every update, drafts included; visibility is decided when searching, through
``Update.objects.published()``, so scheduled updates appear when due without reindexing.

Keeping the index in step: Django signals (below) plus ``index_updates()`` after bulk writes
(the importer) and ``rebuild()`` (``manage.py rebuild_search_index``). SQL triggers would also
catch bulk writes, but on SQLite they break Django's own migrations: altering a table rebuilds
it (copy, drop, rename), and with a trigger on one table naming the other the rename fails
("error in trigger …: no such table", SQLite 3.40), while the rebuilt table silently loses its
own triggers. Signals survive any schema change.
"""

# SQL below is composed from this module's constants and the SQL Django compiles for
# published(); what readers type reaches the database only as parameters.
# ruff: noqa: S608

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Briefing, Update
from .pagination import BOUND

MAX_QUERY_LENGTH = 200
# Only the newest this many matches are ranked and counted: a common word matches half of a
# million updates, and ranking them all took 1.3 s (SQLite) and 5.4 s (PostgreSQL). Readers
# are told "1,000+ results", as the update stream's count is bounded (pagination.BOUND).
CANDIDATES = BOUND
FTS_TABLE = "briefings_update_fts"
PG_CONFIG = "newsroom_search"
# Highlight markers: private-use characters, which readers do not type. The snippet's text is
# escaped and only these become <mark> tags, so markup in a body is always shown as text.
START, STOP = "\ue000", "\ue001"
# Words as both engines see them: letters and digits. Anything else separates words, so a
# term without any can be dropped before it reaches the database.
WORD = re.compile(r"[^\W_]+")
# Control characters (NUL included) and lone surrogates cannot be sent to PostgreSQL or SQLite.
UNSENDABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class Term:
    """A word or an "exact phrase"; ``prefix`` when it ended in ``*`` (its last word is a
    prefix: ``drone*`` finds drones)."""

    text: str
    prefix: bool = False

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


def clean_query(query: str) -> str:
    return " ".join(UNSENDABLE.sub(" ", query).split())


def parse_query(query: str) -> list[Term]:
    """The reader's query as terms: ``"exact words"``, ``word`` and ``prefix*``.

    An unclosed quote runs to the end. Every other symbol is a separator, so ``AND``, ``OR``,
    ``NOT`` and ``NEAR`` are words like any other and ``-`` or ``(`` mean nothing.
    """
    terms = []
    for match in re.finditer(r'"([^"]*)("?)(\*?)|([^\s"]+)', clean_query(query)):
        phrase, _closing, star, word = match.groups()
        text = phrase if word is None else word.rstrip("*")
        prefix = bool(star) if word is None else word.endswith("*")
        term = Term(" ".join(text.split()), prefix)
        if term.words:
            terms.append(term)
    return terms


def highlight(marked: str) -> SafeString:
    """Text with START/STOP markers → escaped HTML in which only <mark> tags are ours."""
    html, open_ = [], False
    for part in re.split(f"([{START}{STOP}])", marked):
        if part == START and not open_:
            html.append("<mark>")
            open_ = True
        elif part == STOP and open_:
            html.append("</mark>")
            open_ = False
        elif part not in (START, STOP):
            html.append(escape(part))
    if open_:
        html.append("</mark>")
    return mark_safe("".join(html))  # noqa: S308 (every piece escaped above)


class SearchResults:
    """Published updates matching a query, best first, asked of the engine lazily as a
    QuerySet is: ``count()`` for how many there are, a slice for one page of them (Update
    objects with ``rank``, higher is better, and ``snippet``, safe HTML, with what the
    search page shows of them: ``shown()``). A Paginator takes it as it takes a QuerySet, so
    the search page is a ListView like the others."""

    def __init__(self, query: str):
        self.query = query
        self.terms = parse_query(query[: MAX_QUERY_LENGTH * 2])
        self._count = None
        self.more = False
        self._memo = {}  # what a backend found once, for both the count and the page

    def __repr__(self):
        return f"<SearchResults {self.query!r}>"

    def count(self) -> int:
        """How many results there are, up to ``CANDIDATES`` (``more`` says when there are
        more: they are not counted, nor ranked)."""
        if self._count is None:
            found = get_backend().count(self.terms, _published(), self._memo) if self.terms else 0
            self._count, self.more = min(found, CANDIDATES), found > CANDIDATES
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, int):
            hits = self[key : key + 1]
            if not hits:
                raise IndexError("search result index out of range")
            return hits[0]
        start, stop, step = key.start or 0, key.stop, key.step
        if step is not None or start < 0 or (stop is not None and stop < 0):
            raise ValueError("Search results take slices of positive bounds, without a step.")
        if stop is None:
            stop = self.count()
        return self._hits(limit=stop - start, offset=start)

    def _hits(self, limit: int, offset: int) -> list[Update]:
        if not self.terms or limit <= 0:
            return []
        rows = get_backend().page(self.terms, _published(), limit, offset, self._memo)
        updates = shown(Update.objects.published()).in_bulk([pk for pk, _, _ in rows])
        hits = []
        for pk, rank, snippet in rows:
            if pk in updates:  # published a moment ago, and no longer: leave it out
                update = updates[pk]
                update.rank, update.snippet = rank, highlight(snippet or "")
                hits.append(update)
        return hits


def shown(updates):
    """What a search result shows of an update, in one query: its time, headline and link,
    its briefing's title and time zone (``search.html``). Not ``for_display()``: the page
    shows none of the citations, mentions, corrections, tags, embeds or images it reads,
    six more queries (16 of a page's 80 ms at 100,000 updates on a loaded machine)."""
    return updates.select_related("briefing").only(
        "id", "posted_at", "headline", "briefing__slug", "briefing__title", "briefing__time_zone"
    )


def _published() -> tuple[str, tuple]:
    return Update.objects.published().values("pk").query.sql_with_params()


def newest_matches(query: str) -> list[int]:
    """The ids of the newest ``CANDIDATES`` published updates matching ``query`` (words, "a
    phrase", a prefix*), unranked: what the update stream's "Words" filter narrows to, from
    the search index rather than a LIKE over every update's body (1.6 s at 1,000,000
    updates for a word nothing holds)."""
    terms = parse_query(query[: MAX_QUERY_LENGTH * 2])
    return get_backend().newest_ids(terms, {}) if terms else []


def search(query: str) -> SearchResults:
    """Published updates matching every term of ``query``, best first: nothing is asked of
    the database until the results are counted or sliced."""
    return SearchResults(query)


# Backends ----------------------------------------------------------------------------------


def _chunks(ids: list, size: int = 500):
    # SQLite caps the number of parameters in a statement.
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _run(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


class SQLiteBackend:
    # bm25 column weights, in the table's column order: headline, body, briefing title.
    WEIGHTS = "10.0, 1.0, 10.0"

    @staticmethod
    def match(terms: list[Term]) -> str:
        # Every term a quoted FTS5 string (quotes doubled inside), so nothing in it is syntax;
        # a trailing * outside the quotes makes its last word a prefix. Juxtaposed = AND.
        return " ".join(
            '"' + " ".join(t.words).replace('"', '""') + '"' + ("*" if t.prefix else "")
            for t in terms
        )

    @staticmethod
    def published() -> tuple[str, list]:
        """Whether the matching row is published, as EXISTS on its rowid. Not ``rowid IN
        (published ids)``: SQLite hands such a list to FTS5 as rowids to look up one by one,
        each lookup running the match again (30 s for one word in 1,000,000 updates); this
        checks each match by primary key instead."""
        rowid = RawSQL(f"{FTS_TABLE}.rowid", ())  # noqa: S611 (a constant, no input)
        visible = Update.objects.published().filter(pk=rowid)
        sql, params = visible.values("pk").query.sql_with_params()
        return f"EXISTS ({sql})", list(params)

    def count(self, terms, published, memo: dict) -> int:
        """Matches, counted up to one past ``CANDIDATES``."""
        sql, params = self.published()
        return _run(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"AND {sql} LIMIT %s)",
            [self.match(terms), *params, CANDIDATES + 1],
        )[0][0]

    def newest_ids(self, terms, memo: dict) -> list[int]:
        sql, params = self.published()
        return [
            pk
            for (pk,) in _run(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND {sql} "
                "ORDER BY rowid DESC LIMIT %s",
                [self.match(terms), *params, CANDIDATES],
            )
        ]

    def page(self, terms, published, limit, offset, memo: dict):
        sql, params = self.published()
        match = self.match(terms)
        # The oldest candidate: FTS5 walks its rowids newest first and stops, so no match
        # past the bound is read. Then bm25 and snippet for the candidates only, by a rowid
        # range, which FTS5 answers from its index (a list of ids would run the match once
        # per id). One statement: the subquery runs once.
        oldest = (
            f"COALESCE((SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND {sql} "
            "ORDER BY rowid DESC LIMIT 1 OFFSET %s), 0)"
        )
        return [
            (pk, -score, snippet)  # bm25: lower is better
            for pk, score, snippet in _run(
                f"SELECT {FTS_TABLE}.rowid, bm25({FTS_TABLE}, {self.WEIGHTS}) AS score, "
                f"snippet({FTS_TABLE}, 1, %s, %s, '…', 32) "
                f"FROM {FTS_TABLE} JOIN briefings_update AS u ON u.id = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid >= {oldest} AND {sql} "
                "ORDER BY score, u.posted_at DESC, u.id DESC LIMIT %s OFFSET %s",
                [START, STOP, match, match, *params, CANDIDATES - 1, *params, limit, offset],
            )
        ]

    def index(self, ids) -> None:
        for chunk in _chunks(ids):
            marks = ", ".join(["%s"] * len(chunk))
            _run(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)
            _run(
                f"INSERT INTO {FTS_TABLE} (rowid, headline, body, title) "
                "SELECT u.id, u.headline, u.body, b.title FROM briefings_update u "
                f"JOIN briefings_briefing b ON b.id = u.briefing_id WHERE u.id IN ({marks})",
                chunk,
            )

    def remove(self, ids) -> None:
        for chunk in _chunks(ids):
            marks = ", ".join(["%s"] * len(chunk))
            _run(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)

    def rebuild(self) -> None:
        _run(f"DELETE FROM {FTS_TABLE}", [])
        _run(
            f"INSERT INTO {FTS_TABLE} (rowid, headline, body, title) "
            "SELECT u.id, u.headline, u.body, b.title FROM briefings_update u "
            "JOIN briefings_briefing b ON b.id = u.briefing_id",
            [],
        )


class PostgreSQLBackend:
    DOCUMENT = (
        f"setweight(to_tsvector('{PG_CONFIG}', u.headline), 'A') || "
        f"setweight(to_tsvector('{PG_CONFIG}', b.title), 'A') || "
        f"setweight(to_tsvector('{PG_CONFIG}', u.body), 'B')"
    )
    # The newest this many ids are read first, one by one, each checked against the query.
    SCAN = 2_000
    # What one id costs read that way, in matches of the GIN index's bitmap, which holds every
    # match of the query wherever its id (measured at 1,000,000 updates: 1.5–3.6 µs an id,
    # 0.3–0.8 µs a match, more for words that are common apart and rarer together).
    SCAN_COST = 3
    HEADLINE_OPTIONS = (
        f'StartSel="{START}", StopSel="{STOP}", MaxWords=35, MinWords=15, '
        'MaxFragments=2, FragmentDelimiter=" … "'
    )

    @staticmethod
    def tsquery(terms: list[Term]) -> tuple[str, list[str]]:
        # Whole words and phrases go to websearch_to_tsquery, which never raises; each one is
        # quoted, so "or" and "-" in it are words. Prefixes need to_tsquery's ":*", built from
        # letters and digits only, so the string holds no operator either.
        parts, params = [], []
        whole = [t for t in terms if not t.prefix]
        if whole:
            parts.append(f"websearch_to_tsquery('{PG_CONFIG}', %s)")
            params.append(" ".join(f'"{t.text.replace(chr(34), " ")}"' for t in whole))
        for term in terms:
            if term.prefix:
                parts.append(f"to_tsquery('{PG_CONFIG}', %s)")
                params.append(" <-> ".join(term.words) + ":*")
        return " && ".join(parts), params

    @staticmethod
    def published() -> tuple[str, list]:
        """Whether row ``u`` is published, as EXISTS by its primary key. Not ``u.id IN
        (published ids)``: PostgreSQL hashes every published id first (0.2 s at 100,000
        updates) before looking at a single match."""
        visible = Update.objects.published().filter(pk=RawSQL("u.id", ()))
        sql, params = visible.values("pk").order_by().query.sql_with_params()
        return f"EXISTS ({sql})", list(params)

    def newest_matches(self, terms) -> list[tuple]:
        """The newest ``CANDIDATES`` + 1 published matches, newest first, as (id, rank,
        posted_at): ranked as they are found, from the tsvector the match read.

        The GIN index returns matches in no order, and its bitmap holds every match of the
        query before a single row is read, however narrow the range of ids it is ANDed with
        (122 ms for "shelters all-clear" at 1,000,000 updates: 389,718 matches). So the
        newest ``SCAN`` ids are read first down the primary key, each row's tsvector checked
        (``ts_match_vq``, the function behind ``@@``, which no index answers), stopping at
        the last candidate: a common word is done within a few thousand rows. What share
        of those matched then sizes the next range of ids, older than the ones read, to
        hold the missing candidates with a margin (at least as many ids as were read), read
        the cheaper way for that share: down the primary key again when the query is common
        (the bitmap would be larger than the range), through the GIN index when it is rare
        (its bitmap is small). Until the candidates are found or the first id is reached:
        one or two statements for most queries.
        """
        bound = CANDIDATES + 1
        top, found = self._read(terms, None, 0, self.SCAN, bound, scan=True)
        read = self.SCAN
        while len(found) < bound and read < top:
            share = len(found) / read
            wanted = (bound - len(found)) * 1.25 / share if share else top
            size = max(int(wanted), read)
            scan = size * self.SCAN_COST < share * top
            rest = None if read + size >= top else size
            _, more = self._read(terms, top, read, rest, bound - len(found), scan=scan)
            found += more
            read += size
        return found

    def _read(self, terms, top, skip: int, size: int | None, limit: int, scan: bool):
        """The newest ``limit`` published matches among ``size`` ids (all of them: None)
        below ``top`` (None: the newest id) less ``skip``, down the primary key (``scan``)
        or through the GIN index; with ``top``, so that every read counts from the same one
        while updates are added."""
        sql, params = self.published()
        tsquery, tsparams = self.tsquery(terms)
        if size is None:
            # Every older id: the GIN index's bitmap alone, not ANDed with one of every id.
            ids, id_params = "u.id + 0 <= top.id - %s", [skip]
        else:
            ids, id_params = "u.id <= top.id - %s AND u.id > top.id - %s", [skip, skip + size]
        if scan:  # down the primary key, each row checked: the LIMIT stops it
            matches = f"briefings_update u WHERE {ids} AND ts_match_vq(u.search_document, q.tsq)"
            match_params = []
        else:
            # Spelled out, for the planner to see what to ask the index. The matches sorted
            # first, then whether they are published checked down to the last candidate
            # only (OFFSET 0 keeps the check out of the sorted subquery): the range's margin
            # costs no checks.
            matches = (
                "(SELECT u.id, u.search_document, u.posted_at FROM briefings_update u "
                f"WHERE {ids} AND u.search_document @@ ({tsquery}) "
                "ORDER BY u.id DESC OFFSET 0) AS u WHERE true"
            )
            match_params = tsparams
        rows = _run(
            f"WITH q AS MATERIALIZED (SELECT {tsquery} AS tsq), "
            "top AS MATERIALIZED (SELECT COALESCE(%s, max(id)) AS id FROM briefings_update) "
            "SELECT top.id, found.id, ts_rank(found.search_document, q.tsq), found.posted_at "
            "FROM top CROSS JOIN q LEFT JOIN LATERAL ("
            f"SELECT u.id, u.search_document, u.posted_at FROM {matches} "
            f"AND {sql} ORDER BY u.id DESC LIMIT %s) AS found ON true",
            [*tsparams, top, *id_params, *match_params, *params, limit],
        )
        return rows[0][0] or 0, [row[1:] for row in rows if row[1] is not None]

    def _candidates(self, terms, memo: dict) -> list[tuple]:
        if "found" not in memo:
            memo["found"] = self.newest_matches(terms)
        return memo["found"]

    def count(self, terms, published, memo: dict) -> int:
        """Matches, counted up to one past ``CANDIDATES``."""
        return len(self._candidates(terms, memo))

    def newest_ids(self, terms, memo: dict) -> list[int]:
        return [found[0] for found in self._candidates(terms, memo)[:CANDIDATES]]

    def page(self, terms, published, limit, offset, memo: dict):
        # Best first, the newest first among equals, as ranked when found; ts_headline, which
        # re-parses the body, for the page's rows only.
        ranked = sorted(
            self._candidates(terms, memo)[:CANDIDATES],
            key=lambda found: (-found[1], -found[2].timestamp(), -found[0]),
        )[offset : offset + limit]
        if not ranked:
            return []
        tsquery, tsparams = self.tsquery(terms)
        snippets = dict(
            _run(
                f"SELECT u.id, ts_headline('{PG_CONFIG}', u.body, {tsquery}, %s) "
                "FROM briefings_update u WHERE u.id = ANY(%s)",
                [*tsparams, self.HEADLINE_OPTIONS, [pk for pk, _, _ in ranked]],
            )
        )
        return [(pk, score, snippets.get(pk)) for pk, score, _ in ranked]

    def index(self, ids) -> None:
        if ids:
            _run(
                f"UPDATE briefings_update u SET search_document = {self.DOCUMENT} "
                "FROM briefings_briefing b WHERE b.id = u.briefing_id AND u.id = ANY(%s)",
                [list(ids)],
            )

    def remove(self, ids) -> None:
        pass  # the document is a column of the deleted row

    def rebuild(self) -> None:
        _run(
            f"UPDATE briefings_update u SET search_document = {self.DOCUMENT} "
            "FROM briefings_briefing b WHERE b.id = u.briefing_id",
            [],
        )


BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgreSQLBackend()}


def get_backend():
    try:
        return BACKENDS[connection.vendor]
    except KeyError:
        message = f"Search supports SQLite and PostgreSQL, not {connection.vendor}."
        raise NotImplementedError(message) from None


def index_updates(ids) -> None:
    """(Re)index these updates: after writes that skip signals, such as bulk_create."""
    get_backend().index(list(ids))


def rebuild() -> int:
    """Index every update from scratch; returns how many there are."""
    get_backend().rebuild()
    return Update.objects.count()


# Signals ----------------------------------------------------------------------------------

INDEXED_FIELDS = {"headline", "body", "briefing", "briefing_id"}


@receiver(post_save, sender=Update, dispatch_uid="search_index_update")
def _index_saved_update(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or INDEXED_FIELDS & set(update_fields):
        index_updates([instance.pk])


@receiver(post_delete, sender=Update, dispatch_uid="search_remove_update")
def _remove_deleted_update(sender, instance, **kwargs):
    get_backend().remove([instance.pk])


@receiver(pre_save, sender=Briefing, dispatch_uid="search_note_title_change")
def _note_title_change(sender, instance, update_fields=None, raw=False, **kwargs):
    # Re-index a briefing's updates only when its title changed: a live log is saved often.
    stored = None
    if instance.pk and (update_fields is None or "title" in update_fields):
        stored = Briefing.objects.filter(pk=instance.pk).values_list("title", flat=True).first()
    instance._search_title_changed = stored is not None and stored != instance.title


@receiver(post_save, sender=Briefing, dispatch_uid="search_index_briefing_title")
def _index_retitled_briefing(sender, instance, created, **kwargs):
    if getattr(instance, "_search_title_changed", False):
        index_updates(instance.updates.values_list("pk", flat=True))
