"""Queries whose SQL is made once per process and run again with new values.

Making a query's SQL costs Django's ORM far more than running it: for each query of a
briefing's page, 0.3–1.2 ms of Python to build the queryset and compile it, against
0.01–0.1 ms for SQLite to answer (1,000 updates, measured in-process; issue 14's cold
page). A ``PreparedQuery`` is a function of its variable values (the moment ``now`` that
``published()`` compares with, ids) returning a queryset; its SQL is compiled once, and
each call runs that SQL with the new values in their places, through the same cursor and
the same converters as the ORM.

Where the values go is learnt, not assumed: the queryset is built with two sets of probe
values, one value changed at a time, and the SQL must stay the same text while exactly the
parameters of that value change, to what the database adapter makes of each probe. A value
that reaches the SQL text (a slice's LIMIT), a parameter that changes between two builds
with no value changed (a ``timezone.now()`` read inside the function instead of the ``now``
it is given: the clock is made to move between the builds), or anything else unexplained
makes the query run through the ORM every time instead: slower, never wrong. The values
of its first call must then go where the probes went too. A plan is learnt for the kinds
of its values (None, a flag, a naive moment, each kind is a plan of its own, or the ORM)
and for the current time zone. Whatever else ``build`` reads (a setting, an id a cache
keeps) is frozen into the plan: it must read nothing that changes while the process runs
(plans are forgotten when a test changes a setting).
"""

import datetime as dt
import logging
from collections.abc import Callable
from itertools import count
from weakref import WeakSet

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.utils import timezone

logger = logging.getLogger(__name__)

# A query of more values (a long ``__in``) is not prepared: one plan for each count of
# values would be kept.
MAX_VALUES = 100
_steps = count()


def _probe_id() -> int:
    """A number no query holds by chance, another each time; within 32 bits however many
    were made before (PostgreSQL's integer columns: Django asks nothing for a larger one)."""
    return 1_000_000_007 + next(_steps) * 7919 % 1_000_000_000  # a billion apart


_everyone: "WeakSet[PreparedQuery]" = WeakSet()


