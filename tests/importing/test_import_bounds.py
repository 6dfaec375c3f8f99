"""Issue 13 and issue 12 (finding 7): an import refuses a document without a date instead of
dating it today, the admin preview asks for the date, previews are bounded, parsing holds no
write lock, uploads are deleted, and a long import shows progress only on a terminal."""

import io
import os
import time
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from briefings import admin_import
from briefings.importing import pipeline
from briefings.models import Briefing, Update

UNDATED_LIVE = (
    b"Overnight attacks on Kyiv\n\n18:40 Sirens sounded across the capital.\n\n"
    b"17:55 Drones were seen over Sumy.\n"
)
DATED_IN_LAST_LINE = UNDATED_LIVE + b"\nLast updated: 18:45 GMT, 21 November 2024\n"


def run(*args, stderr=None):
    out, err = StringIO(), stderr or StringIO()
    call_command("import_briefings", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_live_log_without_a_date_is_refused_with_one_line(db, tmp_path):
    (tmp_path / "live.txt").write_bytes(UNDATED_LIVE)
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 1 documents could not be imported"):
        call_command("import_briefings", str(tmp_path), stdout=StringIO(), stderr=err)
    assert err.getvalue().strip().splitlines() == [
        f"failed     {tmp_path / 'live.txt'}: no date in the document: give --date"
    ]
    assert Briefing.objects.count() == 0 and Update.objects.count() == 0


def test_the_same_log_imports_with_date_given_or_stated_in_its_last_line(db, tmp_path):
    (tmp_path / "live.txt").write_bytes(UNDATED_LIVE)
    run("--date", "2024-11-21", str(tmp_path / "live.txt"))
    (tmp_path / "dated.txt").write_bytes(DATED_IN_LAST_LINE.replace(b"Kyiv", b"Kharkiv"))
    run(str(tmp_path / "dated.txt"))
    for briefing in Briefing.objects.all():
        days = {u.posted_at.date().isoformat() for u in briefing.updates.all()}
        assert days == {"2024-11-21"}, briefing.title


def test_too_many_entries_is_a_clear_failure(db, tmp_path, settings):
    settings.NEWSROOM_IMPORT_MAX_ENTRIES = 3
    stamps = "".join(f"{10 + n}:00 Item {n} happened.\n\n" for n in range(6))
    (tmp_path / "big.txt").write_text(f"Big log, 2 March 2024\n\n{stamps}")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_briefings", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "more than 3 entries (NEWSROOM_IMPORT_MAX_ENTRIES)" in err.getvalue()
    assert Briefing.objects.count() == 0


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_only(db, tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(
            f"Brief {n}, March 2, 2024\n\nUPDATE 1200 GMT:\n\nItem {n}.\n"
        )
    terminal = _Terminal()
    run("--no-registry", "--dry-run", str(tmp_path), stderr=terminal)
    assert "] 3/3 documents" in terminal.getvalue()
    _, err = run("--no-registry", "--dry-run", str(tmp_path))
    assert err == ""


@pytest.mark.django_db(transaction=True)
def test_a_preview_parses_outside_any_transaction(tmp_path, monkeypatch):
    (tmp_path / "doc.txt").write_bytes(DATED_IN_LAST_LINE)
    parse = pipeline.parse_document
    seen = []

    def watched(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return parse(*args, **kwargs)

    monkeypatch.setattr(pipeline, "parse_document", watched)
    report = pipeline.import_paths([tmp_path], pipeline.Options(dry_run=True, registry=None))
    assert report.documents[0].status == "created"
    assert seen == [False]
    assert Briefing.objects.count() == 0


# The admin preview ---------------------------------------------------------------------


URL = "admin:briefings_briefing_import"


def _fields(form):
    return {f.name: ("" if f.value() is None else f.value()) for f in form}


def test_the_preview_asks_for_the_date_then_imports(editor_client, db):
    url = reverse(URL)
    upload = SimpleUploadedFile("live.txt", UNDATED_LIVE, "text/plain")
    preview = editor_client.post(url, {"document": upload, "kind": "auto"})
    page = preview.content.decode()
    assert (
        "states no date" in page
        and 'name="date"' in page
        and 'type="hidden" name="date"' not in page
    )
    assert Briefing.objects.count() == 0
    data = {**_fields(preview.context["confirm_form"]), "date": "2024-11-21", "preview": "1"}
    again = editor_client.post(url, data)
    assert "This import <strong>creates</strong>" in again.content.decode()
    assert Briefing.objects.count() == 0
    token = data["token"]
    confirm = {**_fields(again.context["confirm_form"]), "confirm": "1"}
    done = editor_client.post(url, confirm)
    assert done.status_code == 302
    assert Briefing.objects.get().updates.count() == 2
    assert not (admin_import.upload_folder() / token).exists()  # deleted after confirm


def test_cancel_deletes_the_upload(editor_client, db):
    url = reverse(URL)
    upload = SimpleUploadedFile("live.txt", DATED_IN_LAST_LINE, "text/plain")
    preview = editor_client.post(url, {"document": upload, "kind": "auto"})
    token = preview.context["confirm_form"].initial["token"]
    assert (admin_import.upload_folder() / token).is_dir()
    editor_client.post(url, {"token": token, "cancel": "1"})
    assert not (admin_import.upload_folder() / token).exists()


def test_uploads_expire_after_a_day_on_the_next_visit(editor_client, db):
    old = admin_import.upload_folder() / ("a" * 64)
    fresh = admin_import.upload_folder() / ("b" * 64)
    for folder in (old, fresh):
        folder.mkdir(exist_ok=True)
        (folder / "doc.txt").write_text("x")
    day_ago = time.time() - admin_import.EXPIRES_AFTER - 60
    os.utime(old, (day_ago, day_ago))
    editor_client.get(reverse(URL))
    assert not old.exists() and fresh.exists()
    admin_import.discard(fresh.name)


def test_the_preview_shows_each_removed_line_to_paste_back(editor_client, db):
    text = DATED_IN_LAST_LINE + b"\nShare on Facebook\n"
    upload = SimpleUploadedFile("live.txt", text, "text/plain")
    page = editor_client.post(reverse(URL), {"document": upload, "kind": "auto"}).content.decode()
    assert "paste it back" in page
    assert ">Share on Facebook</textarea>" in page


def test_a_huge_document_is_refused_before_cleaning_or_parsing(db, tmp_path, settings, monkeypatch):
    """Cleaning 5 MB takes seconds: a document over the entry limit is refused on a count of
    the lines that may start an entry, before either runs (timings belong in bench/, so the
    test asserts what did not run)."""

    def must_not_run(*args, **kwargs):
        raise AssertionError("cleaned or parsed a document over the entry limit")

    monkeypatch.setattr(pipeline, "clean_text", must_not_run)
    monkeypatch.setattr(pipeline, "parse_document", must_not_run)
    settings.NEWSROOM_IMPORT_MAX_ENTRIES = 5000
    lines = [f"{(n // 60) % 24:02d}:{n % 60:02d} Item {n}." for n in range(100_000)]
    (tmp_path / "huge.txt").write_text("Huge log, 2 March 2024\n\n" + "\n".join(lines))
    report = pipeline.import_paths([tmp_path], pipeline.Options(dry_run=True, registry=None))
    assert "more than 5,000 entries" in report.documents[0].error
