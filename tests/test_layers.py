"""The app's modules depend on each other in one direction: no import cycle, and the rules
that several modules need (change tracking, visibility) live below all of them."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "briefings"


def module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in APP.rglob("*.py")
        if "migrations" not in path.relative_to(APP).parts
    }


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The app's modules that ``name`` imports, anywhere in it (inside functions too: a
    deferred import is still a dependency)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from . import live" imports a module; "from .models import Briefing" a name.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        found |= {target for target in targets if target in known}
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imported(name, path, set(found)) for name, path in found.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph``, as the list of modules around it, or None."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(node):
        state[node] = "open"
        trail.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*trail[trail.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = "done"
        trail.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_graph_sees_relative_and_absolute_imports():
    graph = import_graph()
    assert "briefings.models" in graph["briefings.live"]
    assert "briefings.views" in graph["briefings.urls"]  # "from . import live, views"
    assert "briefings.search" in graph["briefings.management.commands.rebuild_search_index"]


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_import_cycle_in_the_app():
    assert find_cycle(import_graph()) is None


@pytest.mark.parametrize("name", ["briefings.live", "briefings.cache"])
def test_change_tracking_users_depend_on_the_models_only(name):
    """The poll endpoint and the cache both key on a briefing's latest change, a rule of the
    model layer: neither needs a view module, nor the other."""
    allowed = {"briefings.models"}
    assert import_graph()[name] <= allowed


def all_imports(path: Path) -> set[str]:
    """Every module name ``path`` imports, absolute or relative (as written)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


def test_the_app_imports_neither_the_benchmarks_nor_its_commands():
    """The arrows point from commands and benchmarks to the library, never back."""
    bench = {path.stem for path in (APP.parent / "bench").glob("*.py")}
    assert "corpus" in bench and not (APP / "corpus.py").exists()
    for name, path in modules().items():
        if name.startswith("briefings.management"):
            continue
        imported_names = all_imports(path)
        assert not {n for n in imported_names if n.split(".")[0] in bench | {"bench"}}, name
        assert not {n for n in imported_names if "management.commands" in n}, name
