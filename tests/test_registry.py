"""Sources and actors share one model base and one public rule: an entry is public when it
is reviewed and a published update refers to it. Every public surface follows the rule."""

import pytest
from django.urls import reverse

from briefings.models import Actor, RegistryEntry, Source, Status

from .factories import (
    ActorFactory,
    CitationFactory,
    MentionFactory,
    SourceFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db

REGISTRIES = RegistryEntry.__subclasses__()
FACTORIES = {Actor: ActorFactory, Source: SourceFactory}
REFER = {Actor: MentionFactory, Source: CitationFactory}
FILTER_PARAM = {Actor: "actor", Source: "source"}


def refer(model, entry, **update):
    field = model._meta.model_name
    return REFER[model](update=UpdateFactory(**update), **{field: entry})


def surfaces(model, entry) -> dict[str, tuple[str, str]]:
    """Where a public entry shows: (path, text that shows it there)."""
    name = model._meta.model_name
    return {
        "list": (reverse(f"briefings:{name}_list"), entry.get_absolute_url()),
        "page": (entry.get_absolute_url(), entry.name),
        "atom feed": (reverse(f"briefings:{name}_feed_atom", args=[entry.slug]), entry.name),
        "rss feed": (reverse(f"briefings:{name}_feed_rss", args=[entry.slug]), entry.name),
        "sitemap": (reverse("sitemap_section", args=[f"{name}s"]), entry.get_absolute_url()),
        # The update stream's type-to-search field offers it by name.
        "stream suggestions": (
            reverse("briefings:update_suggestions") + f"?field={name}&q={entry.name[:5]}",
            f'"value": "{entry.slug}"',
        ),
    }


def shown(client, path, text) -> bool:
    response = client.get(path)
    assert response.status_code in (200, 404), path
    return response.status_code == 200 and text in response.content.decode()


def test_every_registry_is_covered():
    assert set(REGISTRIES) == set(FACTORIES) == {Actor, Source}


@pytest.mark.parametrize("model", REGISTRIES, ids=lambda m: m.__name__)
def test_an_unreferenced_reviewed_entry_is_nowhere_until_a_published_update_refers_to_it(
    client, model
):
    entry = FACTORIES[model](name="Quiet Entry", is_reviewed=True)
    assert model.objects.public().count() == 0
    for where, (path, text) in surfaces(model, entry).items():
        assert not shown(client, path, text), where
    assert client.get(entry.get_absolute_url()).status_code == 404
    assert (
        client.get(
            reverse("briefings:update_list_json"), {FILTER_PARAM[model]: entry.slug}
        ).status_code
        == 400
    )

    refer(model, entry, status=Status.DRAFT)  # a draft's reference does not count
    for where, (path, text) in surfaces(model, entry).items():
        assert not shown(client, path, text), where

    refer(model, entry)
    assert list(model.objects.public()) == [entry]
    for where, (path, text) in surfaces(model, entry).items():
        assert shown(client, path, text), where


@pytest.mark.parametrize("model", REGISTRIES, ids=lambda m: m.__name__)
def test_an_unreviewed_entry_stays_private_even_when_referred_to(client, model):
    entry = FACTORIES[model](name="Proposed Entry", is_reviewed=False)
    refer(model, entry)
    assert not model.objects.public().exists()
    for where, (path, text) in surfaces(model, entry).items():
        assert not shown(client, path, text), where


@pytest.mark.parametrize("model", REGISTRIES, ids=lambda m: m.__name__)
def test_published_references_are_counted_and_dated(model):
    entry = FACTORIES[model]()
    newest = refer(model, entry).update
    refer(model, entry)
    refer(model, entry, status=Status.DRAFT)
    type(newest).objects.filter(pk=newest.pk).update(
        updated_at=newest.updated_at.replace(year=2099)
    )
    counted = model.objects.with_published_references().get(pk=entry.pk)
    assert counted.reference_count == 2
    assert counted.last_referenced_at.year == 2099


@pytest.mark.parametrize("model", REGISTRIES, ids=lambda m: m.__name__)
def test_the_shared_base_gives_slug_url_and_natural_key(model):
    first = FACTORIES[model](name="Same Name")
    second = (
        FACTORIES[model](name="Same Name!")
        if model is Source
        else FACTORIES[model](name="Same Name")
    )
    assert (first.slug, second.slug) == ("same-name", "same-name-2")
    name = model._meta.model_name
    assert first.get_absolute_url() == reverse(f"briefings:{name}", args=["same-name"])
    assert first.natural_key() == ("same-name",)
    assert model.objects.get_by_natural_key("same-name") == first
    assert str(first) == first.name


def test_an_affiliation_is_linked_only_when_it_has_a_page(client):
    state = ActorFactory(name="Ukraine", kind=Actor.Kind.STATE)
    minister = ActorFactory(name="Andrii Sybiha", affiliation=state)
    MentionFactory(actor=minister)
    page = client.get(minister.get_absolute_url()).content.decode()
    assert state.get_absolute_url() not in page
    MentionFactory(actor=state)
    page = client.get(minister.get_absolute_url()).content.decode()
    assert state.get_absolute_url() in page
