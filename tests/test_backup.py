"""Backups: restoring into a fresh database reproduces every public page, byte for byte.

Both ways are checked on the suite's own database kind: the native backup (SQLite's online
backup API, or pg_dump / pg_restore) and the portable JSON export with natural keys.
"""

import json
import re
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from briefings import backup
from briefings.models import Actor, Briefing, Source, Update
from images.models import Image, LeadImage, UpdateImage

from .factories import (
    BriefingFactory,
    CitationFactory,
    EmbedFactory,
    SourceFactory,
    UpdateFactory,
    UserFactory,
)
from .images_helpers import stored_image
from .other_database import fresh_database, serving
from .public_pages import NOT_FOUND_PATH, build_demo_content, other_pages

pytestmark = pytest.mark.django_db(transaction=True)

FEEDS = ("atom", "rss")


def build_content_with_history() -> None:
    """The demo content, an author, and history that points at rows since deleted: a
    revision of a citation whose source is gone, and of updates whose briefing is gone."""
    build_demo_content()
    author = UserFactory(username="ana")
    # A role, which a fresh database has already (a migration creates them).
    author.groups.add(Group.objects.get_or_create(name="Editor")[0])
    Update.objects.filter(pk=Update.objects.published().first().pk).update(author=author)
    update = Update.objects.published().last()
    EmbedFactory(update=update)  # an embedded post's card (embeds/) is restored with it
    # A photo in its gallery, the briefing's lead image too (images/): files restored with it.
    photo = stored_image(alt_text="Envoys in Geneva", caption="The talks, second day")
    UpdateImage.objects.create(update=update, image=photo)
    LeadImage.objects.update_or_create(briefing=update.briefing, defaults={"image": photo})
    gone = SourceFactory(name="Gone Agency")
    CitationFactory(update=update, source=gone).delete()
    gone.delete()
    doomed = BriefingFactory(title="Withdrawn story")
    UpdateFactory(briefing=doomed)
    doomed.delete()
    # A deleted update of a published briefing: the live poll reports it as removed.
    UpdateFactory(briefing=update.briefing).delete()
    # The suite empties the database between transactional tests, but not SQLite's FTS5
    # table (it is no model's), whose leftover rows would weigh in bm25's document counts
    # here and not in a restored index: start from an index of exactly this content.
    call_command("rebuild_search_index", stdout=StringIO())


def public_paths() -> list[str]:
    """Every public page of the current content: index pages, each briefing with its poll
    endpoint and feeds, each update's permalink, actor, source and tag pages and feeds,
    the sitemap, robots.txt and the 404 page."""
    paths = [
        reverse("briefings:home"),
        reverse("briefings:briefing_list"),
        reverse("briefings:update_list"),
        reverse("briefings:update_list_json"),
        reverse("briefings:actor_list"),
        reverse("briefings:source_list"),
        reverse("briefings:tag_list"),
        reverse("briefings:search") + "?q=ukraine",
        reverse("sitemap"),
        reverse("robots_txt"),
        NOT_FOUND_PATH,
        *(reverse(f"briefings:site_feed_{format}") for format in FEEDS),
    ]
    for briefing in Briefing.objects.published():
        live = reverse("briefings:live", args=[briefing.slug])
        paths += [briefing.get_absolute_url(), live, live + "?after=1"]
        paths += [reverse(f"briefings:briefing_feed_{f}", args=[briefing.slug]) for f in FEEDS]
    paths += [update.get_absolute_url() for update in Update.objects.published()]
    for kind, rows in (
        ("actor", Actor.objects.public()),
        ("source", Source.objects.public()),
        ("tag", Tag.objects.all()),
    ):
        for row in rows:
            paths.append(reverse(f"briefings:{kind}", args=[row.slug]))
            paths += [reverse(f"briefings:{kind}_feed_{f}", args=[row.slug]) for f in FEEDS]
    paths += other_pages(set(paths)).values()
    # The images' files as readers fetch them (images.views): the same bytes after a restore.
    for image in Image.objects.public():
        paths += [image.file.url, *(r.url for r in image.renditions())]
    return paths


# The one clock on a public page: a feed with no items (an actor whose updates are all
# drafts) is dated "now" by Django's feed generator (SyndicationFeed.latest_post_date falls
# back to the current time), so it changes from one request to the next, restored or not.
EMPTY_FEED_DATE = re.compile(rb"<updated>[^<]*</updated>|<lastBuildDate>[^<]*</lastBuildDate>")


def without_clock(path: str, content: bytes) -> bytes:
    if path.endswith((".atom", ".rss")) and not re.search(rb"<entry>|<item>", content):
        return EMPTY_FEED_DATE.sub(b"<date of the request/>", content)
    return content


def render(paths: list[str]) -> dict[str, tuple[int, str, bytes]]:
    client = Client()
    pages = {}
    for path in paths:
        response = client.get(path)
        # A served image file (images.views) streams; read to the end, it is closed.
        body = response.content if not response.streaming else b"".join(response.streaming_content)
        content = without_clock(path, body)
        pages[path] = (response.status_code, response["Content-Type"], content)
    return pages


def assert_same_pages(before: dict, after: dict) -> None:
    assert sum(status == 200 for status, _, _ in before.values()) > 100
    differing = [path for path in before if before[path] != after[path]]
    details = []
    for path in differing[:3]:
        old, new = before[path][2].decode().splitlines(), after[path][2].decode().splitlines()
        changed = [(a, b) for a, b in zip(old, new, strict=False) if a != b][:1]
        details.append(f"{path}: {before[path][0]} → {after[path][0]}, {changed}")
    assert not differing, f"{len(differing)} of {len(before)} pages differ: {details}"


