"""The service layer asks the permission policy for the user it acts for, so a caller
other than the admin (the API, a command) cannot do what the admin's screens refuse."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from briefings import services
from briefings.models import Status, Update

from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    MentionFactory,
    SourceFactory,
    UpdateFactory,
)
from .roles import role_user


@pytest.fixture
def contributor(db):
    return role_user("Contributor", "c")


@pytest.fixture
def editor(db):
    return role_user("Editor", "e")


def test_a_contributor_posts_drafts_only(contributor):
    briefing = BriefingFactory()
    now = timezone.now()
    with pytest.raises(PermissionDenied):
        services.post_update(briefing, contributor, body="Out now.", posted_at=now, publish=True)
    assert not Update.objects.filter(body="Out now.").exists()
    draft = services.post_update(briefing, contributor, body="For review.", posted_at=now)
    assert (draft.status, draft.author) == (Status.DRAFT, contributor)


def close(user) -> bool:
    return services.close_coverage(BriefingFactory(), user)


def unpublish(user) -> bool:
    return len(services.set_status(Update.objects.all(), Status.DRAFT, user)) == 1


def merge(make):
    def merged(user) -> bool:
        keep, other = make(), make()
        services.merge_into(keep, [other], user)
        return not type(other).objects.filter(pk=other.pk).exists()

    return merged


@pytest.mark.parametrize(
    "operation",
    [close, unpublish, merge(SourceFactory), merge(ActorFactory)],
    ids=["close_coverage", "set_status", "merge_sources", "merge_actors"],
)
def test_editors_operations_refuse_a_contributor(contributor, editor, operation):
    UpdateFactory()
    with pytest.raises(PermissionDenied):
        operation(contributor)
    assert operation(editor)  # the same call, by an editor, does its work


def test_one_merge_for_both_registries(editor):
    """merge_into moves what refers to the others, keeps their names as aliases, and
    deletes them — for sources and actors alike."""
    update = UpdateFactory()
    for make, refer, relation in [
        (SourceFactory, lambda e: CitationFactory(update=update, source=e), "citations"),
        (ActorFactory, lambda e: MentionFactory(update=update, actor=e), "mentions"),
    ]:
        keep, other = make(name="Keep"), make(name="Other", aliases=["Alias"])
        refer(other)
        counts = services.merge_into(keep, [other], editor)
        assert counts == {f"{relation} moved": 1}
        keep.refresh_from_db()
        assert keep.aliases == ["Other", "Alias"] and keep.is_reviewed
        assert getattr(keep, relation).get().update == update
        assert not type(keep).objects.filter(pk=other.pk).exists()
