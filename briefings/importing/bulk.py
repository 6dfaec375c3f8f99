"""Bulk inserts with their history rows, for imports of thousands of updates.

simple-history's ``bulk_create_with_history`` builds a historical model instance for every
row and inserts them through the ORM, which costs as much as the rows themselves. Here the
history rows go in with one ``executemany`` of plain tuples: the same rows (type "+", the
change reason, no user), written in a fraction of the time.

The rows themselves go in the same way (``insert_rows``): what ``bulk_create`` writes, with
the keys the database gives back, but without compiling every value through the ORM's
insert compiler — which was a fifth of a first import's time (bench/bench_import.py:
60,000 rows, half a million values).
"""

import sqlite3

from django.db import NotSupportedError, connection, models
from django.db.models.base import ModelState
from django.utils import timezone

BATCH = 2000


def bulk_create_with_fast_history(objs: list[models.Model], model, reason: str) -> None:
    if not objs:
        return
    insert_rows(objs, model)
    insert_history(objs, model, reason)


# Values of these fields go to the database driver as they are; others (dates, JSON) are
# prepared by their field, which is most of the cost when done for every value.
PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def _rows_per_statement(columns: int) -> int:
    """As many rows as one INSERT may carry: SQLite counts its parameters (Django assumes
    999, the limit of old versions; the library says what this one allows)."""
    if connection.vendor != "sqlite":
        return BATCH
    connection.ensure_connection()
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(BATCH, limit // columns))


def new_rows(model, rows: list[dict]) -> list[models.Model]:
    """Unsaved instances of ``model``, one for each dict of attribute values (the other
    fields take their defaults), for ``insert_rows``; made without ``Model.__init__``, whose
    keyword handling and pre_init/post_init signals (imagekit listens to every model's) cost
    more than inserting the row: ~1 s for the bench corpus's 50,000 citations and mentions.
    Only for models whose defaults are constants and that nobody needs initialised."""
    defaults = {}
    for f in model._meta.concrete_fields:
        if f.has_default() and callable(f.default):
            raise ValueError(f"{model.__name__}.{f.name} has a default to call: use the model")
        defaults[f.attname] = f.get_default()
    objs = []
    for values in rows:
        obj = model.__new__(model)
        obj.__dict__.update(defaults, **values)
        obj._state = ModelState()
        objs.append(obj)
    return objs


def insert_rows(objs: list[models.Model], model) -> None:
    """``model.objects.bulk_create(objs)`` for new rows of a model with an automatic key and
    no multi-table inheritance, with the values prepared as ``insert_history`` does: each
    field's ``pre_save`` (auto_now dates), plain values as they are. Sets each object's key
    from the database's RETURNING, in insertion order, as ``bulk_create`` does."""
    if not connection.features.can_return_rows_from_bulk_insert:
        # Without RETURNING (SQLite < 3.35) the new rows' keys must be read back.
        raise NotSupportedError("importing needs PostgreSQL or SQLite 3.35 or newer")
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    getters = []
    for f in fields:
        if f.is_relation or (isinstance(f, PLAIN) and type(f).pre_save is models.Field.pre_save):
            getters.append(lambda obj, name=f.attname: getattr(obj, name))
        else:
            getters.append(lambda obj, f=f: f.get_db_prep_save(f.pre_save(obj, True), connection))
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = _rows_per_statement(len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per_statement):
            chunk = objs[start : start + per_statement]
            values = [get(obj) for obj in chunk for get in getters]
            # Table and column names come from the models, values go as parameters.
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608
                f"VALUES {', '.join([row] * len(chunk))} RETURNING {quote(meta.pk.column)}",
                values,
            )
            for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = connection.alias


def insert_history(objs: list[models.Model], model, reason: str) -> None:
    history = model.history.model
    fields = [f for f in history._meta.concrete_fields if not f.primary_key]
    fixed = {
        "history_date": timezone.now(),
        "history_change_reason": reason,
        "history_type": "+",
        "history_user_id": None,
    }
    getters = []
    for f in fields:
        if f.attname in fixed:
            value = f.get_db_prep_save(fixed[f.attname], connection)
            getters.append(lambda obj, value=value: value)
        elif isinstance(f, PLAIN) or f.is_relation:
            getters.append(lambda obj, name=f.attname: getattr(obj, name))
        else:
            getters.append(lambda obj, f=f: f.get_db_prep_save(getattr(obj, f.attname), connection))
    rows = [[get(obj) for get in getters] for obj in objs]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from the models, values go as parameters.
    sql = f"INSERT INTO {quote(history._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
