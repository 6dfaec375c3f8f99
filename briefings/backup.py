"""Backups: a copy of the whole database in its own format, and a portable JSON export.

- **SQLite**: SQLite's online backup API (``sqlite3.Connection.backup``) copies the database
  page by page while the site keeps running: in WAL mode readers and the writer carry on,
  and the copy is one consistent moment. Restoring copies a checked backup back the same way.
- **PostgreSQL**: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists``.
- **JSON** (``export_newsroom`` / ``import_newsroom``): the content of any Newsroom database,
  for moving between SQLite and PostgreSQL or reading with other tools (see ``export_json``).
- **Media**: beside either, ``<backup>.media.tar`` holds every file of the default storage
  (uploaded images and their renditions, filesystem or S3), byte for byte; restoring or
  importing puts them back under the same names (``back_up_media`` / ``restore_media``).

The management commands ``backup_database``, ``restore_database``, ``export_newsroom`` and
``import_newsroom`` are thin wrappers around these functions.
"""

import datetime as dt
import io
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.client import DatabaseClient

# A table every Newsroom database has: a file without it is not a Newsroom backup.
KNOWN_TABLE = "briefings_briefing"
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, in one line."""


def default_backup_path(directory: Path, vendor: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = ".sqlite3" if vendor == "sqlite" else ".dump"
    return directory / f"newsroom-{stamp}{suffix}"


def back_up(path: Path, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write a backup of the database ``using`` to ``path``; return the path."""
    connection = connections[using]
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed when complete: a file with the final name is never partial.
    partial = path.with_name(path.name + ".partial")
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(connection, partial)
        elif connection.vendor == "postgresql":
            _pg_run("pg_dump", connection, ["--format=custom", f"--file={partial}"])
        else:
            raise BackupError(f"no backup for the {connection.vendor} database backend")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    back_up_media(media_path(path))
    return path


def media_path(path: Path) -> Path:
    """Where the media of the backup or export at ``path`` are kept: beside it."""
    return path.with_name(path.name + ".media.tar")


def _stored_names(storage, directory: str = ""):
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # nothing uploaded yet: no media folder
        return
    for name in sorted(files):
        yield posixpath.join(directory, name) if directory else name
    for name in sorted(directories):
        yield from _stored_names(storage, posixpath.join(directory, name) if directory else name)


def back_up_media(path: Path, storage=None) -> int:
    """Every file of the default storage into the tar ``path``, byte for byte; how many.
    No file is written when there are none."""
    storage = storage or default_storage
    names = list(_stored_names(storage))
    if not names:
        return 0
    partial = path.with_name(path.name + ".partial")
    try:
        with tarfile.open(partial, "w") as archive:
            for name in names:
                with storage.open(name, "rb") as handle:
                    data = handle.read()
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return len(names)


def restore_media(path: Path, storage=None) -> int:
    """The files of the tar ``path`` back into the default storage under their own names,
    replacing any there; how many. Names that would leave the storage are refused."""
    storage = storage or default_storage
    if not path.is_file():
        return 0
    count = 0
    try:
        with tarfile.open(path) as archive:
            for member in archive.getmembers():
                name = posixpath.normpath(member.name)
                if not member.isfile() or name.startswith(("/", "..")) or name != member.name:
                    raise BackupError(f"{path}: {member.name!r} is not a stored file's name")
                data = archive.extractfile(member).read()
                if storage.exists(name):
                    storage.delete(name)
                if storage.save(name, ContentFile(data)) != name:
                    raise BackupError(f"{path}: {name} could not be stored under its own name")
                count += 1
    except tarfile.TarError as error:
        raise BackupError(f"{path} is not a media archive: {error}") from error
    return count


def _sqlite_backup(connection, path: Path) -> None:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        # One self-contained file: the copy would otherwise be in WAL mode like the site's
        # database, and reading it would leave -wal and -shm files beside it.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()


def check_backup(path: Path, vendor: str) -> None:
    """Raise ``BackupError`` unless ``path`` is an intact Newsroom backup for ``vendor``."""
    if not path.is_file():
        raise BackupError(f"no such file: {path}")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(PG_DUMP_MAGIC):
        kind = "postgresql"
    elif head == SQLITE_MAGIC:
        kind = "sqlite"
    else:
        raise BackupError(f"{path} is neither a SQLite database nor a pg_dump custom archive")
    if kind != vendor:
        raise BackupError(
            f"{path} is a {kind} backup and this database is {vendor}: "
            "move content between the two with export_newsroom / import_newsroom"
        )
    if kind == "sqlite":
        _check_sqlite_backup(path)
    else:
        listing = _pg_output("pg_restore", ["--list", str(path)])
        if f" TABLE public {KNOWN_TABLE} " not in listing:
            raise BackupError(f"{path} is not a Newsroom backup: it has no {KNOWN_TABLE} table")


def _check_sqlite_backup(path: Path) -> None:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (result,) = source.execute("PRAGMA integrity_check").fetchone()
            known = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [KNOWN_TABLE]
            ).fetchone()
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} cannot be read as a SQLite database: {error}") from error
    if result != "ok":
        raise BackupError(f"{path} is damaged: integrity_check says {result!r}")
    if not known:
        raise BackupError(f"{path} is not a Newsroom backup: it has no {KNOWN_TABLE} table")