def _kind(value):
    """What a plan is learnt for: a value of another kind may go elsewhere in the SQL (None
    is ``IS NULL``, not ``= NULL``), or be prepared otherwise by the ORM (True is 1 to an
    integer field, a naive moment is read in the site's time zone)."""
    if isinstance(value, dt.datetime):
        return dt.datetime, timezone.is_aware(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return type(value), -(2**63) <= value < 2**63  # beyond, the ORM asks nothing
    return type(value)


def _probes(value) -> tuple:
    """Two values of ``value``'s kind that no query holds by chance, and that no value of
    another query's holds either (each value a query is built with is changed apart)."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value) != settings.USE_TZ:
            # Naive with USE_TZ: the ORM reads it in the site's time zone, a plan in UTC.
            raise TypeError("a moment naive with USE_TZ, or aware without it")
        base = dt.datetime(2001, 2, 3, 4, 5, 6, 123457, tzinfo=dt.UTC if settings.USE_TZ else None)
        return tuple(base + dt.timedelta(seconds=_probe_id() % 10**9) for _ in "ab")
    if isinstance(value, bool):
        raise TypeError("a flag changes the query's shape: build one query for each")
    if isinstance(value, int):
        if not _kind(value)[1]:
            raise TypeError("an integer beyond 64 bits")
        return _probe_id(), _probe_id()
    if isinstance(value, str):
        # With what the ORM escapes or changes in a string: LIKE's wildcards (``iexact`` on
        # SQLite), a backslash, quotes, capitals.
        return tuple(f"Probe%_\\'\"-{_probe_id()}" for _ in "ab")
    raise TypeError(f"no probes for {type(value).__name__}")


class _ClockStopped(Exception):
    """The clock did not move (a test stopped it): whether the query reads it is unknown."""


def _wait_for_the_clock() -> None:
    """Return once ``timezone.now()`` has moved: a query that reads the clock itself then
    shows a changed parameter between two builds. A clock that a test stopped (freezegun,
    ``mock.patch``) would be waited for forever: after a while it is given up on."""
    start = timezone.now()
    for _ in range(10_000):  # the clock moves in a microsecond or two (two reads)
        if timezone.now() != start:
            return
    raise _ClockStopped("the clock does not move")


class _Plan:
    """The SQL of one query on one database, where its values go, and how its rows are
    turned into what the queryset gives."""

    def __init__(self, queryset: QuerySet, using: str, slots: list[tuple[int, int]]):
        self.compiler = queryset.query.get_compiler(using=using)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        self.slots = slots  # (position in params, index of the value)
        self.using = using
        select = self.compiler.select
        fields = [s[0] for s in select[: self.compiler.col_count]]
        if self.compiler.has_composite_fields(fields):
            raise ValueError("composite fields are not prepared")
        # Columns selected only to be ordered by (distinct()), that the rows leave out.
        self.width = self.compiler.col_count if self.compiler.has_extra_select else None
        # Made once, as the compiler makes them for every run of the query.
        self.converters = self.compiler.get_converters(fields)
        klass_info = self.compiler.klass_info
        self.model = None
        if queryset._iterable_class is ModelIterable:  # model instances, as it makes them
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            self.model = klass_info["model"]
            self.span = (start, end)
            self.attnames = [s[0].target.attname for s in select[start:end]]
            self.annotations = list(self.compiler.annotation_col_map.items())
            self.klass_info, self.select = klass_info, select

    def run(self, values: tuple) -> list:
        params = list(self.params)
        operations = connections[self.using].ops
        for position, index in self.slots:
            params[position] = _adapt(operations, values[index])
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.width is not None:
            rows = [row[: self.width] for row in rows]
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if self.model is None:
            return [tuple(row) for row in rows]
        start, end = self.span
        # Made for each run, as ModelIterable does: each keeps the instance it fills.
        related = get_related_populators(self.klass_info, self.select, self.using)
        instances = []
        for row in rows:
            instance = self.model.from_db(self.using, self.attnames, row[start:end])
            for populator in related:
                populator.populate(row, instance)
            for name, position in self.annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


def _adapt(operations, value):
    if isinstance(value, dt.datetime):
        return operations.adapt_datetimefield_value(value)
    return value


class PreparedQuery:
    """``build(*values)`` → a queryset of model instances (with their annotations and
    ``select_related()`` rows; no prefetching) or of ``values_list()`` tuples;
    ``prepared(*values)`` → the list it would give. Values are datetimes, ints and strings;
    a different number of them (ids for an ``__in``) is a different query, prepared on
    first use. ``build`` must make one SQL for every value of a kind (no ``if`` on a value):
    the values of a plan's first call are checked against it, later ones are not."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self.plans: dict[tuple, _Plan | None] = {}
        _everyone.add(self)

    def __call__(self, *values, using: str = "default") -> list:
        if len(values) > MAX_VALUES:
            return list(self.build(*values))
        key = self.key(*values, using=using)
        plans = self.plans  # the same dict throughout, though a setting's change replaces it
        if key not in plans:
            try:
                plans[key] = self._plan(values, using)
            except _ClockStopped:  # the ORM this time; learnt when the clock runs again
                return list(self.build(*values))
        plan = plans[key]
        if plan is None:
            return list(self.build(*values))
        return plan.run(values)

    def key(self, *values, using: str = "default") -> tuple:
        """The plan these values are run with: one for each database, count and kinds of
        values, and time zone (its name is a parameter of what reads a moment's day or
        hour)."""
        zone = timezone.get_current_timezone_name() if settings.USE_TZ else None
        return (using, len(values), zone, tuple(_kind(value) for value in values))

    def _plan(self, values: tuple, using: str) -> _Plan | None:
        try:
            return self._learn(values, using)
        except _ClockStopped:
            raise
        except Exception as reason:  # EmptyResultSet, ValidationError …: the ORM's to say
            logger.warning("Not prepared, run through the ORM: %s (%r)", self.build, reason)
            return None

    def _learn(self, values: tuple, using: str) -> _Plan | None:
        probes = [_probes(value) for value in values]
        first = tuple(a for a, _ in probes)
        base = self.build(*first)
        if base._prefetch_related_lookups or base._known_related_objects:
            raise ValueError("prefetched or known related rows are not prepared")
        if base._iterable_class not in (ModelIterable, ValuesListIterable):
            raise ValueError("only model instances and values_list() tuples are prepared")
        if base.db != using:
            raise ValueError(f"the queryset is asked of {base.db!r}, not {using!r}")
        operations = connections[using].ops
        sql, params = base.query.get_compiler(using=using).as_sql()
        slots = []
        for index, (_, second) in enumerate(probes):
            _wait_for_the_clock()
            changed = self.build(*first[:index], second, *first[index + 1 :])
            other_sql, other_params = changed.query.get_compiler(using=using).as_sql()
            if other_sql != sql or len(other_params) != len(params):
                raise ValueError(f"value {index} changes the SQL's text")
            moved = [i for i, (a, b) in enumerate(zip(params, other_params, strict=True)) if a != b]
            for position in moved:
                if params[position] != _adapt(operations, first[index]) or other_params[
                    position
                ] != _adapt(operations, second):
                    raise ValueError(f"a parameter changed that value {index} does not explain")
                slots.append((position, index))
            if not moved:
                raise ValueError(f"value {index} is not a parameter")
        if len({position for position, _ in slots}) != len(slots):
            raise ValueError("a parameter is made of more than one value")
        _wait_for_the_clock()
        again = self.build(*first)
        if list(again.query.get_compiler(using=using).as_sql()[1]) != list(params):
            raise ValueError("the query changes with no value changed (it reads the clock?)")
        # The values it is first asked with go where the probes went.
        own_sql, own_params = self.build(*values).query.get_compiler(using=using).as_sql()
        expected = list(params)
        for position, index in slots:
            expected[position] = _adapt(operations, values[index])
        if own_sql != sql or list(own_params) != expected:
            raise ValueError("the values asked for do not go where the probes went")
        return _Plan(base, using, slots)


def _forget_every_plan(**_) -> None:
    """A test changed a setting: what a query was built from may have changed with it
    (a setting read in ``build`` is frozen into its plan), so every plan is learnt again."""
    for prepared in list(_everyone):
        prepared.plans = {}


setting_changed.connect(_forget_every_plan)
