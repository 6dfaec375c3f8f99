"""import_briefings run as on the command line: the seeds, re-imports, bad files, reports."""

import datetime as dt
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from briefings.models import (
    Actor,
    Briefing,
    Citation,
    Mention,
    Quote,
    Resemblance,
    Source,
    Status,
    Update,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEED = {
    "000": "000_af71793bb371fe68.txt",
    "001": "001_bbe6e142eb0c3a87.txt",
    "002": "002_51635e4d9e4636c5.txt",
    "003": "003_e4b5d5cdae9297de.txt",
    "004": "004_68a0b921f12cf4f1.txt",
}

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_briefings", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts():
    return [m.objects.count() for m in (Briefing, Update, Citation, Mention, Quote, Source, Actor)]


@pytest.fixture
def seeds(db):
    run("--publish", str(FIXTURES))
    return {
        key: Briefing.objects.get(import_key__isnull=False, title__startswith=title)
        for key, title in {
            "000": "Ukraine Foreign Minister",
            "001": "Diplomatic Overtures",
            "002": "Ukraine News Digest",
            "003": "Blinken in Brussels",
            "004": "Ukraine's Fate",
        }.items()
    }


def stamps(briefing):
    return [
        (timezone.localtime(u.posted_at, dt.UTC).strftime("%H:%M"), u.is_original_entry)
        for u in briefing.updates.in_reading_order()
    ]


def test_seed_000_is_a_live_log_of_three_updates(seeds):
    briefing = seeds["000"]
    assert briefing.kind == "live" and briefing.status == Status.PUBLISHED
    assert stamps(briefing)[:2] == [("15:15", False), ("07:24", False)]
    assert stamps(briefing)[2][1] is True and len(stamps(briefing)) == 3
    assert "Coverage:" in briefing.previous_title
    assert briefing.credit.startswith("Map")
    assert not briefing.updates.filter(body__contains="Coverage:").exists()
    assert briefing.origin.name == "EA WorldView"


def test_seed_002_digest_has_sections_and_ordered_citations(seeds):
    digest = seeds["002"]
    updates = list(digest.updates.order_by("position"))
    assert digest.kind == "digest" and len(updates) == 30
    assert len({u.section for u in updates}) >= 10
    assert digest.byline
    first_cited = next(u for u in updates if u.citations.count() > 1)
    roles = list(first_cited.citations.order_by("position").values_list("role", flat=True))
    assert roles[0] == "primary" and set(roles[1:]) == {"see_also"}
    assert not Update.objects.filter(body__contains="(AP News)").exists()


def test_seed_004_title_repaired_and_no_junk_or_latex_anywhere(seeds):
    assert seeds["004"].title.endswith("💔 💥")
    for junk in ("Ad Code", "Post a Comment", "Tooltip Text", "\\text{", "0 Comments", "All News"):
        assert not Update.objects.filter(body__contains=junk).exists(), junk
        assert not Briefing.objects.filter(title__contains=junk).exists(), junk
    assert Update.objects.filter(body__contains="701 km²").exists()
    assert Update.objects.filter(body__contains="19.3%").exists()


def test_actors_are_linked_through_the_registry_and_unknowns_proposed(seeds):
    sybiha = Actor.objects.get(name="Andrii Sybiha")
    for spelling in ("Sybiha", "Sybhia", "Sybiga"):
        update = Update.objects.filter(body__contains=spelling).first()
        assert update.mentions.filter(actor=sybiha).exists(), spelling
    assert "Andrii Sybhia" in set(sybiha.mentions.values_list("surface", flat=True))
    dmitry = Actor.objects.get(name="Dmitry Ushakov")
    assert dmitry.is_reviewed is False
    assert Actor.objects.get(name="Yuri Ushakov").is_reviewed is True
    assert Quote.objects.filter(actor=sybiha).exists()


def test_near_duplicates_and_related_reports_are_recorded_both_ways(seeds):
    assert Resemblance.objects.filter(
        briefing=seeds["001"], other=seeds["004"], kind="duplicate"
    ).exists()
    assert Resemblance.objects.filter(
        briefing=seeds["004"], other=seeds["001"], kind="duplicate"
    ).exists()
    assert Resemblance.objects.filter(
        briefing=seeds["000"], other=seeds["003"], kind="related"
    ).exists()
    assert not Resemblance.objects.filter(briefing=seeds["002"]).exists()


def test_importing_again_changes_nothing_and_says_so(seeds):
    before = counts()
    versions = list(Update.objects.order_by("pk").values_list("pk", "version", "updated_at"))
    out, _ = run("--publish", str(FIXTURES))
    assert "Nothing changed: 5 documents already imported." in out
    assert counts() == before
    assert (
        list(Update.objects.order_by("pk").values_list("pk", "version", "updated_at")) == versions
    )


def test_dry_run_writes_nothing_and_says_what_would_happen(db):
    out, _ = run("--dry-run", str(FIXTURES))
    assert "[dry run] would be created" in out
    assert "Dry run, nothing written" in out
    assert counts() == [0, 0, 0, 0, 0, 0, 0]


def test_json_report(db):
    out, _ = run("--report", "json", str(FIXTURES))
    documents = {Path(d["path"]).name[:3]: d for d in json.loads(out)["documents"]}
    assert documents["004"]["status"] == "created" and documents["004"]["kind"] == "article"
    assert documents["004"]["counts"]["updates created"] == 1
    assert "Dmitry Ushakov" in documents["004"]["proposed_actors"]
    assert "Vladimir Putin" in documents["004"]["matched_actors"]
    assert documents["002"]["counts"]["updates created"] == 30
    assert {"AP News", "Reuters"} <= set(documents["002"]["matched_sources"])
    assert any(line["text"] == "Ad Code" for line in documents["001"]["removed"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        (b"\x81\x8d\x8f\x90\x9d" * 100, "undecodable"),
        (b"\n\n  \n", "empty file"),
    ],
)
def test_bad_files_fail_with_one_line_and_the_rest_import(tmp_path, content, message):
    shutil.copy(FIXTURES / SEED["003"], tmp_path / "good.txt")
    (tmp_path / "bad.txt").write_bytes(content)
    with pytest.raises(CommandError, match="1 of 2 documents could not be imported"):
        run(str(tmp_path))
    assert Briefing.objects.count() == 1
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_briefings", str(tmp_path), stdout=StringIO(), stderr=err)
    assert message in err.getvalue()


def test_failure_lines_name_file_and_reason(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_briefings", str(tmp_path), stdout=StringIO(), stderr=err)
    assert err.getvalue().strip().splitlines() == [f"failed     {tmp_path / 'bad.txt'}: empty file"]


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path, settings):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # a sparse 50 MB file: refused from its size alone
        f.truncate(50 * 1024 * 1024)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_briefings", str(big), stdout=StringIO(), stderr=err)
    assert "too large: 52.4 MB (the limit is 5.2 MB)" in err.getvalue()


def test_a_folder_of_five_thousand_files(tmp_path):
    for n in range(5000):
        (tmp_path / f"{n:04}.txt").write_text(
            f"Brief {n}, March 2, 2024\n\nUPDATE 1200 GMT:\n\nItem {n} about town {n}.\n"
        )
    out, _ = run("--no-registry", str(tmp_path))
    assert Briefing.objects.count() == 5000
    assert "5000 documents: 5000 created" in out


def test_a_database_error_rolls_back_that_document_only(tmp_path, monkeypatch):
    from django.db import DatabaseError

    from briefings.importing import load

    shutil.copy(FIXTURES / SEED["003"], tmp_path / "a.txt")
    shutil.copy(FIXTURES / SEED["002"], tmp_path / "b.txt")
    # The digest states no year: its date comes from a manifest, as for the seeds.
    (tmp_path / "manifest.json").write_text('{"documents": {"b.txt": {"date": "2023-11-05"}}}')
    link = load._link

    def fail_in_the_digest(linked, *args, **kwargs):
        if len(linked) > 1:  # the digest's 30 updates; the article has one
            raise DatabaseError("disk I/O error")
        return link(linked, *args, **kwargs)

    monkeypatch.setattr(load, "_link", fail_in_the_digest)
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_briefings", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "database error: disk I/O error" in err.getvalue()
    assert list(Briefing.objects.values_list("kind", flat=True)) == ["article"]
    assert Update.objects.count() == 1  # no half-written digest


def test_a_document_read_into_an_invalid_briefing_fails_alone_without_a_traceback(
    tmp_path, monkeypatch
):
    from briefings.importing import load

    shutil.copy(FIXTURES / SEED["003"], tmp_path / "a.txt")
    shutil.copy(FIXTURES / SEED["000"], tmp_path / "b.txt")
    # A reading whose zone the model refuses (a fixed offset such as "UTC+05:45" was one,
    # before named_zone()): the live log's briefing does not validate.
    refused = lambda zone, day: "UTC+05:45" if day and day.year == 2024 else zone  # noqa: E731
    monkeypatch.setattr(load, "named_zone", refused)  # the live log of November 2024
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_briefings", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "not a valid briefing: time_zone: UTC+05:45 is not a known time zone." in err.getvalue()
    assert list(Briefing.objects.values_list("kind", flat=True)) == ["article"]


def test_command_line_errors_are_clear(db, tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        run(str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="--date must be YYYY-MM-DD"):
        run("--date", "13/11/2024", str(FIXTURES / SEED["003"]))
    with pytest.raises(CommandError, match="unknown time zone"):
        run("--time-zone", "Mars/Olympus", str(FIXTURES / SEED["003"]))


class _Terminal(StringIO):
    """Standard error as a terminal shows it: the progress bar is drawn only there."""

    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_counts_every_document(tmp_path):
    for code in ("000", "002", "003"):
        shutil.copy(FIXTURES / SEED[code], tmp_path / SEED[code])
    err = _Terminal()
    call_command(
        "import_briefings", "--date", "2024-11-13", str(tmp_path), stdout=StringIO(), stderr=err
    )
    frames = err.getvalue().split("\r")
    assert [f.split("] ")[1].strip() for f in frames if f] == [
        "1/3 documents",
        "2/3 documents",
        "3/3 documents",
    ]
    assert err.getvalue().endswith("\n")  # the prompt comes back on a line of its own


def test_progress_bar_keeps_up_with_a_folder_of_thousands(tmp_path):
    from briefings.management.commands.import_briefings import Command

    for n in range(3000):
        (tmp_path / f"{n:05}.txt").touch()
    (tmp_path / "manifest.json").touch()  # not a document: not counted
    err = _Terminal()
    show = Command(stdout=StringIO(), stderr=err).progress_bar([tmp_path])
    for done in range(1, 3001):
        show(done)
    frames = [f for f in err.getvalue().split("\r") if f]
    assert frames[0].endswith("] 1/3000 documents")
    assert frames[-1] == f"[{'#' * 30}] 3000/3000 documents\n"
    # The bar fills in order and never runs past its width.
    widths = [f.count("#") for f in frames]
    assert widths == sorted(widths) and max(len(f.split("]")[0]) for f in frames) == 31


def test_no_progress_bar_when_standard_error_is_not_a_terminal(tmp_path):
    for code in ("000", "002"):
        shutil.copy(FIXTURES / SEED[code], tmp_path / SEED[code])
    out, err = run("--date", "2024-11-13", str(tmp_path))  # as in CI, or piped to a file
    assert "documents" in out and "\r" not in err and "[" not in err


def test_counts_are_written_in_the_singular_for_one(tmp_path, db):
    (tmp_path / "one.txt").write_text(
        "A single report\n\nKYIV, Nov 13 (Reuters) - Power returned to the city by noon.\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_briefings", str(tmp_path), "--date", "2024-11-13", stdout=out)
    text = out.getvalue()
    assert "1 document: 1 created; 1 update created, 1 citation." in text
    assert "1 citations" not in text and "1 documents" not in text
