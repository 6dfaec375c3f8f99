"""score_import: import an annotated corpus as a user would, score it, keep nothing."""

import json
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction

from briefings.importing import ground_truth, scoring
from briefings.importing.pipeline import Options, import_paths
from briefings.management.base import NewsroomCommand
from briefings.models import Actor, Briefing, Update


class _Rollback(Exception):
    """Raised to undo an import once it has been read back."""


class Command(NewsroomCommand):
    help = (
        "Import every document of an annotated corpus folder (NNN_name.txt beside "
        "NNN_name.json), compare with the ground truth and print the acceptance measures. "
        "Everything imported is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, metavar="DIR")
        parser.add_argument(
            "--with-date",
            action="store_true",
            help="Import again the documents that state no date, giving the ground truth's "
            "date as --date, and score times with it too.",
        )
        parser.add_argument("--json", action="store_true", help="Print the scores as JSON.")

    def handle(self, *args, **options):
        folder, with_date = options["folder"], options["with_date"]
        if not folder.is_dir():
            raise CommandError(f"no such folder: {folder}")
        try:
            corpus = ground_truth.load_corpus(folder)
        except ground_truth.CorpusError as error:
            raise CommandError(str(error)) from error
        if not corpus:
            raise CommandError(f"{folder}: no documents (NNN_name.txt with NNN_name.json)")

        # As a user runs it: the whole folder in one go, default options.
        imported = self.import_and_read([(gold.path, None) for gold in corpus])
        plain_run = [scoring.score_document(g, imported[g.path]) for g in corpus]
        dated_run = None
        if with_date:
            undated = [(g.path, g.date) for g in corpus if not g.date_stated]
            imported.update(self.import_and_read(undated))
            dated_run = [scoring.score_document(g, imported[g.path]) for g in corpus]
        summary = scoring.Summary.of(plain_run, dated_run)
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.write_table(summary, verbosity=options["verbosity"])

    def import_and_read(self, documents) -> dict[Path, scoring.ImportedDocument]:
        """Import the documents (path, date or None), read back what each became, and roll
        everything back. Documents sharing a date are imported together, in one call."""
        results: dict[Path, scoring.ImportedDocument] = {}
        groups: dict = {}
        for path, when in documents:
            groups.setdefault(when, []).append(path)
        try:
            with transaction.atomic():
                for when, paths in groups.items():
                    report = import_paths(paths, Options(date=when))
                    by_path = {Path(d.path): d for d in report.documents}
                    for path in paths:
                        document = by_path.get(path)
                        if document is None:
                            results[path] = scoring.ImportedDocument(error="not imported")
                        elif document.briefing_id is None:
                            results[path] = scoring.ImportedDocument(
                                error=document.error or document.status
                            )
                        else:
                            results[path] = read_back(document.briefing_id)
                raise _Rollback
        except _Rollback:
            pass
        return results

    def write_table(self, summary: scoring.Summary, verbosity: int) -> None:
        rows = [("measure", "measured"), *summary.rows()]
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            self.stdout.write(f"{label:<{width}}  {value}")
        if verbosity < 1:
            return
        for document in summary.documents:
            failures = [f for f in [summary.without_date(document), *document.failures] if f]
            if failures:
                self.stdout.write(f"\n{document.name}")
                for failure in failures:
                    self.stdout.write(f"  {failure}")


def read_back(briefing_id: int) -> scoring.ImportedDocument:
    briefing = Briefing.objects.get(pk=briefing_id)
    updates = (
        Update.objects.filter(briefing=briefing)
        .order_by("position", "pk")
        .prefetch_related("citations__source", "mentions__actor")
    )
    return scoring.ImportedDocument(
        title=briefing.title,
        other_text=(briefing.standfirst, briefing.byline, briefing.credit),
        updates=[
            scoring.ImportedUpdate(
                posted_at=update.posted_at,
                headline=update.headline,
                body=update.body,
                other_text=(update.section, update.byline, update.credit),
                actors=[
                    scoring.name(
                        m.actor.name,
                        [*m.actor.aliases, m.surface],
                        # Countries are places, which the ground truth leaves out; one the
                        # gold does list still counts as found.
                        neutral=m.actor.kind == Actor.Kind.STATE,
                    )
                    for m in update.mentions.all()
                ],
                sources=[
                    scoring.name(c.source.name, c.source.aliases) for c in update.citations.all()
                ],
            )
            for update in updates
        ],
    )
