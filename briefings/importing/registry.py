"""The registry of sources and actors, as the importer sees it.

``ensure_starter_registry()`` adds the entries of a registry file (``fixtures/registry.json``)
that the database does not have yet — matched by name and aliases, so an editor's renamed
or merged entry (whose old name lives on as an alias) is not created again — and never
changes existing rows. ``load_registry()`` builds the matcher's plain-data Registry from the
database.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from ..models import Actor, Source, clean_typed_text
from .bulk import bulk_create_with_fast_history
from .names import Registry, RegistryEntry, fold

STARTER_REGISTRY = Path(settings.BASE_DIR) / "fixtures" / "registry.json"


@dataclass
class RegistryChanges:
    sources: int = 0
    actors: int = 0


def _known(names: set[str], entry: dict) -> bool:
    return any(fold(n) in names for n in [entry["name"], *entry.get("aliases", [])])


def _names(model) -> set[str]:
    names = set()
    for name, aliases in model.objects.values_list("name", "aliases"):
        names.update(fold(n) for n in [name, *(aliases or [])])
    return names


def ensure_starter_registry(path: Path = STARTER_REGISTRY) -> RegistryChanges:
    """Create the registry file's sources and actors that the database lacks.

    In one bulk insert for each model, history rows included: a fresh database takes the
    whole file (some 450 entries) on its first import, and saving them one by one took
    five seconds of it.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    sources = _new_entries(Source, data.get("sources", []), exclude=set())
    actors = _new_entries(Actor, data.get("actors", []), exclude={"affiliation"})
    bulk_create_with_fast_history(sources, Source, "Starter registry")
    bulk_create_with_fast_history(actors, Actor, "Starter registry")
    by_name = {actor.name: actor for actor in actors}
    affiliated = []
    for entry in data.get("actors", []):
        actor = by_name.get(entry["name"])
        if actor is not None and entry.get("affiliation"):
            actor.affiliation = Actor.objects.filter(name=entry["affiliation"]).first()
            if actor.affiliation:
                affiliated.append(actor)
    Actor.objects.bulk_update(affiliated, ["affiliation"])
    return RegistryChanges(sources=len(sources), actors=len(actors))


def _new_entries(model, entries: list[dict], exclude: set[str]) -> list:
    """The entries the database lacks (by name and aliases), validated, with free slugs."""
    known = _names(model)
    taken = set(model.objects.values_list("slug", flat=True))
    new = []
    for entry in entries:
        if _known(known, entry):
            continue
        row = model(**{k: v for k, v in entry.items() if k not in exclude | {"note"}})
        row.full_clean(exclude=["slug"], validate_constraints=False, validate_unique=False)
        clean_typed_text(model, row)  # bulk_create sends no pre_save
        row.slug = _free_slug(row.name, taken)
        known.update(fold(n) for n in [row.name, *row.aliases])
        new.append(row)
    return new


def _free_slug(name: str, taken: set[str], max_length: int = 100) -> str:
    """As models.unique_slug, against slugs already taken in this batch too."""
    base = slugify(name)[:max_length].strip("-") or "entry"
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    taken.add(slug)
    return slug


def load_registry() -> Registry:
    """Every source and actor, reviewed or proposed, as plain data for matching."""
    return Registry(
        sources=[
            RegistryEntry(str(pk), name, list(aliases or []), kind, reviewed)
            for pk, name, aliases, kind, reviewed in Source.objects.values_list(
                "pk", "name", "aliases", "kind", "is_reviewed"
            )
        ],
        actors=[
            RegistryEntry(str(pk), name, list(aliases or []), kind, reviewed)
            for pk, name, aliases, kind, reviewed in Actor.objects.values_list(
                "pk", "name", "aliases", "kind", "is_reviewed"
            )
        ],
    )
