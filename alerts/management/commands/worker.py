"""Run the background worker: the queue's own worker, plus the sweep that requeues
deliveries a killed worker left behind (alerts.tasks.recover)."""

import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections

from alerts import tasks
from briefings.management.base import NewsroomCommand

SWEEP_SECONDS = 30


# The database queue keeps a row per task run; finished ones older than this go, hourly.
PRUNE_EVERY = 3600
KEEP_DAYS = 14


def sweep(stop: threading.Event, every: float, database_queue: bool) -> None:
    pruned_at = 0.0
    while True:
        close_old_connections()
        tasks.recover()
        tasks.purge_unconfirmed()
        if database_queue and time.monotonic() - pruned_at > PRUNE_EVERY:
            call_command("prune_db_task_results", min_age_days=KEEP_DAYS, verbosity=0)
            pruned_at = time.monotonic()
        if stop.wait(every):
            return


class Command(NewsroomCommand):
    help = "Send queued emails and webhooks (and run every other background task)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks at an empty queue (database queue only).",
        )
        parser.add_argument(
            "--sweep",
            dest="sweep_seconds",
            type=float,
            default=SWEEP_SECONDS,
            help="Seconds between looks for deliveries a killed worker left behind.",
        )

    def handle(self, *, interval, sweep_seconds, verbosity, **options):
        stop = threading.Event()
        # Run once before taking tasks, so that a restart after a crash resumes at once.
        tasks.recover()
        backend = settings.TASKS["default"]["BACKEND"]
        redis_queue = backend.startswith("django_tasks_rq")
        threading.Thread(
            target=sweep, args=(stop, sweep_seconds, not redis_queue), daemon=True
        ).start()
        try:
            if redis_queue:
                # The scheduler runs deferred tasks: retries and scheduled updates coming due.
                call_command(
                    "rqworker", "default", job_class="django_tasks_rq.Job", with_scheduler=True
                )
            else:
                call_command(
                    "db_worker",
                    interval=interval,
                    reload=False,
                    startup_delay=False,
                    verbosity=verbosity,
                )
        finally:
            stop.set()
