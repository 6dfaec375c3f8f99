"""The admin as a newsroom uses it (issue 15, item 7): an oversized post and every error page
stay inside the admin with a way back, errors are listed at the top of the form with links,
clashing slugs are made unique, messages say what happened to whom, one date format, the
browser's copy of a saved text is released, and a non-text import goes back to the form."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing, Status, Update

from .admin_forms import form_data
from .factories import BriefingFactory, UpdateFactory, UserFactory
from .roles import role_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _url(name, *args):
    return reverse(f"admin:briefings_{name}", args=args)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# An oversized post ---------------------------------------------------------------------------

SIX_MB = "A long paste. " * (6 * 1024 * 1024 // 14)


def test_an_oversized_quick_post_goes_back_to_the_same_form_with_a_message(editor_client):
    briefing = BriefingFactory()
    url = _url("briefing_post_update", briefing.pk)
    response = editor_client.post(url, {"body": SIX_MB, "_publish": 1})
    assert response.status_code == 303 and response.url == url
    page = editor_client.get(response.url)
    text = _text(page)
    assert page.status_code == 200
    assert "Nothing was posted: the form sent 6.0 MB, and a post may have 5 MB at most" in text
    assert f'data-autosave="briefing:{briefing.pk}:quick"' in text  # the copy comes back
    assert not Update.objects.exists()


def test_an_oversized_update_form_goes_back_to_the_same_form(editor_client):
    update = UpdateFactory(body="Short.")
    url = _url("update_change", update.pk)
    data = form_data(editor_client.get(url), "update_form")
    data["body"] = SIX_MB
    response = editor_client.post(url, data)
    assert response.status_code == 303 and response.url == url
    assert "Nothing was posted" in _text(editor_client.get(url))
    update.refresh_from_db()
    assert update.body == "Short."


def test_an_oversized_request_on_the_public_site_gets_the_public_page(client, db):
    response = client.get("/search/", {f"field{n}": "x" for n in range(1100)})
    assert response.status_code == 400
    assert "/admin/" not in response.content.decode()


# Error pages inside the admin ------------------------------------------------------------------


def test_a_404_inside_the_admin_has_a_way_back(editor_client):
    briefing = BriefingFactory()
    referer = "http://testserver" + _url("briefing_change", briefing.pk)
    response = editor_client.get(_url("briefing_post_update", 987654), HTTP_REFERER=referer)
    text = _text(response)
    assert response.status_code == 404
    assert f'<a class="button" href="{referer}">Go back</a>' in text
    assert f'href="{reverse("admin:index")}"' in text and "Newsroom" in text


def test_a_404_on_the_public_site_is_the_readers_page(client, db):
    response = client.get("/briefings/no-such-briefing/")
    assert response.status_code == 404
    assert "Go back</a>" not in response.content.decode()


def test_a_403_inside_the_admin_says_why_and_has_a_way_back(db):
    contributor = role_user("Contributor", "c")
    client = Client()
    client.force_login(contributor)
    briefing = BriefingFactory()
    response = client.post(
        _url("briefing_post_update", briefing.pk), {"body": "Mine.", "_publish": 1}
    )
    text = _text(response)
    assert response.status_code == 403
    assert "Only an editor can publish; save the update as a draft." in text
    assert "Go back</a>" in text
    # The admin's own header, with the user's links: sign out is one click away.
    page = response.content.decode()
    assert 'id="logout-form"' in page and reverse("admin:password_change") in page


def test_a_500_inside_the_admin_has_a_way_back(editor_client):
    editor_client.raise_request_exception = False
    briefing = BriefingFactory()
    with mock.patch("briefings.services.post_update", side_effect=RuntimeError("boom")):
        response = editor_client.post(
            _url("briefing_post_update", briefing.pk),
            {"body": "Text.", "_publish": 1},
            HTTP_REFERER="http://testserver" + _url("briefing_change", briefing.pk),
        )
    text = _text(response)
    assert response.status_code == 500
    assert "Something went wrong" in text and "Go back</a>" in text
    assert "your text is kept in this browser" in text


def test_a_way_back_never_leads_off_the_site(editor_client):
    response = editor_client.get(
        _url("briefing_post_update", 987654), HTTP_REFERER="https://elsewhere.example/admin/"
    )
    assert "elsewhere.example" not in response.content.decode()


# Errors where the editor looks -----------------------------------------------------------------


def test_the_update_form_lists_its_errors_at_the_top_with_links(editor_client):
    update = UpdateFactory()
    url = _url("update_change", update.pk)
    data = form_data(editor_client.get(url), "update_form")
    data.update(body="", posted_at_0="not a date")
    text = _text(editor_client.post(url, data))
    summary = re.search(r'<div class="error-summary".*?</div>', text).group(0)
    assert '<a href="#id_body">Body</a>: This field is required.' in summary
    assert '<a href="#id_posted_at_0">Posted at</a>' in summary
    assert text.index("error-summary") < text.index('name="headline"')


def test_the_quick_post_lists_an_empty_body_at_the_top(editor_client):
    briefing = BriefingFactory()
    response = editor_client.post(
        _url("briefing_post_update", briefing.pk), {"headline": "Kept", "_publish": 1}
    )
    text = _text(response)
    assert '<a href="#id_body">Body</a>: This field is required.' in text
    # The field's own message sits under the body, not between the headline and the body.
    body_row = re.search(r'field-body">.*?</div>\s*</div>', text, re.S).group(0)
    assert body_row.index('name="body"') < body_row.index("This field is required")


def test_a_duplicate_title_gets_a_slug_of_its_own(editor_client):
    BriefingFactory(title="Peace talks", slug="peace-talks")
    url = _url("briefing_add")
    data = form_data(editor_client.get(url), "briefing_form")
    data.update(title="Peace talks", slug="peace-talks", time_zone="UTC")
    response = editor_client.post(url, data, follow=True)
    created = Briefing.objects.get(slug="peace-talks-2")
    assert created.title == "Peace talks"
    assert "Another briefing has the address “peace-talks”" in _text(response)
    data.update(slug="")
    editor_client.post(url, data)
    assert Briefing.objects.filter(slug="peace-talks-3").exists()


def test_an_import_of_a_file_that_is_not_text_stays_on_the_upload_form(editor_client):
    url = reverse("admin:briefings_briefing_import")
    png = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    text = _text(editor_client.post(url, {"document": png, "kind": "auto"}))
    assert "“photo.png” cannot be imported: binary file, not text" in text
    assert 'type="file"' in text and 'value="Preview"' in text  # the form, to try again


# Messages that say what happened to whom ----------------------------------------------------------


def test_a_draft_tells_an_editor_that_they_publish_it(editor_client):
    briefing = BriefingFactory()
    response = editor_client.post(
        _url("briefing_post_update", briefing.pk), {"body": "Draft.", "_draft": 1}, follow=True
    )
    text = _text(response)
    assert "as a draft: readers do not see it until you publish it" in text
    assert "an editor" not in text.split("messagelist", 1)[1].split("</ul>", 1)[0]


def test_a_draft_briefing_does_not_say_it_is_live(editor_client):
    draft = BriefingFactory(status=Status.DRAFT, published_at=None, kind=Briefing.Kind.LIVE)
    text = _text(editor_client.get(_url("briefing_change", draft.pk)))
    assert "This live briefing is a draft: readers cannot see it yet" in text
    assert "readers’ pages follow it" not in text


def test_an_imported_draft_says_it_is_a_draft(editor_client):
    url = reverse("admin:briefings_briefing_import")
    document = b"A briefing title\n\nUPDATE 1515 GMT: Something happened.\n"
    upload = SimpleUploadedFile("doc.txt", document, "text/plain")
    preview = editor_client.post(url, {"document": upload, "kind": "live", "date": "2024-11-13"})
    data = {
        field.name: field.value() or ""
        for field in preview.context["confirm_form"]
        if field.value() is not None
    }
    response = editor_client.post(url, {**data, "confirm": "1"}, follow=True)
    text = _text(response)
    assert "as a draft: readers do not see it until it is published" in text
    assert "readers see it" not in text.split("messagelist", 1)[1].split("</ul>", 1)[0]


# One date format, branding, the browser's copy -----------------------------------------------


def test_the_update_list_writes_moments_in_the_briefings_zone(editor_client):
    briefing = BriefingFactory(time_zone="Europe/Kyiv")
    moment = dt.datetime(2024, 11, 13, 13, 15, tzinfo=dt.UTC)  # 15:15 in Kyiv
    UpdateFactory(briefing=briefing, posted_at=moment)
    UpdateFactory(
        briefing=briefing,
        status=Status.PUBLISHED,
        publish_at=timezone.now() + dt.timedelta(days=400),
    )
    text = _text(editor_client.get(_url("update_changelist")))
    assert "13 Nov 2024, 15:15 <small>EET</small>" in text
    assert re.search(r"Scheduled for \d{1,2} \w{3} \d{4}, \d\d:\d\d \(Europe/Kyiv\)", text)


def test_the_admin_is_branded_newsroom_with_an_icon(editor_client):
    text = _text(editor_client.get(reverse("admin:index")))
    assert "<title>Briefings, updates and the registries | Newsroom</title>" in text
    assert 'rel="icon" href="/static/briefings/icon.svg"' in text
    assert "Django administration" not in text


def test_a_saved_text_releases_the_browsers_copy(editor_client):
    briefing = BriefingFactory()
    posted = editor_client.post(
        _url("briefing_post_update", briefing.pk), {"body": "Posted.", "_publish": 1}, follow=True
    )
    assert f'data-autosave-saved="briefing:{briefing.pk}:quick"' in _text(posted)
    update = Update.objects.get(body="Posted.")
    url = _url("update_change", update.pk)
    data = form_data(editor_client.get(url), "update_form")
    data.update(body="Posted, then edited.", _continue="1")
    saved = editor_client.post(url, data, follow=True)
    assert f'data-autosave-saved="update:{update.pk}"' in _text(saved)
    # A refused save keeps it: no marker.
    data.update(body="")
    refused = editor_client.post(url, data, follow=True)
    assert "data-autosave-saved" not in _text(refused)


def test_an_expired_form_in_the_admin_leads_back_to_the_form(db):
    """A post refused by the CSRF check (the session ended while the editor wrote) is
    still refused, inside the admin, with the way back to the same form."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="editor", is_superuser=True))
    briefing = BriefingFactory()
    url = _url("briefing_post_update", briefing.pk)
    response = client.post(url, {"body": "Typed for an hour.", "_publish": 1})
    text = _text(response)
    assert response.status_code == 403
    assert "The form had expired" in text and "kept in this browser" in text
    assert f'<a class="button" href="{url}">Back to the form</a>' in text
    assert not Update.objects.exists()
    public = Client(enforce_csrf_checks=True).post("/alerts/subscribe/", {"email": "a@b.c"})
    assert public.status_code == 403 and "Back to the form" not in public.content.decode()


def test_too_many_fields_in_an_admin_address_is_answered_in_the_admin(editor_client):
    query = {f"field{n}": "x" for n in range(1100)}
    response = editor_client.get(_url("update_changelist"), query)
    assert response.status_code == 413
    assert "Go back</a>" in response.content.decode()


def test_the_briefing_forms_errors_are_listed_once_not_in_the_quick_post(editor_client):
    briefing = BriefingFactory()
    url = _url("briefing_change", briefing.pk)
    data = form_data(editor_client.get(url), "briefing_form")
    data.update(title="")
    text = _text(editor_client.post(url, data))
    assert text.count('class="error-summary"') == 1
    assert '<a href="#id_title">Title</a>: This field is required.' in text
    quick = re.search(r"<form class=\"quick-post.*?</form>", text).group(0)
    assert "error-summary" not in quick
