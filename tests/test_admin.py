"""The admin as an editor uses it: every page answers, an update is posted in one form,
and a document is imported through a preview."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing, Citation, Mention, Resemblance, Status, Update

from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    MentionFactory,
    SourceFactory,
    UpdateFactory,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MODELS = ["briefing", "update", "source", "actor"]


@pytest.fixture
def content(db):
    update = UpdateFactory(headline="Drones over Kyiv")
    CitationFactory(update=update)
    MentionFactory(update=update)
    CorrectionFactory(update=update)
    return update


@pytest.mark.parametrize("model", MODELS)
def test_changelist_add_and_change_pages_answer(editor_client, content, model):
    objects = {
        "briefing": content.briefing,
        "update": content,
        "source": content.citations.get().source,
        "actor": content.mentions.get().actor,
    }
    base = f"admin:briefings_{model}"
    assert editor_client.get(reverse(f"{base}_changelist")).status_code == 200
    assert editor_client.get(reverse(f"{base}_changelist"), {"q": "Kyiv"}).status_code == 200
    assert editor_client.get(reverse(f"{base}_add")).status_code == 200
    obj = objects[model]
    assert editor_client.get(reverse(f"{base}_change", args=[obj.pk])).status_code == 200
    assert editor_client.get(reverse(f"{base}_history", args=[obj.pk])).status_code == 200


def test_briefing_page_lists_updates_newest_first_in_its_time_zone(editor_client, db):
    briefing = BriefingFactory(time_zone="Europe/Kyiv")
    now = timezone.now().replace(microsecond=0)
    UpdateFactory(briefing=briefing, posted_at=now - timezone.timedelta(hours=2), headline="Old")
    UpdateFactory(briefing=briefing, posted_at=now, headline="New")
    response = editor_client.get(reverse("admin:briefings_briefing_change", args=[briefing.pk]))
    page = response.content.decode()
    assert page.index("New") < page.index("Old")
    assert "Europe/Kyiv" in page
    assert f"?briefing={briefing.pk}" in page  # the "Post an update" link


def _inline_management(prefixes):
    data = {}
    for prefix in prefixes:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def test_an_update_with_sources_and_actors_is_posted_in_one_form(editor_client, db):
    briefing = BriefingFactory(time_zone="UTC")
    reuters, ap = SourceFactory(name="Reuters"), SourceFactory(name="AP News")
    blinken = ActorFactory(name="Antony Blinken")
    add = reverse("admin:briefings_update_add") + f"?briefing={briefing.pk}"
    form = editor_client.get(add)
    assert form.status_code == 200
    assert form.context["adminform"].form.initial["briefing"] == str(briefing.pk)
    prefixes = [f.formset.prefix for f in form.context["inline_admin_formsets"]]
    data = {
        "briefing": briefing.pk,
        "posted_at_0": "2024-11-13",
        "posted_at_1": "15:15",
        "headline": "Blinken in Brussels",
        "body": "Blinken met allies <script>alert(1)</script>.",
        "status": Status.PUBLISHED,
        "position": 0,
        **_inline_management(prefixes),
    }
    citations, mentions = prefixes[0], prefixes[1]
    data.update(
        {
            f"{citations}-TOTAL_FORMS": "2",
            f"{citations}-0-source": reuters.pk,
            f"{citations}-0-role": "primary",
            f"{citations}-0-position": 0,
            f"{citations}-1-source": ap.pk,
            f"{citations}-1-role": "see_also",
            f"{citations}-1-position": 1,
            f"{mentions}-TOTAL_FORMS": "1",
            f"{mentions}-0-actor": blinken.pk,
            f"{mentions}-0-position": 0,
        }
    )
    response = editor_client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    update = Update.objects.get(headline="Blinken in Brussels")
    assert update.posted_at.isoformat() == "2024-11-13T15:15:00+00:00"
    assert "<script>" not in update.body_html
    assert list(update.citations.order_by("position").values_list("source__name", "role")) == [
        ("Reuters", "primary"),
        ("AP News", "see_also"),
    ]
    assert update.mentions.get().actor == blinken
    assert update.author.username == "editor"
    page = editor_client.get(briefing.get_absolute_url()).content.decode()
    assert "Blinken in Brussels" in page and "15:15 GMT" in page
    assert Citation.objects.count() == 2 and Mention.objects.count() == 1


def test_post_an_update_defaults_to_now(editor_client, db):
    briefing = BriefingFactory()
    form = editor_client.get(reverse("admin:briefings_update_add") + f"?briefing={briefing.pk}")
    initial = form.context["adminform"].form.fields["posted_at"].initial
    assert abs((initial() if callable(initial) else initial) - timezone.now()).total_seconds() < 60


def test_tag_suggestions(editor_client, db):
    update = UpdateFactory()
    update.tags.add("air defence", "aid")
    url = reverse("admin:briefings_tag_suggest")
    assert editor_client.get(url, {"q": "ai"}).json() == {"results": ["aid", "air defence"]}
    assert editor_client.get(url).json() == {"results": []}


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(reverse("admin:briefings_briefing_changelist"))
    assert response.status_code == 302 and "login" in response.url


# Importing from the admin ------------------------------------------------------------------


def _upload(name="004.txt", **options):
    data = (FIXTURES / "004_68a0b921f12cf4f1.txt").read_bytes()
    return {"document": SimpleUploadedFile(name, data, "text/plain"), "kind": "auto", **options}


def test_import_preview_writes_nothing_then_confirm_imports(editor_client, db):
    url = reverse("admin:briefings_briefing_import")
    assert editor_client.get(url).status_code == 200
    preview = editor_client.post(url, _upload(date="2025-12-04"))
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Preview: nothing has been saved yet" in page
    assert "Ukraine&#x27;s Fate: War, Deals &amp; A Dark Future 💔 💥" in page
    assert "Dmitry Ushakov" in page  # proposed
    assert "Vladimir Putin" in page  # matched
    assert Briefing.objects.count() == 0 and Update.objects.count() == 0

    confirm = preview.context["confirm_form"]
    data = {name: field.value() for name, field in ((f.name, f) for f in confirm)}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["confirm"] = "1"
    done = editor_client.post(url, data)
    briefing = Briefing.objects.get()
    assert done.status_code == 302
    assert done.url == reverse("admin:briefings_briefing_change", args=[briefing.pk])
    assert briefing.status == Status.DRAFT
    assert briefing.updates.count() == 1


def test_import_rejects_bad_uploads_with_a_message(editor_client, db, settings):
    url = reverse("admin:briefings_briefing_import")
    empty = editor_client.post(
        url, {"document": SimpleUploadedFile("e.txt", b"", "text/plain"), "kind": "auto"}
    )
    assert "The submitted file is empty." in empty.content.decode()
    binary = editor_client.post(
        url,
        {"document": SimpleUploadedFile("b.txt", b"\x00\x01" * 200), "kind": "auto"},
    )
    assert "binary file, not text" in binary.content.decode()
    settings.NEWSROOM_IMPORT_MAX_BYTES = 1000
    big = editor_client.post(url, _upload())
    assert "the limit is 0.0 MB" in big.content.decode()
    assert Briefing.objects.count() == 0


def test_a_stale_or_forged_confirmation_is_refused(editor_client, db):
    url = reverse("admin:briefings_briefing_import")
    response = editor_client.post(
        url, {"confirm": "1", "token": "../../etc", "name": "passwd", "kind": "auto"}
    )
    assert "This upload has expired" in response.content.decode()


def test_resemblances_are_shown_to_editors(editor_client, db):
    a, b = BriefingFactory(title="First telling"), BriefingFactory(title="Second telling")
    Resemblance.objects.create(briefing=a, other=b, kind="duplicate", score=0.4)
    Resemblance.objects.create(briefing=b, other=a, kind="duplicate", score=0.4)
    page = editor_client.get(reverse("admin:briefings_briefing_change", args=[a.pk]))
    assert "Second telling" in page.content.decode()
    public = editor_client.get(a.get_absolute_url()).content.decode()
    assert "Also reported as" in public and b.get_absolute_url() in public


def test_the_import_preview_writes_times_in_the_documents_zone_as_the_admin_does(editor_client, db):
    text = (
        "Strikes on the grid – live\n\n"
        "All times Kyiv time. Monday 13 January 2025\n\n"
        "09:05\nPower cuts were announced for the whole region this morning.\n\n"
        "08:40\nAir raid sirens sounded across the east before dawn.\n"
    )
    upload = SimpleUploadedFile("grid.txt", text.encode(), "text/plain")
    page = editor_client.post(
        reverse("admin:briefings_briefing_import"), {"document": upload, "kind": "auto"}
    ).content.decode()
    assert '<th scope="col">Time (Europe/Kyiv)</th>' in page
    assert "<td>13 Jan 2025, 09:05</td>" in page and "<td>13 Jan 2025, 08:40</td>" in page
    assert "2025-01-13T07:05" not in page  # the stored UTC moment is not what an editor reads
