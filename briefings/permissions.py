"""Who may do what to which object: the newsroom's permission policy.

The roles' groups (migration 0005) grant Django's model permissions: what a role may do to
a kind of object. This module adds what depends on the object itself — whose update it is,
whether it is published, what a save would change — in the manner of Wagtail's
``permission_policy`` objects. Every admin screen (change forms, history and revert pages,
actions, the quick post) and the read API ask here; nothing else spells a rule out.

The rules:

- Editors and admins publish, schedule and unpublish updates, and edit anyone's update.
- A contributor adds updates as drafts and edits only their own drafts; once an editor has
  published one, it is the editors' to change.
- A contributor sees published updates and their own drafts, never other people's drafts
  (in lists, change pages, history and revisions alike).
- Briefings, sources and actors are edited (and registry entries reviewed) by whoever
  holds the model's change permission: editors and admins.
- Reverting to a revision is a save: it needs exactly what the resulting save needs.
"""

from django.db.models import Model, Q, QuerySet

from .models import Status, Update

PUBLISH_PERMISSION = "briefings.publish_update"
CLOSE_COVERAGE_PERMISSION = "briefings.close_coverage"
MERGE_PERMISSION = "briefings.merge_registry"


def _model_perm(user, action: str, model: type[Model]) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def _is_update(model: type[Model]) -> bool:
    """Update or its historical model (a revision carries the same author and status)."""
    return issubclass(model, Update) or getattr(model, "instance_type", None) is Update


# Roles ---------------------------------------------------------------------------------------


def may_publish(user, update: Update | None = None) -> bool:
    """Publish, schedule or unpublish ``update`` (any update when None), and edit anyone's."""
    return user.has_perm(PUBLISH_PERMISSION)


def may_close_coverage(user, briefing=None) -> bool:
    return user.has_perm(CLOSE_COVERAGE_PERMISSION)


def may_merge(user, model: type[Model] | None = None) -> bool:
    """Merge registry entries (sources, actors) into one."""
    return user.has_perm(MERGE_PERMISSION)


def may_review(user, entry) -> bool:
    """Accept an importer's proposal into the public registry (``is_reviewed``)."""
    return _model_perm(user, "change", type(entry))


# Seeing ----------------------------------------------------------------------------------------


def visible_updates(user, updates: QuerySet | None = None) -> QuerySet:
    """The updates (or revisions of updates) ``user`` may see in the admin."""
    updates = Update.objects.all() if updates is None else updates
    if may_publish(user):
        return updates
    return updates.filter(Q(author_id=user.pk) | Q(status=Status.PUBLISHED))


def may_view(user, model: type[Model], obj=None) -> bool:
    """See ``obj`` (or, when None, objects of ``model``) in the admin: its change page,
    history and revisions. ``obj`` may be a revision (a historical instance)."""
    if not (_model_perm(user, "view", model) or _model_perm(user, "change", model)):
        return False
    if obj is not None and _is_update(model) and not may_publish(user):
        return obj.author_id == user.pk or obj.status == Status.PUBLISHED
    return True


def visible(user, model: type[Model], objects: QuerySet) -> QuerySet:
    """The rows of ``objects`` (of ``model`` or its revisions) that ``user`` may see."""
    if _is_update(model):
        return visible_updates(user, objects)
    return objects if may_view(user, model) else objects.none()


def may_view_all(user, model: type[Model]) -> bool:
    """See every object of ``model``, deleted ones' history included."""
    return may_view(user, model) and (not _is_update(model) or may_publish(user))


# Changing --------------------------------------------------------------------------------------


def editable_updates(user, updates: QuerySet | None = None) -> QuerySet:
    """The updates ``user`` may change or delete."""
    updates = Update.objects.all() if updates is None else updates
    if not _model_perm(user, "change", Update):
        return updates.none()
    if may_publish(user):
        return updates
    return updates.filter(author_id=user.pk, status=Status.DRAFT)


def may_add(user, model: type[Model]) -> bool:
    return _model_perm(user, "add", model)


def may_change(user, model: type[Model], obj=None) -> bool:
    """Change ``obj`` as it is now (or, when None, some object of ``model``)."""
    if not _model_perm(user, "change", model):
        return False
    if obj is not None and _is_update(model) and not may_publish(user):
        return obj.author_id == user.pk and obj.status == Status.DRAFT
    return True


def may_delete(user, model: type[Model], obj=None) -> bool:
    if not _model_perm(user, "delete", model):
        return False
    return obj is None or not _is_update(model) or may_change(user, model, obj)


def may_save(user, obj, stored=None) -> bool:
    """Save ``obj`` in the state it is in now, over ``stored`` (the row as the database
    holds it; None for an addition). The same question for the change form, a revert to
    a revision, an API write or a bulk action: the result is what counts."""
    model = type(obj)
    if stored is None:
        if not may_add(user, model):
            return False
    elif not may_change(user, model, stored):
        return False
    if isinstance(obj, Update) and not may_publish(user, obj):
        # A contributor's update stays their own unscheduled draft: publishing, scheduling
        # or handing it to someone else is an editor's decision.
        return (
            obj.status == Status.DRAFT
            and obj.publish_at is None
            and obj.author_id in {None, user.pk}
        )
    if hasattr(obj, "is_reviewed") and obj.is_reviewed != getattr(stored, "is_reviewed", False):
        return may_review(user, obj)
    return True


def stored_state(obj):
    """The row ``obj`` would overwrite, as the database holds it now (None if none)."""
    if obj.pk is None:
        return None
    return type(obj)._base_manager.filter(pk=obj.pk).first()
