"""Documents prepared ahead in a worker process (importing/prefetch.py) import exactly as
documents prepared in turn: the same rows, the same report; a parse made with a registry
that has changed since is made again."""

import json
from pathlib import Path

import pytest
from django.db import transaction

from briefings.importing import pipeline, prefetch
from briefings.importing.names import Registry, RegistryEntry
from briefings.models import Actor, Briefing, Citation, Mention, Resemblance, Source, Update

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

pytestmark = pytest.mark.django_db

# The first document cites an outlet nobody knows, in parentheses: loading it proposes the
# source. The others name it before a colon, which cites only an outlet the registry knows;
# the worker parses the next two before the source is proposed.
HARBOUR = (
    "Ferry traffic, {day} March 2024\n\nUPDATE 1200 GMT:\n\n"
    "Port officials in Odesa said ferries to the islands were halted for {day} hours after "
    "a strike near the harbour, and Mayor Olha Prykhodko said repairs would start. "
    "(Harbour Wire)\n\nUPDATE 0900 GMT:\n\nTalks with Taras Melnychenko on grain went on "
    "in Kherson.\n"
)
PREFIXED = HARBOUR.replace("(Harbour Wire)", "").replace(
    "Port officials", "Harbour Wire: Port officials"
)


class _Abandon(Exception):
    pass


def _imported(paths: list[Path], worker: bool, monkeypatch) -> tuple[str, list]:
    """The report and the rows of an import, made in a transaction rolled back after."""
    monkeypatch.setattr(prefetch, "available", lambda: worker)
    try:
        with transaction.atomic():
            report = pipeline.import_paths(paths, pipeline.Options(publish=True))
            rows = _rows()
            raise _Abandon
    except _Abandon:
        pass
    documents = json.loads(report.as_json())["documents"]
    for document in documents:
        document.pop("url"), document.pop("briefing_id")  # keys differ from run to run
    return json.dumps(documents, sort_keys=True), rows


def _rows() -> list:
    return [
        list(Briefing.objects.order_by("import_key").values_list("import_key", "title", "status")),
        list(
            Update.objects.order_by("import_key").values_list(
                "import_key", "posted_at", "headline", "body", "body_html", "position"
            )
        ),
        sorted(Citation.objects.values_list("update__import_key", "source__name", "position")),
        sorted(Mention.objects.values_list("update__import_key", "actor__name", "surface")),
        sorted(Source.objects.values_list("name", "is_reviewed")),
        sorted(Actor.objects.values_list("name", "kind", "is_reviewed")),
        sorted(
            Resemblance.objects.values_list(
                "briefing__import_key", "other__import_key", "kind", "score"
            )
        ),
    ]


def test_a_worker_imports_what_preparing_in_turn_imports(tmp_path, monkeypatch):
    for day in range(1, 6):
        (tmp_path / f"{day}.txt").write_text((PREFIXED if day > 1 else HARBOUR).format(day=day))
    checked = []
    consistent = prefetch.consistent

    def spy(registry, answers):
        checked.append(consistent(registry, answers))
        return checked[-1]

    monkeypatch.setattr(prefetch, "consistent", spy)
    report, rows = _imported([tmp_path], False, monkeypatch)
    assert _imported([tmp_path], True, monkeypatch) == (report, rows)
    cited = rows[2]
    assert [source for _, source, _ in cited].count("Harbour Wire") == 5
    # Documents 2 and 3 were parsed before "Harbour Wire" was proposed: parsed again here.
    # Documents 4 and 5 were sent after, with the new source: their parses are kept.
    assert checked == [False, False, True, True]


def test_the_seeds_import_the_same_with_a_worker(monkeypatch):
    alone = _imported([FIXTURES], False, monkeypatch)
    assert _imported([FIXTURES], True, monkeypatch) == alone
    assert '"status": "created"' in alone[0]


def test_a_document_imported_earlier_in_the_run_is_unchanged_when_its_turn_comes(
    tmp_path, monkeypatch
):
    (tmp_path / "a.txt").write_text(HARBOUR.format(day=1))
    (tmp_path / "b.txt").write_text(HARBOUR.format(day=1))  # the same bytes
    report, _ = _imported([tmp_path], True, monkeypatch)
    assert [d["status"] for d in json.loads(report)] == ["created", "unchanged"]


def test_the_registry_answers_are_recorded_and_checked():
    registry = Registry(
        sources=[RegistryEntry("1", "Reuters", ["Reuters news agency"], "agency", True)],
        actors=[RegistryEntry("2", "Volodymyr Zelensky", [], "person", True)],
    )
    recorder = prefetch.Recorder(registry)
    is_outlet = recorder.is_outlet  # as the parser gets it: a bound method
    assert is_outlet("Reuters") and not is_outlet("Harbour Wire")
    assert is_outlet.__self__.actor("Zelensky") is None
    assert is_outlet.__self__.person("Volodymyr Zelenskyy").name == "Volodymyr Zelensky"
    assert [(name, args) for name, args, _ in recorder.answers] == [
        ("is_outlet", ("Reuters",)),
        ("is_outlet", ("Harbour Wire",)),
        ("actor", ("Zelensky",)),
        ("person", ("Volodymyr Zelenskyy",)),
    ]
    assert prefetch.consistent(registry, recorder.answers)
    registry.add_source(RegistryEntry("3", "Harbour Wire", [], "", False))
    assert not prefetch.consistent(registry, recorder.answers)


def test_an_answer_that_is_not_plain_data_is_never_taken_as_the_same():
    registry = Registry(actors=[RegistryEntry("2", "Volodymyr Zelensky", [], "person", True)])
    recorder = prefetch.Recorder(registry)
    recorder.surnames()  # a dict of the registry's own
    assert not prefetch.consistent(registry, recorder.answers)
