"""A briefing's version, kept in Django's cache, so that a cached page asks no database.

What the caches in front of a briefing's page and poll endpoint need to know — that the
briefing at this address is published, its id, its latest change, whether it is live — is
its *state* (``briefing_state(slug)``), kept in the cache next to a *token*: a random string
that every change to what the page shows replaces. A state is believed only while it
carries the current token and its due moment (the next scheduled update coming due, the end
of the coverage: changes that happen with no save) has not come; otherwise it is read again
from the database. So a warm page, its 304 and a warm poll cost one cache read.

A token is replaced at the model layer's change points — an update, a briefing or any row of
this app pointing at one (citation, mention, quote, correction …) saved or deleted, tags
added or removed — twice: at once (a reader within the transaction's lifetime renders from
what is committed, which is still right), and when the transaction commits, because a reader
may have read the old rows and stored them under the new token in between. A reader reads
the token *before* the database, so a state it stores under a token that has since been
replaced is never believed. The moment of the change is stored too, in the transaction
of the change (``Briefing.changed_at``): the sitemap dates briefings from it. Writes that
send no signals (``queryset.update()``, ``bulk_create``) call ``briefing_changed()``
themselves or are bounded by the state's lifetime, ``NEWSROOM_SERVER_CACHE_SECONDS``; so is
what the version does not cover (an actor renamed).

The registry's names and addresses (actors, sources) are shown inside many updates of many
briefings; the pieces of pages kept for each update (``briefings/templatetags/fragments.py``)
carry the *registry stamp* in their keys, another random string in the cache, replaced the
same way whenever an actor or a source is saved (but for its creation: no kept piece can
show a row that did not exist) or deleted. A stamp the cache lost is a new random one, so a
lost cache means pieces rendered again, never stale ones; a stamp lives an hour
(``REGISTRY_STAMP_SECONDS``), which bounds how long a rename whose replacement a cache
outage swallowed can stay unseen.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from ..prepared import PreparedQuery
from .briefing import Briefing
from .registry import Actor, Source
from .update import Update

REGISTRY_STAMP_KEY = "newsroom:registry-stamp"
REGISTRY_STAMP_SECONDS = 3600


def _token_key(slug: str) -> str:
    return f"newsroom:briefing-token:{slug}"


def _state_key(slug: str) -> str:
    return f"newsroom:briefing-state:{slug}"


@dataclass
class BriefingState:
    """What the caches know of a published briefing without asking the database."""

    pk: int
    slug: str
    latest_change: datetime | None
    is_live: bool
    due: datetime | None  # when this state stops being true by itself
    token: str
    # The briefing, when the state was just read from the database; None from the cache.
    fetched: Briefing | None = field(default=None, repr=False, compare=False)

    @property
    def version(self) -> str:
        """Changes whenever the page does."""
        return f"{self.token}.{int(self.is_live)}"

    def get_object(self) -> Briefing | None:
        """The briefing with its change moments: the one just read, or one query (None if
        it stopped being published in between)."""
        if self.fetched is None:
            self.fetched = (
                Briefing.objects.published().with_change_moments().filter(pk=self.pk).first()
            )
        return self.fetched


# Made into SQL once (briefings/prepared.py): building and compiling this query cost the ORM
# 1.8 ms, thirty times what SQLite takes to answer it, on every page that missed its cache.
_published_with_version_moments = PreparedQuery(
    lambda now, slug: (
        Briefing.objects.published(now).with_version_moments(now).filter(slug=slug)[:1]
    )
)


def briefing_state(slug: str) -> BriefingState | None:
    """The state of the published briefing at ``slug``, or None when there is none: from
    the cache when it is current (no query), else from the database (one query)."""
    now = timezone.now()
    token_key, state_key = _token_key(slug), _state_key(slug)
    found = cache.get_many([token_key, state_key])
    token, stored = found.get(token_key), found.get(state_key)
    if token is not None and stored is not None:
        pk, latest_change, is_live, due, stored_token = stored
        if stored_token == token and (due is None or now < due):
            return BriefingState(pk, slug, latest_change, is_live, due, token)
    if token is None:
        # Before the database is read: a change committed after this replaces the token.
        cache.add(token_key, uuid.uuid4().hex, None)
        token = cache.get(token_key)
    briefing = next(iter(_published_with_version_moments(now, slug)), None)
    if briefing is None:
        return None
    moments = [briefing.next_due_at]
    if briefing.is_live and briefing.coverage_end is not None:
        moments.append(briefing.coverage_end)
    due = min((m for m in moments if m is not None), default=None)
    state = BriefingState(
        briefing.pk, slug, briefing.latest_change, briefing.is_live, due, token or "", briefing
    )
    if token is not None:  # a cache that kept no token (unreachable) keeps no state either
        cache.set(
            state_key,
            (state.pk, state.latest_change, state.is_live, state.due, token),
            settings.NEWSROOM_SERVER_CACHE_SECONDS,
        )
    return state


def _replace_tokens(slugs) -> None:
    cache.set_many({_token_key(slug): uuid.uuid4().hex for slug in slugs}, None)


def briefing_changed(*slugs: str, using: str = "default") -> None:
    """Move the versions of the briefings at ``slugs``: now, and when the transaction on
    ``using`` commits (see the module's docstring for why both); and store the moment in
    the same transaction (``Briefing.changed_at``, what the sitemap reads)."""
    _stamp(slugs, using)
    _replace_tokens(slugs)
    connection = connections[using]
    if not connection.in_atomic_block:
        return
    # One commit hook per transaction, for all the briefings it changes. Django replaces
    # its list of hooks when a transaction or savepoint ends, so a pending set is ours only
    # while that list is the one it was made with.
    hooks, pending = getattr(connection, "_newsroom_changed", (None, None))
    if hooks is not connection.run_on_commit:
        pending = set()
        transaction.on_commit(lambda: _replace_tokens(pending), using=using)
        connection._newsroom_changed = (connection.run_on_commit, pending)
    pending.update(slugs)


def registry_stamp() -> str:
    """The current registry stamp: read from the cache, or a new one stored there. Read it
    *before* the rows a piece is rendered from (a change committed after the read replaces
    it). A cache that keeps nothing gives a new random stamp on every call: no piece is
    ever found under it."""
    stamp = cache.get(REGISTRY_STAMP_KEY)
    if stamp is None:
        cache.add(REGISTRY_STAMP_KEY, uuid.uuid4().hex, REGISTRY_STAMP_SECONDS)
        stamp = cache.get(REGISTRY_STAMP_KEY) or uuid.uuid4().hex
    return stamp


def _replace_registry_stamp() -> None:
    cache.set(REGISTRY_STAMP_KEY, uuid.uuid4().hex, REGISTRY_STAMP_SECONDS)


def registry_changed(using: str = "default") -> None:
    """An actor's or a source's name, address or review changed: replace the registry
    stamp now and when the transaction on ``using`` commits (as ``briefing_changed``)."""
    _replace_registry_stamp()
    if connections[using].in_atomic_block:
        transaction.on_commit(_replace_registry_stamp, using=using)


def _stamp(slugs, using) -> None:
    Briefing._base_manager.using(using).filter(slug__in=slugs).update(changed_at=timezone.now())


# Change points --------------------------------------------------------------------------


def page_parts() -> list[type[models.Model]]:
    """The models whose rows are shown on a briefing's page: Briefing, Update, and every
    model of this app with a foreign key to either (citations, mentions, quotes,
    corrections, resemblances …). Historical records are not shown."""
    app = apps.get_app_config("briefings")
    return [
        model
        for model in app.get_models()
        if not hasattr(model, "instance_type")  # simple-history's historical models
        and (
            model in (Briefing, Update)
            or any(
                f.many_to_one or f.one_to_one
                for f in model._meta.get_fields()
                if f.concrete and f.related_model in (Briefing, Update)
            )
        )
    ]


def _cached(instance, name):
    """``instance.<name>`` when it is already loaded, else None: no query."""
    return (
        getattr(instance, name)
        if type(instance)._meta.get_field(name).is_cached(instance)
        else None
    )


def _slugs_of(instance) -> set[str]:
    """The addresses of the briefings ``instance`` is shown on: from loaded relations when
    it has them, else one query."""
    if isinstance(instance, Briefing):
        return {instance.slug, getattr(instance, "_stored_slug", None) or instance.slug}
    fields = [f for f in instance._meta.concrete_fields if f.related_model in (Briefing, Update)]
    slugs, briefing_ids = set(), []
    for f in fields:
        related = _cached(instance, f.name)
        if isinstance(related, Update):
            related = _cached(related, "briefing")
        if related is not None:
            slugs.add(related.slug)
        elif f.related_model is Briefing:
            briefing_ids.append(getattr(instance, f.attname))
        else:
            update = Update._base_manager.filter(pk=getattr(instance, f.attname))
            briefing_ids.append(update.values("briefing_id")[:1])
    briefing_ids = [b for b in briefing_ids if b is not None]
    if briefing_ids:
        query = models.Q()
        for briefing_id in briefing_ids:
            query |= models.Q(pk=briefing_id)
        slugs.update(Briefing._base_manager.filter(query).values_list("slug", flat=True))
    return slugs


_PAGE_PARTS: set[type[models.Model]] = set()


def _is_page_part(model) -> bool:
    if not _PAGE_PARTS:
        _PAGE_PARTS.update(page_parts())
    return model in _PAGE_PARTS


# Receivers for every model, sorted out here: the models are not all loaded when this module
# is, so the list of page parts is made on the first signal.
@receiver(post_save, dispatch_uid="briefing_changed_on_save")
@receiver(post_delete, dispatch_uid="briefing_changed_on_delete")
def _changed(sender, instance, using="default", raw=False, **kwargs):
    if raw or not _is_page_part(sender):
        return
    slugs = _slugs_of(instance)
    if slugs:
        briefing_changed(*slugs, using=using)


@receiver(pre_save, sender=Briefing, dispatch_uid="briefing_stored_slug")
def _note_stored_slug(sender, instance, raw=False, update_fields=None, **kwargs):
    # A briefing given a new address: the old one must stop answering too.
    if raw or instance.pk is None or (update_fields is not None and "slug" not in update_fields):
        return
    stored = Briefing._base_manager.filter(pk=instance.pk).values_list("slug", flat=True)
    instance._stored_slug = stored.first()


@receiver(m2m_changed, dispatch_uid="briefing_changed_on_tags")
def _tags_changed(sender, instance, action, using="default", **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, Briefing | Update
    ):
        _changed(type(instance), instance, using=using)


@receiver(post_save, sender=Actor, dispatch_uid="registry_changed_on_actor_save")
@receiver(post_save, sender=Source, dispatch_uid="registry_changed_on_source_save")
@receiver(post_delete, sender=Actor, dispatch_uid="registry_changed_on_actor_delete")
@receiver(post_delete, sender=Source, dispatch_uid="registry_changed_on_source_delete")
def _registry_changed(sender, instance, using="default", raw=False, created=False, **kwargs):
    if not raw and not created:
        registry_changed(using=using)
