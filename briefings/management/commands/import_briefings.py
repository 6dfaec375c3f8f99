"""import_briefings: plain-text documents (files or folders) → briefings."""

from datetime import date
from pathlib import Path

from django.core.management.base import CommandError

from briefings.fields import known_time_zones
from briefings.importing.load import counted
from briefings.importing.pipeline import Options, import_paths, iter_files
from briefings.importing.registry import STARTER_REGISTRY
from briefings.management.base import NewsroomCommand


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}") from error


class Command(NewsroomCommand):
    help = (
        "Import plain-text briefings (live logs, digests, articles) from files or folders. "
        "Importing the same files again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Do everything, then roll it back."
        )
        parser.add_argument("--kind", choices=["auto", "live", "digest", "article"], default="auto")
        parser.add_argument("--date", help="The documents' date, YYYY-MM-DD, where they lack one.")
        parser.add_argument(
            "--time-zone", help="The zone of stamps that do not name one (default UTC)."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the briefings (default: drafts)."
        )
        parser.add_argument(
            "--report", choices=["text", "json"], default="text", help="Output format."
        )
        parser.add_argument(
            "--registry",
            type=Path,
            default=STARTER_REGISTRY,
            help="Registry file whose missing sources and actors are added first.",
        )
        parser.add_argument(
            "--no-registry", action="store_true", help="Do not add starter registry entries."
        )

    def handle(self, *args, **options):
        missing = [str(p) for p in options["paths"] if not p.exists()]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}")
        if options["time_zone"] and options["time_zone"] not in known_time_zones():
            raise CommandError(f"--time-zone: unknown time zone {options['time_zone']!r}")
        registry = None if options["no_registry"] else options["registry"]
        if registry and not registry.is_file():
            raise CommandError(f"--registry: no such file: {registry}")
        report = import_paths(
            options["paths"],
            Options(
                kind=options["kind"],
                date=iso_date(options["date"]) if options["date"] else None,
                time_zone=options["time_zone"],
                publish=options["publish"],
                dry_run=options["dry_run"],
                registry=registry,
            ),
            progress=self.progress_bar(options["paths"]),
        )
        if options["report"] == "json":
            self.stdout.write(report.as_json())
        else:
            self.write_text(report, verbosity=options["verbosity"])
        if report.failed:
            raise CommandError(
                f"{len(report.failed)} of {len(report.documents)} documents could not be imported"
            )

    def progress_bar(self, paths):
        """A progress bar on stderr when it is a terminal; nothing in CI or when piped."""
        stream = self.stderr._out
        if not (hasattr(stream, "isatty") and stream.isatty()):
            return None
        total = sum(1 for _ in iter_files(paths))
        if total < 2:
            return None

        def show(done: int) -> None:
            filled = 30 * done // total
            stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} documents")
            if done >= total:
                stream.write("\n")
            stream.flush()

        return show

    def write_text(self, report, verbosity: int) -> None:
        prefix = "[dry run] would be " if report.dry_run else ""
        for document in report.documents:
            if document.status == "failed":
                self.stderr.write(f"failed     {document.path}: {document.error}")
                continue
            counts = ", ".join(counted(n, what) for what, n in sorted(document.counts.items()) if n)
            what = f"{document.kind} “{document.title}”"
            line = f"{prefix}{document.status:<9}  {document.path} → {what}"
            self.stdout.write(f"{line}{f' ({counts})' if counts else ''}")
            if verbosity >= 1:
                for warning in document.warnings:
                    self.stdout.write(f"           warning: {warning}")
                for resemblance in document.resemblances:
                    self.stdout.write(f"           {resemblance['kind']}: “{resemblance['title']}”")
            if verbosity >= 2:
                for repair in document.repairs:
                    self.stdout.write(f"           repaired: {repair}")
                for removed in document.removed:
                    self.stdout.write(
                        f"           removed line {removed['line']}: {removed['text']}"
                    )
        totals = report.totals()
        if report.registry and any(report.registry.values()):
            self.stdout.write(
                f"Registry: added {counted(report.registry['sources'], 'sources')} and "
                f"{counted(report.registry['actors'], 'actors')} from the starter list."
            )
        documents = len(report.documents)
        if documents and totals["unchanged"] == documents:
            self.stdout.write(
                f"Nothing changed: {counted(documents, 'documents')} already imported."
            )
            return
        summary = ", ".join(
            f"{totals[s]} {s}" for s in ("created", "updated", "unchanged", "failed") if totals[s]
        )
        updates = ", ".join(
            counted(totals[k], k)
            for k in ("updates created", "updates updated", "citations", "mentions", "quotes",
                      "sources proposed", "actors proposed")
            if totals[k]
        )  # fmt: skip
        self.stdout.write(
            f"{'Dry run, nothing written: ' if report.dry_run else ''}"
            f"{counted(documents, 'documents')}: {summary or 'none'}"
            f"{f'; {updates}' if updates else ''}."
        )
