"""Bulk inserts with their history rows, for imports of thousands of updates.

simple-history's ``bulk_create_with_history`` builds a historical model instance for every
row and inserts them through the ORM, which costs as much as the rows themselves. Here the
history rows go in with one ``executemany`` of plain tuples: the same rows (type "+", the
change reason, no user), written in a fraction of the time.
"""

from django.db import NotSupportedError, connection, models
from django.utils import timezone

BATCH = 2000


def bulk_create_with_fast_history(objs: list[models.Model], model, reason: str) -> None:
    if not objs:
        return
    model.objects.bulk_create(objs, batch_size=BATCH)
    if any(obj.pk is None for obj in objs):
        # Without RETURNING (SQLite < 3.35) the new rows' keys must be read back.
        raise NotSupportedError("importing needs PostgreSQL or SQLite 3.35 or newer")
    insert_history(objs, model, reason)


# Values of these fields go to the database driver as they are; others (dates, JSON) are
# prepared by their field, which is most of the cost when done for every value.
PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


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