def media_files(root) -> dict[str, bytes]:
    """Every stored file under ``root``, by name: what a restore must reproduce exactly."""
    root = Path(root)
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_native_backup_restored_into_a_fresh_database_serves_the_same_pages(tmp_path, settings):
    build_content_with_history()
    media = media_files(settings.MEDIA_ROOT)
    assert len(media) >= 3  # the photo and its renditions
    paths = public_paths()
    before = render(paths)
    suffix = ".sqlite3" if connection.vendor == "sqlite" else ".dump"
    path = tmp_path / f"newsroom{suffix}"
    out = StringIO()
    call_command("backup_database", "--output", str(path), stdout=out)
    assert f"Backed up the {connection.vendor} database to {path}" in out.getvalue()

    with fresh_database(tmp_path, "restore") as fresh, serving(fresh):
        settings.MEDIA_ROOT = tmp_path / "restored-media"  # a fresh machine's empty media
        # A fresh database has no tables: nothing to confirm.
        call_command("restore_database", str(path), "--no-input", stdout=StringIO())
        after = render(paths)
    assert_same_pages(before, after)
    assert media_files(settings.MEDIA_ROOT) == media


def test_json_export_imported_into_a_fresh_database_serves_the_same_pages(tmp_path, settings):
    build_content_with_history()
    media = media_files(settings.MEDIA_ROOT)
    paths = public_paths()
    before = render(paths)
    history_count = Update.history.count()
    export = tmp_path / "newsroom.json"
    call_command("export_newsroom", str(export), stdout=StringIO())

    rows = json.loads(export.read_text())
    by_model = {}
    for row in rows:
        by_model.setdefault(row["model"], []).append(row)
    # References by natural key: a citation names its source by slug, an update its briefing.
    citation = by_model["briefings.citation"][0]["fields"]
    assert isinstance(citation["source"], list) and isinstance(citation["source"][0], str)
    assert isinstance(by_model["briefings.update"][0]["fields"]["briefing"], list)
    assert by_model["taggit.taggeditem"][0]["fields"]["content_type"][0] == "briefings"
    assert "pk" not in by_model["auth.group"][0]  # found by name in the fresh database
    assert {"sessions.session", "contenttypes.contenttype", "auth.permission"}.isdisjoint(by_model)

    with fresh_database(tmp_path, "import") as fresh, serving(fresh):
        settings.MEDIA_ROOT = tmp_path / "imported-media"
        call_command("migrate", "--no-input", verbosity=0)
        out = StringIO()
        call_command("import_newsroom", str(export), stdout=out)
        assert f"Imported {len(rows):,} rows" in out.getvalue()
        after = render(paths)
        assert Update.history.count() == history_count
        assert Update.objects.filter(author__username="ana").exists()
        assert Group.objects.get(name="Editor").user_set.get().username == "ana"
    assert_same_pages(before, after)
    assert media_files(settings.MEDIA_ROOT) == media


def test_restore_refuses_to_replace_a_database_without_force(tmp_path, monkeypatch):
    BriefingFactory(title="Still here")
    path = tmp_path / "backup"
    call_command("backup_database", "--output", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match=r"restoring replaces them all.*--force"):
        call_command("restore_database", str(path), "--no-input")
    # In a terminal it asks; anything but "yes" restores nothing.
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore_database", str(path))
    BriefingFactory(title="Added after the backup")
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    call_command("restore_database", str(path), stdout=StringIO())
    assert Briefing.objects.get().title == "Still here"
    Briefing.objects.all().delete()
    call_command("restore_database", str(path), "--force", stdout=StringIO())
    assert Briefing.objects.get().title == "Still here"


def test_restore_refuses_files_that_are_not_backups(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a backup")
    with pytest.raises(CommandError, match="neither a SQLite database nor a pg_dump"):
        call_command("restore_database", str(text), "--force")
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore_database", str(tmp_path / "missing"), "--force")
    # A SQLite database that is not Newsroom's, and one whose pages are damaged.
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.executemany("INSERT INTO notes VALUES (?)", [("x" * 2000,)] * 50)
    db.close()
    if connection.vendor == "sqlite":
        with pytest.raises(CommandError, match="not a Newsroom backup"):
            call_command("restore_database", str(other), "--force")
        damaged = tmp_path / "damaged.sqlite3"
        data = bytearray(other.read_bytes())
        data[4096 + 100 : 4096 + 900] = b"\xff" * 800
        damaged.write_bytes(bytes(data))
        with pytest.raises(CommandError, match=r"damaged|cannot be read"):
            call_command("restore_database", str(damaged), "--force")
    else:
        with pytest.raises(CommandError, match="is a sqlite backup and this database is"):
            call_command("restore_database", str(other), "--force")


def test_postgres_backups_say_when_the_client_tools_are_missing(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(backup.BackupError, match=r"pg_dump is not installed.*postgresql-client"):
        backup._pg_tool("pg_dump")


def test_import_refuses_a_database_with_content_and_files_that_are_not_exports(tmp_path):
    export = tmp_path / "newsroom.json"
    call_command("export_newsroom", str(export), stdout=StringIO())
    BriefingFactory()
    with pytest.raises(CommandError, match="already has content"):
        call_command("import_newsroom", str(export))
    Briefing.objects.all().delete()
    broken = tmp_path / "broken.json"
    broken.write_text('{"not": "a list"')
    with pytest.raises(CommandError, match="not a JSON export"):
        call_command("import_newsroom", str(broken))
    with pytest.raises(CommandError, match=r"ends in \.json"):
        call_command("export_newsroom", str(tmp_path / "newsroom.txt"))
