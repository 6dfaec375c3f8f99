"""Revision history pages (django-simple-history's history list and revert form) ask the
same permission policy as the change form: a contributor sees only published content and
their own drafts there too, and reverting needs the permission the resulting save needs.

Regression tests for findings 1–3 of the security review (issue 12)."""

import pytest
from django.contrib import admin
from django.core import serializers
from django.test import Client
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from briefings.models import Actor, Briefing, Source, Status, Update

from .admin_forms import form_data
from .factories import ActorFactory, BriefingFactory, SourceFactory, UpdateFactory, UserFactory
from .roles import role_user

# What a hostile revert would change on each model with a history, and how to build one.
HOSTILE_CHANGES = {
    Briefing: (
        lambda: BriefingFactory(title="Kyiv live"),
        {"title": "Hijacked", "status": "draft"},
    ),
    Update: (lambda: UpdateFactory(body="Published words."), {"body": "Hijacked"}),
    Source: (lambda: SourceFactory(name="Reuters"), {"homepage": "https://phishing.invalid/"}),
    Actor: (lambda: ActorFactory(name="Ushakov", is_reviewed=False), {"is_reviewed": "on"}),
}


def history_admins():
    return [m for m, a in admin.site._registry.items() if isinstance(a, SimpleHistoryAdmin)]


def dump() -> str:
    """Every row of the four models, to compare before and after a refused request."""
    rows = [*Briefing.objects.all(), *Update.objects.all(), *Source.objects.all()]
    return serializers.serialize("json", [*rows, *Actor.objects.all()])


def url(obj, view, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk, *args])


def revert_url(obj):
    record = obj.history.earliest("history_date")
    return url(obj, "simple_history", record.history_id)


@pytest.fixture
def loader(db):
    client = Client()
    client.force_login(UserFactory(username="loader", is_superuser=True))
    return client


@pytest.fixture
def contributor(db):
    user = role_user("Contributor", "contributor")
    client = Client(raise_request_exception=True)
    client.force_login(user)
    client.user = user
    return client


def test_every_model_with_a_history_has_a_hostile_case():
    assert set(history_admins()) == set(HOSTILE_CHANGES)


@pytest.mark.parametrize("model", list(HOSTILE_CHANGES), ids=lambda m: m.__name__)
def test_finding_1_a_contributor_cannot_revert_what_they_may_not_edit(model, loader, contributor):
    make, changes = HOSTILE_CHANGES[model]
    obj = make()
    target = revert_url(obj)
    data = form_data(loader.get(target), f"historical{obj._meta.model_name}_form")
    data.update(changes)
    before = dump()

    page = contributor.get(target)
    assert page.status_code in {200, 403}
    if page.status_code == 200:
        assert page.context["revert_disabled"]
        assert 'name="_save"' not in page.content.decode()
        # Shown as text, not as inputs that take typing nobody can save.
        assert "<textarea" not in page.content.decode()

    response = contributor.post(target, data)
    assert response.status_code == 403
    assert dump() == before


def test_finding_2_a_contributor_cannot_read_others_drafts_in_history(loader, contributor):
    other = role_user("Contributor", "other")
    draft = UpdateFactory(author=other, status=Status.DRAFT, headline="Secret", body="Not yet.")
    for target in [url(draft, "history"), revert_url(draft)]:
        response = contributor.get(target)
        assert response.status_code in {403, 404}, target
        assert "Secret" not in response.content.decode()
        assert "Not yet." not in response.content.decode()
    # The briefing's change page lists its updates, but not other people's drafts.
    page = contributor.get(url(draft.briefing, "change")).content.decode()
    assert "Secret" not in page and "Not yet." not in page
    # An editor sees both.
    assert "Secret" in loader.get(url(draft, "history")).content.decode()
    assert "Not yet." in loader.get(revert_url(draft)).content.decode()
    assert "Secret" in loader.get(url(draft.briefing, "change")).content.decode()


def test_finding_2_the_history_of_a_published_update_hides_its_drafts_from_others(
    contributor,
):
    other = role_user("Contributor", "other")
    update = UpdateFactory(author=other, status=Status.DRAFT, body="Draft wording.")
    update.body, update.status = "Published wording.", Status.PUBLISHED
    update.save()
    page = contributor.get(url(update, "history"))
    assert page.status_code == 200
    assert "Published wording." in page.content.decode()
    assert "Draft wording." not in page.content.decode()
    draft_revision = update.history.get(status=Status.DRAFT)
    revert = contributor.get(url(update, "simple_history", draft_revision.history_id))
    assert revert.status_code in {403, 404}
    assert "Draft wording." not in revert.content.decode()


def test_finding_3_a_contributor_cannot_unpublish_their_update_by_reverting(loader, contributor):
    update = UpdateFactory(author=contributor.user, status=Status.DRAFT, body="My draft.")
    draft_revision = update.history.get()
    update.status, update.body = Status.PUBLISHED, "Edited and published."
    update.save()  # an editor published it
    target = url(update, "simple_history", draft_revision.history_id)
    data = form_data(loader.get(target), "historicalupdate_form")
    data.update(body="Rewritten after publication.", status="draft")
    before = dump()

    page = contributor.get(target)
    assert page.status_code == 200  # their own draft, as it was: they may read it
    assert page.context["revert_disabled"]
    assert contributor.post(target, data).status_code == 403
    assert dump() == before
    update.refresh_from_db()
    assert (update.status, update.body) == (Status.PUBLISHED, "Edited and published.")


def test_a_contributor_may_still_revert_their_own_draft(loader, contributor):
    update = UpdateFactory(author=contributor.user, status=Status.DRAFT, body="First take.")
    first = update.history.get()
    update.body = "Second take."
    update.save()
    target = url(update, "simple_history", first.history_id)
    page = contributor.get(target)
    assert page.status_code == 200 and not page.context["revert_disabled"]
    data = form_data(page, "historicalupdate_form")
    assert contributor.post(target, data).status_code == 302
    update.refresh_from_db()
    assert (update.body, update.status) == ("First take.", Status.DRAFT)


def test_an_editor_may_revert_anything(loader):
    briefing = BriefingFactory(title="First title")
    first = briefing.history.get()
    briefing.title = "Second title"
    briefing.save()
    editor = Client()
    editor.force_login(role_user("Editor", "editor"))
    target = url(briefing, "simple_history", first.history_id)
    data = form_data(editor.get(target), "historicalbriefing_form")
    assert editor.post(target, data).status_code == 302
    briefing.refresh_from_db()
    assert briefing.title == "First title"


@pytest.mark.parametrize("model", ["briefing", "update"])
def test_a_mistyped_change_address_is_not_a_server_error(loader, model):
    """/admin/briefings/briefing/6/post/change/ (an address typed by hand): the admin says
    the object does not exist, as it does for every other model."""
    response = loader.get(f"/admin/briefings/{model}/6/post/change/")
    assert response.status_code == 302
    assert response.url == "/admin/"