def existing_tables(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    connection = connections[using]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def restore(path: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the database ``using`` with the backup at ``path`` (checked first)."""
    connection = connections[using]
    check_backup(path, connection.vendor)
    if connection.vendor == "sqlite":
        # The backup API again, this time from the file into the database: it takes the
        # database's locks like any writer, where copying over a WAL database's file would not.
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
    else:
        connection.close()
        _pg_run(
            "pg_restore",
            connection,
            ["--clean", "--if-exists", "--no-owner", "--exit-on-error", str(path)],
        )
    restore_media(media_path(path))


def _pg_env(connection) -> dict[str, str]:
    settings_dict = connection.settings_dict
    _, client_env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(client_env or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _pg_tool(name: str) -> str:
    executable = shutil.which(name)
    if executable is None:
        raise BackupError(
            f"{name} is not installed: PostgreSQL backups need its client tools "
            "(Debian: apt-get install postgresql-client)"
        )
    return executable


def _pg_run(tool: str, connection, arguments: list[str]) -> None:
    command = [_pg_tool(tool), f"--dbname={connection.settings_dict['NAME']}", *arguments]
    result = subprocess.run(  # noqa: S603 (PostgreSQL's own tool, found on PATH)
        command, env=_pg_env(connection), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()
        raise BackupError(f"{tool} failed: {message[-1] if message else result.returncode}")


def _pg_output(tool: str, arguments: list[str]) -> str:
    result = subprocess.run(  # noqa: S603 (PostgreSQL's own tool, found on PATH)
        [_pg_tool(tool), *arguments], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} cannot read it: {result.stderr.strip()}")
    return result.stdout


# JSON export --------------------------------------------------------------------------------

# What the export holds: the content and who wrote it. Left out, because a fresh database
# makes its own (content types and permissions, referred to by name in the export) or
# because they are ephemeral: sessions (everyone signs in again), login attempts and
# lockouts (django-axes), and the admin's "recent actions" log, whose object ids are text.
# The revision history (simple_history's Historical* models) is exported on purpose: it is
# the record of who changed what, the source of "Deleted updates", and the live poll learns
# of deletions from it.
EXPORTED_APPS = ("auth", "taggit", "briefings", "embeds", "images")
# Stored counts (briefings.taguse) are derived: recomputed on import (rebuild_counts).
EXCLUDED_MODELS = {"auth.permission", "briefings.taguse"}
# Models exported without their ids, found by their natural key on import: the roles, which
# a fresh database already has (a migration creates them), and tags (their names).
# Everything else keeps its id, because ids are public: an update's permalink holds its id,
# tags point at briefings and updates by id, and the history at the rows it records.
NATURAL_PRIMARY = {"auth.group", "taggit.tag"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond. DjangoJSONEncoder rounds them to milliseconds (as
    ECMAScript does), which would move every stored time: the live poll's cursors, which
    are the microsecond of the latest change, and the feeds' dates."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class LenientSerializer(JSONSerializer):
    """Django's JSON serializer, with natural foreign keys, that writes a reference to a row
    that no longer exists as the plain id it holds. Only the history has such references
    (a revision of a citation whose source was since merged away, of an update whose
    briefing was deleted): they point at nothing, and keep pointing at nothing."""

    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            self._current[field.name] = self._value_from_field(obj, field)


def exported_models() -> list:
    models = [
        model
        for app_label in EXPORTED_APPS
        for model in apps.get_app_config(app_label).get_models()
        if model._meta.label_lower not in EXCLUDED_MODELS
    ]
    # Rows referred to by natural key come before the rows referring to them.
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


def export_json(stream, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Write every exported row to ``stream`` as one JSON list; return counts per model."""
    counts = {}
    stream.write("[")
    first = True
    for model in exported_models():
        queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
        text = LenientSerializer().serialize(
            queryset.iterator(chunk_size=2000),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=model._meta.label_lower in NATURAL_PRIMARY,
            indent=1,
            cls=ExactJSONEncoder,
        )
        counts[model._meta.label] = count = queryset.count()
        if count:
            # The serializer writes "[...]" for each model; join them into one list.
            stream.write(("" if first else ",") + text.strip()[1:-1])
            first = False
    stream.write("]\n")
    return counts


def import_json(path: Path, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Load an export into the database ``using``, which must hold no content yet."""
    from .models import Actor, Briefing, Source, Update, rebuild_counts
    from .search import rebuild

    if not path.is_file():
        raise BackupError(f"no such file: {path}")
    if path.suffix != ".json":
        raise BackupError(f"{path}: an export's name ends in .json")
    try:
        with path.open(encoding="utf-8") as file:
            rows = json.load(file)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is not a JSON export: {error}") from error
    if not isinstance(rows, list) or not all(
        isinstance(row, dict) and "model" in row for row in rows
    ):
        raise BackupError(f"{path} is not a Newsroom export: expected a list of model rows")
    for model in (Briefing, Update, Source, Actor):
        if model._base_manager.using(using).exists():
            raise BackupError(
                "this database already has content (it has "
                f"{model._meta.verbose_name_plural}); import into a freshly migrated one"
            )
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["model"]] = counts.get(row["model"], 0) + 1
    # loaddata: natural keys, forward references, constraint checks and, on PostgreSQL,
    # the sequences moved past the loaded ids.
    call_command("loaddata", str(path), database=using, verbosity=0)
    # The search index and the stored counts are kept up by signals on ordinary saves;
    # loaded rows bypass them.
    rebuild()
    rebuild_counts(using)
    return counts
