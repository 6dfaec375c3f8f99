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

from ..models import Actor, Source
from .match import Registry, RegistryEntry, fold

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
    """Create the registry file's sources and actors that the database lacks."""
    data = json.loads(path.read_text(encoding="utf-8"))
    changes = RegistryChanges()
    known_sources = _names(Source)
    for entry in data.get("sources", []):
        if _known(known_sources, entry):
            continue
        source = Source(**{k: v for k, v in entry.items() if k != "note"})
        source.full_clean(exclude=["slug"])
        source.save()
        known_sources.update(fold(n) for n in [source.name, *source.aliases])
        changes.sources += 1
    known_actors = _names(Actor)
    affiliations = []
    for entry in data.get("actors", []):
        if _known(known_actors, entry):
            continue
        fields = {k: v for k, v in entry.items() if k not in {"affiliation", "note"}}
        actor = Actor(**fields)
        actor.full_clean(exclude=["slug"], validate_constraints=False)
        actor.save()
        known_actors.update(fold(n) for n in [actor.name, *actor.aliases])
        if entry.get("affiliation"):
            affiliations.append((actor, entry["affiliation"]))
        changes.actors += 1
    for actor, affiliation in affiliations:
        actor.affiliation = Actor.objects.filter(name=affiliation).first()
        if actor.affiliation:
            actor.save(update_fields=["affiliation"])
    return changes


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
