"""The permission matrix: every role against every admin action on every model, through
real admin requests. Forms are loaded by a superuser and posted by the role's user — a
crafted POST is the full form with a value changed, so the server must refuse it, not the
absence of a button."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from briefings.models import Actor, Briefing, Correction, Source, Status, Update

from .admin_forms import form_data
from .factories import (
    ActorFactory,
    BriefingFactory,
    MentionFactory,
    SourceFactory,
    UpdateFactory,
    UserFactory,
)
from .roles import role_user

ROLES = ["Contributor", "Editor", "Admin"]
ALL = set(ROLES)
EDITORS = {"Editor", "Admin"}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    loader = Client()
    loader.force_login(UserFactory(username="loader", is_superuser=True))
    other = role_user("Contributor", "other-contributor")
    briefing = BriefingFactory(title="Kyiv live")
    return {
        "loader": loader,
        "briefing": briefing,
        "draft_briefing": BriefingFactory(title="Draft briefing", status=Status.DRAFT),
        "others_draft": UpdateFactory(
            briefing=briefing, author=other, status=Status.DRAFT, body="Other's draft."
        ),
        "published": UpdateFactory(briefing=briefing, body="Published words."),
        "source": SourceFactory(name="Reuters"),
        "source2": SourceFactory(name="Reuters Agency"),
        "actor": ActorFactory(name="Zelenskyy"),
        "actor2": ActorFactory(name="Zelensky"),
        "unreviewed": ActorFactory(name="Ushakov", is_reviewed=False),
    }


def _url(name, *args):
    return reverse(f"admin:briefings_{name}", args=args)


def _change(world, client, model, obj, **changes):
    url = _url(f"{model}_change", obj.pk)
    data = form_data(world["loader"].get(url), f"{model}_form")
    data.update(changes)
    return client.post(url, data)


def _add(world, client, model, query="", **values):
    url = _url(f"{model}_add") + query
    data = form_data(world["loader"].get(url), f"{model}_form")
    data.update(values)
    return client.post(url, data)


def _action(client, model, action, objs, **extra):
    data = {"action": action, "_selected_action": [o.pk for o in objs], "index": 0, **extra}
    return client.post(_url(f"{model}_changelist"), data)


# Each action: (do it as `user` with `client`, then say whether it took effect).


def add_briefing(w, c, u):
    _add(w, c, "briefing", title="Added by a role", slug="added-by-a-role", time_zone="UTC")
    return Briefing.objects.filter(slug="added-by-a-role").exists()


def change_briefing(w, c, u):
    _change(w, c, "briefing", w["briefing"], title="Retitled")
    return Briefing.objects.filter(title="Retitled").exists()


def publish_briefing(w, c, u):
    _change(w, c, "briefing", w["draft_briefing"], status=Status.PUBLISHED)
    return Briefing.objects.get(pk=w["draft_briefing"].pk).status == Status.PUBLISHED


def delete_briefing(w, c, u):
    c.post(_url("briefing_delete", w["draft_briefing"].pk), {"post": "yes"})
    return not Briefing.objects.filter(pk=w["draft_briefing"].pk).exists()


def close_coverage(w, c, u):
    c.post(_url("briefing_close_coverage", w["briefing"].pk))
    return Briefing.objects.get(pk=w["briefing"].pk).coverage_end is not None


def add_draft_update(w, c, u):
    _add(w, c, "update", f"?briefing={w['briefing'].pk}", body="A new draft.", status="draft")
    return Update.objects.filter(body="A new draft.", author=u).exists()


def add_published_update(w, c, u):
    _add(w, c, "update", f"?briefing={w['briefing'].pk}", body="Straight out.", status="published")
    return Update.objects.filter(body="Straight out.", status=Status.PUBLISHED).exists()


def change_own_draft(w, c, u):
    own = UpdateFactory(briefing=w["briefing"], author=u, status=Status.DRAFT)
    _change(w, c, "update", own, body="My draft, improved.")
    return Update.objects.get(pk=own.pk).body == "My draft, improved."


def change_others_draft(w, c, u):
    _change(w, c, "update", w["others_draft"], body="Not mine to change.")
    return Update.objects.get(pk=w["others_draft"].pk).body == "Not mine to change."


def change_published_update(w, c, u):
    _change(w, c, "update", w["published"], body="Changed in public.")
    return Update.objects.get(pk=w["published"].pk).body == "Changed in public."


def publish_own_draft(w, c, u):
    own = UpdateFactory(briefing=w["briefing"], author=u, status=Status.DRAFT)
    _change(w, c, "update", own, status=Status.PUBLISHED)
    return Update.objects.get(pk=own.pk).status == Status.PUBLISHED


def schedule_own_draft(w, c, u):
    own = UpdateFactory(briefing=w["briefing"], author=u, status=Status.DRAFT)
    later = timezone.now() + dt.timedelta(hours=2)
    _change(
        w,
        c,
        "update",
        own,
        status=Status.PUBLISHED,
        publish_at_0=f"{later:%Y-%m-%d}",
        publish_at_1=f"{later:%H:%M:%S}",
    )
    return Update.objects.get(pk=own.pk).publish_at is not None


def publish_by_action(w, c, u):
    _action(c, "update", "publish_selected", [w["others_draft"]])
    return Update.objects.get(pk=w["others_draft"].pk).status == Status.PUBLISHED


def unpublish_by_action(w, c, u):
    _action(c, "update", "unpublish_selected", [w["published"]])
    return Update.objects.get(pk=w["published"].pk).status == Status.DRAFT


def delete_update(w, c, u):
    c.post(_url("update_delete", w["published"].pk), {"post": "yes"})
    return not Update.objects.filter(pk=w["published"].pk).exists()


def quick_post_draft(w, c, u):
    c.post(_url("briefing_post_update", w["briefing"].pk), {"body": "Quick draft.", "_draft": 1})
    return Update.objects.filter(body="Quick draft.", status=Status.DRAFT).exists()


def quick_post_publish(w, c, u):
    c.post(_url("briefing_post_update", w["briefing"].pk), {"body": "Quick news.", "_publish": 1})
    return Update.objects.filter(body="Quick news.", status=Status.PUBLISHED).exists()


def mark_key_event(w, c, u):
    url = _url("briefing_change", w["briefing"].pk)
    data = form_data(w["loader"].get(url), "briefing_form")
    index = next(
        k.split("-")[1]
        for k, v in data.items()
        if k.endswith("-id") and v == str(w["published"].pk)
    )
    data[f"updates-{index}-is_key_event"] = "on"
    c.post(url, data)
    return Update.objects.get(pk=w["published"].pk).is_key_event


def add_correction(w, c, u):
    url = _url("update_change", w["published"].pk)
    data = form_data(w["loader"].get(url), "update_form")
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-text": "An earlier version gave the wrong number.",
            "corrections-0-published_at_0": timezone.now().strftime("%Y-%m-%d"),
            "corrections-0-published_at_1": timezone.now().strftime("%H:%M:%S"),
        }
    )
    c.post(url, data)
    return Correction.objects.filter(update=w["published"]).exists()


def add_source(w, c, u):
    _add(w, c, "source", name="Kyiv Independent", slug="kyiv-independent")
    return Source.objects.filter(name="Kyiv Independent").exists()


def change_source(w, c, u):
    _change(w, c, "source", w["source"], reliability="B")
    return Source.objects.get(pk=w["source"].pk).reliability == "B"


def delete_source(w, c, u):
    c.post(_url("source_delete", w["source2"].pk), {"post": "yes"})
    return not Source.objects.filter(pk=w["source2"].pk).exists()


def merge_sources(w, c, u):
    _action(c, "source", "merge_selected", [w["source"], w["source2"]], keep=w["source"].pk)
    return not Source.objects.filter(pk=w["source2"].pk).exists()


def add_actor(w, c, u):
    _add(w, c, "actor", name="Andrii Sybiha", slug="andrii-sybiha")
    return Actor.objects.filter(name="Andrii Sybiha").exists()


def change_actor(w, c, u):
    _change(w, c, "actor", w["actor"], title="President of Ukraine")
    return Actor.objects.get(pk=w["actor"].pk).title == "President of Ukraine"


def delete_actor(w, c, u):
    c.post(_url("actor_delete", w["actor2"].pk), {"post": "yes"})
    return not Actor.objects.filter(pk=w["actor2"].pk).exists()


def merge_actors(w, c, u):
    _action(c, "actor", "merge_selected", [w["actor"], w["actor2"]], keep=w["actor"].pk)
    return not Actor.objects.filter(pk=w["actor2"].pk).exists()


def accept_unreviewed(w, c, u):
    _action(c, "actor", "accept_selected", [w["unreviewed"]])
    return Actor.objects.get(pk=w["unreviewed"].pk).is_reviewed


def reject_unreviewed(w, c, u):
    _action(c, "actor", "reject_selected", [w["unreviewed"]])
    return not Actor.objects.filter(pk=w["unreviewed"].pk).exists()


MATRIX = [
    (add_briefing, EDITORS),
    (change_briefing, EDITORS),
    (publish_briefing, EDITORS),
    (delete_briefing, {"Admin"}),
    (close_coverage, EDITORS),
    (add_draft_update, ALL),
    (add_published_update, EDITORS),
    (change_own_draft, ALL),
    (change_others_draft, EDITORS),
    (change_published_update, EDITORS),
    (publish_own_draft, EDITORS),
    (schedule_own_draft, EDITORS),
    (publish_by_action, EDITORS),
    (unpublish_by_action, EDITORS),
    (delete_update, EDITORS),
    (quick_post_draft, ALL),
    (quick_post_publish, EDITORS),
    (mark_key_event, EDITORS),
    (add_correction, EDITORS),
    (add_source, EDITORS),
    (change_source, EDITORS),
    (delete_source, EDITORS),
    (merge_sources, EDITORS),
    (add_actor, EDITORS),
    (change_actor, EDITORS),
    (delete_actor, EDITORS),
    (merge_actors, EDITORS),
    (accept_unreviewed, EDITORS),
    (reject_unreviewed, EDITORS),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "allowed"), MATRIX, ids=[a.__name__ for a, _ in MATRIX])
def test_permission_matrix(world, role, action, allowed):
    user = role_user(role, f"{role.lower()}-1")
    client = Client(raise_request_exception=True)  # a server error fails the test
    client.force_login(user)
    assert action(world, client, user) is (role in allowed)


def test_a_contributor_cannot_publish_even_through_the_form_itself(db):
    """The model-level guard in the form's clean, for a form built outside the admin's
    read-only fields (and for reverting to a published revision)."""
    from briefings.forms import UpdateForm

    contributor = role_user("Contributor", "c")
    update = UpdateFactory(author=contributor, status=Status.DRAFT)
    form_class = type("F", (UpdateForm,), {"user": contributor})
    form = form_class(
        {
            "briefing": update.briefing.pk,
            "posted_at": update.posted_at,
            "body": "Now public?",
            "status": Status.PUBLISHED,
            "position": 0,
            "loaded_version": update.version,
        },
        instance=update,
    )
    assert not form.is_valid()
    assert "Only an editor can publish" in str(form.errors)


def test_a_contributor_sees_own_updates_and_published_ones_but_not_others_drafts(world):
    contributor = role_user("Contributor", "c")
    own = UpdateFactory(briefing=world["briefing"], author=contributor, status=Status.DRAFT)
    client = Client()
    client.force_login(contributor)
    page = client.get(_url("update_changelist"))
    shown = {row.pk for row in page.context["cl"].result_list}
    assert own.pk in shown and world["published"].pk in shown
    assert world["others_draft"].pk not in shown
    # Published updates of others are read-only to a contributor.
    view = client.get(_url("update_change", world["published"].pk))
    assert view.status_code == 200 and not view.context["has_change_permission"]


def test_roles_exist_with_their_custom_permissions(db):
    editor = role_user("Editor", "e")
    contributor = role_user("Contributor", "c")
    for perm in ["publish_update", "close_coverage", "merge_registry"]:
        assert editor.has_perm(f"briefings.{perm}")
        assert not contributor.has_perm(f"briefings.{perm}")
    assert contributor.has_perm("briefings.add_citation")
    assert contributor.has_perm("briefings.add_mention")
    assert not editor.has_perm("briefings.delete_briefing")
    assert role_user("Admin", "a").has_perm("auth.change_user")


def test_mentions_survive_merging_for_a_contributor_view(world):
    # A merge requested by a contributor changes nothing.
    MentionFactory(actor=world["actor2"])
    contributor = role_user("Contributor", "c")
    client = Client()
    client.force_login(contributor)
    _action(client, "actor", "merge_selected", [world["actor"], world["actor2"]])
    assert Actor.objects.filter(pk=world["actor2"].pk).exists()
