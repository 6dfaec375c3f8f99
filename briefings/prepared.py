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
makes the query run through the ORM every time instead: slower, never wrong.
"""

import datetime as dt
import logging
from collections.abc import Callable
from itertools import count

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.utils import timezone

logger = logging.getLogger(__name__)

# A query of more values (a long ``__in``) is not prepared: one plan for each count of
# values would be kept.
MAX_VALUES = 100
_probe_ids = count(1_000_000_007, 7919)


def _probes(value) -> tuple:
    """Two values of ``value``'s kind that no query holds by chance."""
    if isinstance(value, dt.datetime):
        return (
            dt.datetime(2001, 2, 3, 4, 5, 6, 123457, tzinfo=dt.UTC),
            dt.datetime(2002, 3, 4, 5, 6, 7, 234568, tzinfo=dt.UTC),
        )
    if isinstance(value, bool):
        raise TypeError("a flag changes the query's shape: build one query for each")
    if isinstance(value, int):
        return next(_probe_ids), next(_probe_ids)
    if isinstance(value, str):
        return f"probe-{next(_probe_ids)}", f"probe-{next(_probe_ids)}"
    raise TypeError(f"no probes for {type(value).__name__}")


def _wait_for_the_clock() -> None:
    """Return once ``timezone.now()`` has moved: a query that reads the clock itself then
    shows a changed parameter between two builds."""
    start = timezone.now()
    while timezone.now() == start:
        pass


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
        # Made once, as the compiler makes them for every run of the query.
        self.converters = self.compiler.get_converters(
            [s[0] for s in select[: self.compiler.col_count]]
        )
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
    first use."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self.plans: dict[tuple, _Plan | None] = {}

    def __call__(self, *values, using: str = "default") -> list:
        key = (using, len(values))
        if len(values) > MAX_VALUES:
            return list(self.build(*values))
        if key not in self.plans:
            self.plans[key] = self._plan(values, using)
        plan = self.plans[key]
        if plan is None:
            return list(self.build(*values))
        return plan.run(values)

    def _plan(self, values: tuple, using: str) -> _Plan | None:
        try:
            return self._learn(values, using)
        except (TypeError, ValueError) as reason:
            logger.warning("Not prepared, run through the ORM: %s (%s)", self.build, reason)
            return None

    def _learn(self, values: tuple, using: str) -> _Plan | None:
        probes = [_probes(value) for value in values]
        first = tuple(a for a, _ in probes)
        base = self.build(*first)
        if base._prefetch_related_lookups or base._known_related_objects:
            raise ValueError("prefetched or known related rows are not prepared")
        if base._iterable_class not in (ModelIterable, ValuesListIterable):
            raise ValueError("only model instances and values_list() tuples are prepared")
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
        _wait_for_the_clock()
        again = self.build(*first)
        if list(again.query.get_compiler(using=using).as_sql()[1]) != list(params):
            raise ValueError("the query changes with no value changed (it reads the clock?)")
        return _Plan(base, using, slots)
